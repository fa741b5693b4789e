using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Audit;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Who did what, when: a hash chain (see <see cref="AuditKeten"/>). Written in the transaction of the change it
/// describes where there is one. Moving the head row (audit_keten) forward locks it until the transaction ends, so
/// two appends can never follow the same entry. On PostgreSQL that happens at COMMIT (a deferred trigger, migration
/// V15), so the head is locked for the commit only and audited writes do not queue behind each other's statements;
/// on SQLite the gateway links the entry itself (the single writer holds the database's lock to the end anyway).
/// </summary>
public sealed class AuditStore(DbConnectionFactory connections)
{
    public async Task SchrijfAsync(AuditRegel regel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await SchrijfAsync(connection, null, regel, cancellationToken);
    }

    /// <summary>Appends one entry in <paramref name="transaction"/> (the caller's, so the entry commits with its change), or in one of its own.</summary>
    internal static async Task SchrijfAsync(DbConnection connection, DbTransaction? transaction, AuditRegel regel, CancellationToken ct)
    {
        var op = AuditKeten.OpMicroseconde(regel.Op);
        if (SqlDialect.Van(connection).AuditKetenBijCommit)
        {
            // The marker asks the deferred trigger to link this entry as the transaction commits (its own, without one).
            const string bijCommit = """
                INSERT INTO audit (op, actor, actie, onderwerp, details, hash) VALUES (@op, @Actor, @Actie, @Onderwerp, @Details, 'wacht-op-keten')
                """;
            await connection.ExecuteAsync(new CommandDefinition(bijCommit,
                new { op, regel.Actor, regel.Actie, regel.Onderwerp, regel.Details }, transaction, cancellationToken: ct));
            return;
        }

        if (transaction is null)
        {
            // Without a transaction the head lock would end before the entry is written: take one of our own.
            await using var eigen = await connection.BeginTransactionAsync(ct);
            await SchrijfAsync(connection, eigen, regel, ct);
            await eigen.CommitAsync(ct);
            return;
        }

        const string kopSql = """
            UPDATE audit_keten SET kop_volgnummer = kop_volgnummer + 1 WHERE id = 1 RETURNING kop_volgnummer, kop_hash
            """;
        var (volgnummer, vorigeHash) = await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(kopSql, transaction: transaction, cancellationToken: ct));
        var hash = AuditKeten.Hash(volgnummer, op, regel.Actor, regel.Actie, regel.Onderwerp, regel.Details, vorigeHash);

        const string sql = """
            INSERT INTO audit (op, actor, actie, onderwerp, details, volgnummer, vorige_hash, hash)
            VALUES (@op, @Actor, @Actie, @Onderwerp, @Details, @volgnummer, @vorigeHash, @hash);
            UPDATE audit_keten SET kop_hash = @hash WHERE id = 1;
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql,
            new { op, regel.Actor, regel.Actie, regel.Onderwerp, regel.Details, volgnummer, vorigeHash, hash }, transaction, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditRegel>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT op, actor, actie, onderwerp, details FROM audit ORDER BY id DESC LIMIT @max
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<AuditRij>(new CommandDefinition(sql, new { max }, cancellationToken: cancellationToken));
        return rijen.Select(r => new AuditRegel(r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details)).ToList();
    }

    public async Task<AuditKetenKop> KopAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT kop_volgnummer, kop_hash, anker_volgnummer, anker_hash, ongeketend_tot_id, ongeketend_aantal FROM audit_keten WHERE id = 1
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var k = await connection.QuerySingleAsync<(long, string, long, string, long, long)>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return new AuditKetenKop(k.Item1, k.Item2, k.Item3, k.Item4, k.Item5, k.Item6);
    }

    /// <summary>Entries without a place in the chain: how many, and the first whose id lies after the chain began.</summary>
    internal async Task<(long Aantal, long? EersteNaGrens)> OngeketendAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*) AS aantal,
                   MIN(CASE WHEN id > (SELECT ongeketend_tot_id FROM audit_keten WHERE id = 1) THEN id END) AS eerste
            FROM audit WHERE volgnummer IS NULL
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var r = await connection.QuerySingleAsync<(long, long?)>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return r;
    }

    /// <summary>The chained entries in chain order, streamed (the trail grows for years).</summary>
    internal async IAsyncEnumerable<AuditKetenRegel> KetenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, volgnummer, op, actor, actie, onderwerp, details, vorige_hash, hash
            FROM audit WHERE volgnummer IS NOT NULL ORDER BY volgnummer
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: cancellationToken, flags: CommandFlags.None));
        var parser = reader.GetRowParser<AuditRij>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var r = parser(reader);
            yield return new AuditKetenRegel(r.Id, r.Volgnummer, r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details, r.VorigeHash, r.Hash);
        }
    }

    /// <summary>
    /// Retention: deletes at most <paramref name="max"/> of the oldest entries written before <paramref name="voor"/>,
    /// from the start of the chain only (entries from before the chain first), and moves the anchor to the last
    /// removed entry so the chain still verifies from there. Returns how many were removed.
    /// </summary>
    public async Task<int> VerwijderBeginAsync(DateTimeOffset voor, int max, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Lock the head first (same order as an append), so no append runs between reading and moving the anchor.
        await connection.ExecuteAsync(new CommandDefinition("UPDATE audit_keten SET anker_volgnummer = anker_volgnummer WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

        var ongeketend = await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE volgnummer IS NULL AND op < @voor ORDER BY id LIMIT @max)
            """, new { voor, max }, transaction, cancellationToken: cancellationToken));
        var geketend = 0;
        if (ongeketend < max && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM audit WHERE volgnummer IS NULL", transaction: transaction, cancellationToken: cancellationToken)) == 0)
        {
            // The last entry to go: contiguous from the start of the chain, older than the limit, and never the head
            // entry itself, so the trail always shows the current hash.
            var laatste = (await connection.QueryAsync<(long Volgnummer, string Hash)>(new CommandDefinition("""
                SELECT a.volgnummer, a.hash FROM audit a
                WHERE a.volgnummer IS NOT NULL AND a.op < @voor
                  AND a.volgnummer < (SELECT kop_volgnummer FROM audit_keten WHERE id = 1)
                  AND a.volgnummer <= (SELECT anker_volgnummer FROM audit_keten WHERE id = 1) + @max
                  AND NOT EXISTS (SELECT 1 FROM audit b WHERE b.volgnummer IS NOT NULL AND b.volgnummer < a.volgnummer AND b.op >= @voor)
                ORDER BY a.volgnummer DESC LIMIT 1
                """, new { voor, max = (long)(max - ongeketend) }, transaction, cancellationToken: cancellationToken))).ToList();
            if (laatste is [var l])
            {
                geketend = await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM audit WHERE volgnummer IS NOT NULL AND volgnummer <= @Volgnummer", new { l.Volgnummer }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE audit_keten SET anker_volgnummer = @Volgnummer, anker_hash = @Hash WHERE id = 1", new { l.Volgnummer, l.Hash }, transaction, cancellationToken: cancellationToken));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_keten SET ongeketend_aantal = ongeketend_aantal - @ongeketend WHERE id = 1", new { ongeketend = (long)ongeketend }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ongeketend + geketend;
    }

    private sealed class AuditRij
    {
        public long Id { get; set; }
        public long? Volgnummer { get; set; }
        public DateTimeOffset Op { get; set; }
        public string Actor { get; set; } = "";
        public string Actie { get; set; } = "";
        public string Onderwerp { get; set; } = "";
        public string? Details { get; set; }
        public string? VorigeHash { get; set; }
        public string? Hash { get; set; }
    }
}
