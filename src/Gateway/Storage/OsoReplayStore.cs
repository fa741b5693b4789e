using Dapper;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The replay memory of signed OSO messages: (signer OIN, wsa:MessageID) with the content hash, kept until the message
/// could no longer pass the timestamp window. Retention removes expired rows (RetentieStore).
/// </summary>
public sealed class OsoReplayStore(DbConnectionFactory connections, TimeProvider clock) : IReplayStore
{
    /// <summary>
    /// Insert-or-compare in one statement: the primary key makes two concurrent deliveries of one id resolve to one
    /// New and one SameContent/DifferentContent. Expired entries are overwritten as new.
    /// </summary>
    public async ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO oso_replay (oin, message_id, content_hash, bewaren_tot) VALUES (@oin, @messageId, @contentHash, @keepUntil)
            ON CONFLICT (oin, message_id) DO UPDATE SET content_hash = excluded.content_hash, bewaren_tot = excluded.bewaren_tot
                WHERE oso_replay.bewaren_tot < @nu
            RETURNING content_hash
            """;
        await using var c = await connections.OpenAsync(ct);
        var nu = clock.GetUtcNow();
        var ingevoegd = await c.ExecuteScalarAsync<string?>(new CommandDefinition(sql, new { oin, messageId, contentHash, keepUntil, nu }, cancellationToken: ct));
        if (ingevoegd is not null)
        {
            return ReplayCheck.New;
        }

        var bestaand = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT content_hash FROM oso_replay WHERE oin = @oin AND message_id = @messageId", new { oin, messageId }, cancellationToken: ct));
        return bestaand == contentHash ? ReplayCheck.SameContent : ReplayCheck.DifferentContent;
    }
}
