using Dapper;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The shared per-address token buckets (PostgreSQL only, table <c>limiet_emmer</c>): one row per address holding the
/// moment its bucket would be full again (generic cell rate algorithm). <c>GedeeldeAanvraagLimiet</c> decides what
/// to take; this store is its SQL.
/// </summary>
public sealed class LimietEmmerStore(DbConnectionFactory connections)
{
    /// <summary>
    /// Takes <paramref name="kosten"/> ticks from the bucket of <paramref name="sleutel"/> when that stays within
    /// <paramref name="tolerantie"/>: null when granted; otherwise the bucket's current full-again moment (ticks).
    /// </summary>
    public async Task<long?> NeemOfGeefStandAsync(string sleutel, long nu, long kosten, long tolerantie, CancellationToken cancellationToken)
    {
        const string neem = """
            INSERT INTO limiet_emmer AS e (sleutel, tat) VALUES (@sleutel, @nu + @kosten)
            ON CONFLICT (sleutel) DO UPDATE SET tat = GREATEST(e.tat, @nu) + @kosten
            WHERE GREATEST(e.tat, @nu) + @kosten - @tolerantie <= @nu
            RETURNING tat
            """;
        const string stand = "SELECT tat FROM limiet_emmer WHERE sleutel = @sleutel";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var tat = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(neem, new { sleutel, nu, kosten, tolerantie }, cancellationToken: cancellationToken));
        if (tat is not null)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(stand, new { sleutel }, cancellationToken: cancellationToken)) ?? nu;
    }
}
