using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Waiting and dead callbacks of one destination: the outbox's destination key (source system and school, the key of
/// its circuit breaker and slow limit) within one channel.
/// </summary>
public sealed record Bestemming(string Kanaal, string Sleutel, string? Brin, long Wachtend, long Dood, DateTimeOffset? Oudste)
{
    public string Naam => Sleutel.Replace(":", " · ", StringComparison.Ordinal);
}

public sealed record Levering(
    long Id, string Soort, string Systeem, string? StatusCode, string Toestand, int Pogingen, DateTimeOffset VolgendePogingOp,
    string? LaatsteFout, DateTimeOffset AangemaaktOp, DateTimeOffset? AfgeleverdOp);

/// <summary>
/// The callbacks the helpdesk sees beside a hulpvraag and per destination (the audit entries beside them come from
/// <see cref="BeheerStore.AuditAsync"/>). Callbacks
/// are the outbox's rows of the Esis and OSO channels (<c>aflevering</c>); e-mails have their own list (<see cref="EmailStore"/>).
/// </summary>
public sealed class BeheerLeveringStore(DbConnectionFactory connections)
{
    private const string CallbackKanalen = OutboxStore.CallbackKanalen;

    public async Task<IReadOnlyList<Levering>> VanHulpvraagAsync(long dossiernummer, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<OutboxStore.OverzichtRij>(new CommandDefinition($"""
            SELECT id, toestand, pogingen, volgende_poging_op, laatste_fout, aangemaakt_op, afgeleverd_op, payload
            FROM aflevering WHERE dossiernummer = @dossiernummer AND kanaal IN {CallbackKanalen} ORDER BY id DESC LIMIT 200
            """, new { dossiernummer }, cancellationToken: ct));
        return rijen.Select(r =>
        {
            var callback = CallbackPayload.Lees(r.Payload);
            return new Levering(r.Id, callback.Soort, callback.Systeem, callback.StatusCode, r.Toestand, r.Pogingen, r.VolgendePogingOp,
                r.LaatsteFout, r.AangemaaktOp, r.AfgeleverdOp);
        }).ToList();
    }

    public async Task<IReadOnlyList<Bestemming>> BestemmingenAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<BestemmingRij>(new CommandDefinition($"""
            SELECT kanaal, bestemming, MIN(brin) AS brin,
                SUM(CASE WHEN toestand = 'wachtend' THEN 1 ELSE 0 END) AS wachtend,
                SUM(CASE WHEN toestand = 'dood' THEN 1 ELSE 0 END) AS dood,
                MIN(aangemaakt_op) AS oudste
            FROM aflevering WHERE toestand IN ('wachtend', 'dood') AND kanaal IN {CallbackKanalen}
            GROUP BY kanaal, bestemming
            ORDER BY dood DESC, wachtend DESC LIMIT 500
            """, cancellationToken: ct));
        return rijen.Select(r => new Bestemming(r.Kanaal, r.Bestemming, r.Brin, r.Wachtend, r.Dood, r.Oudste)).ToList();
    }

    /// <summary>The dead callbacks of one destination (ids only), for "alle dode opnieuw".</summary>
    public async Task<IReadOnlyList<long>> DodeVanBestemmingAsync(string kanaal, string bestemming, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var ids = await c.QueryAsync<long>(new CommandDefinition($"""
            SELECT id FROM aflevering
            WHERE toestand = 'dood' AND kanaal = @kanaal AND bestemming = @bestemming AND kanaal IN {CallbackKanalen}
            ORDER BY id LIMIT 10000
            """, new { kanaal, bestemming }, cancellationToken: ct));
        return ids.AsList();
    }

    private sealed class BestemmingRij
    {
        public string Kanaal { get; set; } = "";
        public string Bestemming { get; set; } = "";
        public string? Brin { get; set; }
        public long Wachtend { get; set; }
        public long Dood { get; set; }
        public DateTimeOffset? Oudste { get; set; }
    }
}
