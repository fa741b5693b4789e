using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Retentie;

/// <summary>What retention removes; the word is the metric label and the audit subject.</summary>
public static class RetentieSoorten
{
    public const string AfgeleverdeCallbacks = "afgeleverde-callbacks";
    public const string OsoReplay = "oso-replay";
    public const string Ontvangsten = "ontvangsten";
    public const string MisluktePogingen = "mislukte-verificaties";
    public const string Limiettellers = "limiettellers";
    public const string AfgeslotenHulpvragen = "afgesloten-hulpvragen";

    /// <summary>E-mail deliveries that are finished: sent, skipped (opted out) or dead.</summary>
    public const string Emails = "e-mails";

    /// <summary>Audit entries, from the start of the chain.</summary>
    public const string Audit = "audit";
}

/// <summary>
/// The deletes of retention, each a bounded batch by an index (migration V9), and the lease that lets one instance at
/// a time run a round. Every delete is one short statement or transaction, so intake never waits behind a long one.
/// </summary>
public sealed class RetentieStore(DbConnectionFactory connections)
{
    private static readonly string[] Eindstatussen = StatusCatalogus.Alle.Where(s => s.Finaal).Select(s => s.Code).ToArray();

    /// <summary>Takes or renews the named lease; false while another owner holds it.</summary>
    public async Task<bool> NeemLeaseAsync(string naam, string eigenaar, DateTimeOffset nu, TimeSpan duur, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO taak_lease (naam, eigenaar, tot) VALUES (@naam, @eigenaar, @tot)
            ON CONFLICT (naam) DO UPDATE SET eigenaar = excluded.eigenaar, tot = excluded.tot
            WHERE taak_lease.tot < @nu OR taak_lease.eigenaar = @eigenaar
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(sql,
            new { naam, eigenaar, tot = (nu + duur).ToUnixTimeMilliseconds(), nu = nu.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task GeefLeaseTerugAsync(string naam, string eigenaar, CancellationToken cancellationToken)
    {
        await using var c = await connections.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("UPDATE taak_lease SET tot = 0 WHERE naam = @naam AND eigenaar = @eigenaar",
            new { naam, eigenaar }, cancellationToken: cancellationToken));
    }

    /// <summary>One batch of at most <paramref name="max"/> rows older than <paramref name="grens"/>; the number removed.</summary>
    public async Task<int> VerwijderBatchAsync(string soort, DateTimeOffset grens, int max, CancellationToken cancellationToken)
    {
        var sql = soort switch
        {
            RetentieSoorten.AfgeleverdeCallbacks => """
                DELETE FROM aflevering WHERE id IN (
                    SELECT id FROM aflevering WHERE toestand = 'afgeleverd' AND afgeleverd_op < @grens AND kanaal <> 'email' LIMIT @max)
                """,
            // Sent and skipped e-mails age from when they were finished; a dead one (never finished) from when it was
            // made or last re-driven. Each half walks its own partial index (V12).
            RetentieSoorten.Emails => """
                DELETE FROM aflevering WHERE id IN (
                    SELECT id FROM (
                        SELECT id FROM aflevering WHERE kanaal = 'email' AND toestand IN ('afgeleverd', 'overgeslagen') AND afgeleverd_op < @grens
                        UNION ALL
                        SELECT id FROM aflevering WHERE kanaal = 'email' AND toestand = 'dood' AND aangemaakt_op < @grens) x
                    LIMIT @max)
                """,
            RetentieSoorten.OsoReplay => """
                DELETE FROM oso_replay WHERE (oin, message_id) IN (
                    SELECT oin, message_id FROM oso_replay WHERE bewaren_tot < @grens LIMIT @max)
                """,
            RetentieSoorten.Ontvangsten => "DELETE FROM ontvangst WHERE id IN (SELECT id FROM ontvangst WHERE op < @grens LIMIT @max)",
            RetentieSoorten.MisluktePogingen => "DELETE FROM esis_mislukte_poging WHERE id IN (SELECT id FROM esis_mislukte_poging WHERE op < @grens LIMIT @max)",
            RetentieSoorten.Limiettellers => """
                DELETE FROM limiet_teller WHERE (sleutel, vak) IN (SELECT sleutel, vak FROM limiet_teller WHERE vak < @grensMs LIMIT @max)
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(soort), soort, "Not a batch delete."),
        };
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(sql, new { grens, grensMs = grens.ToUnixTimeMilliseconds(), max }, cancellationToken: cancellationToken));
    }

    /// <summary>Request-limit rows whose bucket is full again: the same as no row at all.</summary>
    public async Task<int> VerwijderVolleEmmersAsync(DateTimeOffset nu, CancellationToken cancellationToken)
    {
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM limiet_emmer WHERE tat < @nu",
            new { nu = nu.UtcTicks }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// One batch of closed hulpvragen (final status since before <paramref name="grens"/>) with their history and
    /// attachments, and attachment content no other hulpvraag shares, in one transaction: never half a dossier.
    /// </summary>
    public async Task<int> VerwijderAfgeslotenBatchAsync(DateTimeOffset grens, int max, CancellationToken cancellationToken)
    {
        await using var c = await connections.OpenAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        var eind = connections.Dialect.InLijst("eind");
        var ids = (await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT dossiernummer FROM hulpvraag WHERE status_code {eind} AND status_sinds < @grens ORDER BY status_sinds LIMIT @max",
            new { eind = Eindstatussen, grens, max }, t, cancellationToken: cancellationToken))).ToArray();
        if (ids.Length == 0)
        {
            await t.RollbackAsync(cancellationToken);
            return 0;
        }

        var inIds = connections.Dialect.InLijst("ids");
        var inhoud = (await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT sha256 FROM bijlage WHERE dossiernummer {inIds}", new { ids }, t, cancellationToken: cancellationToken))).ToArray();
        await VoerUitAsync(c, t, $"DELETE FROM bijlage WHERE dossiernummer {inIds}", new { ids }, cancellationToken);
        await VoerUitAsync(c, t, $"DELETE FROM statushistorie WHERE dossiernummer {inIds}", new { ids }, cancellationToken);
        var verwijderd = await VoerUitAsync(c, t, $"DELETE FROM hulpvraag WHERE dossiernummer {inIds}", new { ids }, cancellationToken);
        if (inhoud.Length > 0)
        {
            var inShas = connections.Dialect.InLijst("inhoud");
            await VoerUitAsync(c, t, $"""
                DELETE FROM bijlage_inhoud WHERE sha256 {inShas}
                    AND NOT EXISTS (SELECT 1 FROM bijlage b WHERE b.sha256 = bijlage_inhoud.sha256)
                """, new { inhoud }, cancellationToken);
        }

        await t.CommitAsync(cancellationToken);
        return verwijderd;
    }

    private static Task<int> VoerUitAsync(DbConnection c, DbTransaction t, string sql, object parameters, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(sql, parameters, t, cancellationToken: ct));
}
