using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

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

    private sealed class AuditRij
    {
        public DateTimeOffset Op { get; set; }
        public string Actor { get; set; } = "";
        public string Actie { get; set; } = "";
        public string Onderwerp { get; set; } = "";
        public string? Details { get; set; }
    }
}
