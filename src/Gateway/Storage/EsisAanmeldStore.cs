using System.Data.Common;
using Dapper;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Gateway.Limieten;
using Npgsql;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The one read of every Esis request before its body: the BRIN6's active registrations and the failure-limit counts
/// of (school, address and school, address), sent as one command. One round trip instead of two: on two cores each
/// round trip cost ~100 µs of CPU in the gateway and in PostgreSQL together, far more than either indexed read
/// (docs/performance.md, "Esis: one round trip less"). On PostgreSQL the reads of requests arriving side by side also
/// share a round trip (<see cref="RondeBundel{TItem, TUitkomst}"/>): still a read just before each request's code
/// comparison, so the limits judge concurrent attempts as before.
/// </summary>
public sealed class EsisAanmeldStore(DbConnectionFactory connections, FoutTellerStore tellers, LimietMetrics metrics) : IAanmeldOpslag
{
    private static readonly string Sql = EsisRegistratieStore.ActiefSql + ";\n" + FoutTellerStore.TellersSql;

    /// <summary>At most 32 requests' reads per batch, two batches on their way at once; an error fails its batch (an outage).</summary>
    private readonly RondeBundel<(string Brin6, FoutTellerStore.TellerVraag Vraag), AanmeldGegevens> _lezen = new(32, 2, _ => false);

    public async Task<AanmeldGegevens> LeesAsync(string brin6, string adres, CancellationToken cancellationToken)
    {
        var vraag = tellers.Vraag(brin6, adres);
        if (connections.IsPostgres)
        {
            return await _lezen.VoerUitAsync((brin6, vraag), LeesBundelAsync, cancellationToken);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await LeesEnkelAsync(connection, brin6, vraag, cancellationToken);
    }

    public void Geweigerd() => metrics.Geblokkeerd();

    private async Task<AanmeldGegevens> LeesEnkelAsync(DbConnection connection, string brin6, FoutTellerStore.TellerVraag vraag, CancellationToken cancellationToken)
    {
        var parameters = vraag.Parameters;
        parameters.Add("brin6", brin6);
        await using var lezer = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        var kandidaten = (await lezer.ReadAsync<EsisRegistratieStore.Rij>()).Select(r => r.Naar()).ToList();
        var rijen = await lezer.ReadAsync<FoutTellerStore.TellerRij>();
        return new AanmeldGegevens(kandidaten, tellers.Beoordeel(vraag, rijen));
    }

    /// <summary>One batch of two statements per request (registrations, then counts), in order.</summary>
    private async Task<IReadOnlyList<AanmeldGegevens>> LeesBundelAsync(IReadOnlyList<(string Brin6, FoutTellerStore.TellerVraag Vraag)> vragen)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        if (vragen.Count == 1)
        {
            return [await LeesEnkelAsync(connection, vragen[0].Brin6, vragen[0].Vraag, CancellationToken.None)];
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection);
        foreach (var (brin6, vraag) in vragen)
        {
            var registratie = new DynamicParameters();
            registratie.Add("brin6", brin6);
            batch.BatchCommands.Add(BatchOpdracht.Van(EsisRegistratieStore.ActiefSql, registratie));
            batch.BatchCommands.Add(BatchOpdracht.Van(FoutTellerStore.TellersSql, vraag.Parameters));
        }

        var gegevens = new List<AanmeldGegevens>(vragen.Count);
        await using var lezer = await batch.ExecuteReaderAsync();
        foreach (var (_, vraag) in vragen)
        {
            var kandidaten = lezer.Parse<EsisRegistratieStore.Rij>().Select(r => r.Naar()).ToList();
            await lezer.NextResultAsync();
            var rijen = lezer.Parse<FoutTellerStore.TellerRij>().ToList();
            await lezer.NextResultAsync();
            gegevens.Add(new AanmeldGegevens(kandidaten, tellers.Beoordeel(vraag, rijen)));
        }

        return gegevens;
    }
}
