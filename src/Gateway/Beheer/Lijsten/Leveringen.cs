using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>Waiting and dead callbacks of one destination (source system and its channel, or the school when there is none).</summary>
public sealed record Bestemming(string Systeem, string? Kanaal, string Brin, string Vestiging, long Wachtend, long Dood, DateTimeOffset? Oudste)
{
    public string Naam => $"{Systeem} · {Brin}{Vestiging}{(Kanaal is null ? "" : $" · {Kanaal}")}";
}

public sealed record Levering(
    long Id, string Soort, string Systeem, string? StatusCode, string Toestand, int Pogingen, DateTimeOffset VolgendePogingOp,
    string? LaatsteFout, DateTimeOffset AangemaaktOp, DateTimeOffset? AfgeleverdOp);

/// <summary>What the Hulpvraag page shows beside the hulpvraag itself: its deliveries and its audit entries.</summary>
public sealed class Leveringen(DbConnectionFactory connections)
{
    public async Task<IReadOnlyList<Levering>> VanHulpvraagAsync(long dossiernummer, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<Rij>(new CommandDefinition("""
            SELECT id, soort, systeem, status_code, toestand, pogingen, volgende_poging_op, laatste_fout, aangemaakt_op, afgeleverd_op
            FROM callback WHERE dossiernummer = @dossiernummer ORDER BY id DESC LIMIT 200
            """, new { dossiernummer }, cancellationToken: ct));
        return rijen.Select(r => new Levering(r.Id, r.Soort, r.Systeem, r.StatusCode, r.Toestand, r.Pogingen, r.VolgendePogingOp,
            r.LaatsteFout, r.AangemaaktOp, r.AfgeleverdOp)).ToList();
    }

    public async Task<IReadOnlyList<Bestemming>> BestemmingenAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<BestemmingRij>(new CommandDefinition("""
            SELECT systeem, kanaal, brin, vestiging,
                SUM(CASE WHEN toestand = 'wachtend' THEN 1 ELSE 0 END) AS wachtend,
                SUM(CASE WHEN toestand = 'dood' THEN 1 ELSE 0 END) AS dood,
                MIN(aangemaakt_op) AS oudste
            FROM callback WHERE toestand IN ('wachtend', 'dood')
            GROUP BY systeem, kanaal, brin, vestiging
            ORDER BY dood DESC, wachtend DESC LIMIT 500
            """, cancellationToken: ct));
        return rijen.Select(r => new Bestemming(r.Systeem, r.Kanaal, r.Brin, r.Vestiging, r.Wachtend, r.Dood, r.Oudste)).ToList();
    }

    /// <summary>The dead callbacks of one destination (ids only), for "alle dode opnieuw".</summary>
    public async Task<IReadOnlyList<long>> DodeVanBestemmingAsync(string systeem, string? kanaal, string brin, string vestiging, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var ids = await c.QueryAsync<long>(new CommandDefinition("""
            SELECT id FROM callback
            WHERE toestand = 'dood' AND systeem = @systeem AND brin = @brin AND vestiging = @vestiging
              AND ((@kanaal IS NULL AND kanaal IS NULL) OR kanaal = @kanaal)
            ORDER BY id LIMIT 10000
            """, new { systeem, kanaal, brin, vestiging }, cancellationToken: ct));
        return ids.AsList();
    }

    public async Task<IReadOnlyList<AuditRegel>> AuditAsync(string onderwerp, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<AuditRij>(new CommandDefinition("""
            SELECT op, actor, actie, onderwerp, details FROM audit WHERE onderwerp = @onderwerp ORDER BY id DESC LIMIT 200
            """, new { onderwerp }, cancellationToken: ct));
        return rijen.Select(r => new AuditRegel(r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details)).ToList();
    }

    private sealed class Rij
    {
        public long Id { get; set; }
        public string Soort { get; set; } = "";
        public string Systeem { get; set; } = "";
        public string? StatusCode { get; set; }
        public string Toestand { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset VolgendePogingOp { get; set; }
        public string? LaatsteFout { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? AfgeleverdOp { get; set; }
    }

    private sealed class BestemmingRij
    {
        public string Systeem { get; set; } = "";
        public string? Kanaal { get; set; }
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public long Wachtend { get; set; }
        public long Dood { get; set; }
        public DateTimeOffset? Oudste { get; set; }
    }

    private sealed class AuditRij
    {
        public DateTimeOffset Op { get; set; }
        public string Actor { get; set; } = "";
        public string Actie { get; set; } = "";
        public string Onderwerp { get; set; } = "";
        public string? Details { get; set; }
    }
}
