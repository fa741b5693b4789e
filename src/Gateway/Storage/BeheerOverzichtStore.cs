using Dapper;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Storage;

public sealed record Telling(string Sleutel, long Aantal);

public sealed record IntakeRegel(string Systeem, string Uitkomst, string? Foutcode, long Dag, long Week);

public sealed record Wachtrij(string Toestand, long Aantal, DateTimeOffset? Oudste);

public sealed record Overzicht(
    IReadOnlyList<Telling> PerStatus, IReadOnlyList<IntakeRegel> Intake, IReadOnlyList<Wachtrij> Callbacks, long OsoMislukt, DateTimeOffset Nu);

/// <summary>The figures of the Overzicht page: a handful of grouped counts, each served by an existing index.</summary>
public sealed class BeheerOverzichtStore(DbConnectionFactory connections, TimeProvider clock)
{
    public async Task<Overzicht> LeesAsync(CancellationToken ct)
    {
        var nu = clock.GetUtcNow();
        await using var c = await connections.OpenAsync(ct);
        var perStatus = await c.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT status_code, COUNT(*) FROM hulpvraag GROUP BY status_code", cancellationToken: ct));
        var intake = await c.QueryAsync<IntakeRij>(new CommandDefinition("""
            SELECT systeem, uitkomst, foutcode,
                SUM(CASE WHEN op >= @dag THEN 1 ELSE 0 END) AS dag, COUNT(*) AS week
            FROM ontvangst WHERE op >= @week
            GROUP BY systeem, uitkomst, foutcode ORDER BY systeem, uitkomst, foutcode
            """, new { dag = nu.AddDays(-1), week = nu.AddDays(-7) }, cancellationToken: ct));
        var callbacks = await c.QueryAsync<WachtrijRij>(new CommandDefinition($"""
            SELECT toestand, COUNT(*) AS aantal, MIN(aangemaakt_op) AS oudste FROM aflevering
            WHERE toestand IN ('wachtend', 'dood') AND kanaal IN {OutboxStore.CallbackKanalen} GROUP BY toestand
            """, cancellationToken: ct));
        var oso = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM oso_notificatie WHERE toestand IN ('mislukt', 'geweigerd')", cancellationToken: ct));
        return new Overzicht(
            perStatus.Select(t => new Telling(t.Item1, t.Item2)).ToList(),
            intake.Select(r => new IntakeRegel(r.Systeem, r.Uitkomst, r.Foutcode, r.Dag, r.Week)).ToList(),
            callbacks.Select(r => new Wachtrij(r.Toestand, r.Aantal, r.Oudste)).ToList(),
            oso, nu);
    }

    private sealed class IntakeRij
    {
        public string Systeem { get; set; } = "";
        public string Uitkomst { get; set; } = "";
        public string? Foutcode { get; set; }
        public long Dag { get; set; }
        public long Week { get; set; }
    }

    private sealed class WachtrijRij
    {
        public string Toestand { get; set; } = "";
        public long Aantal { get; set; }
        public DateTimeOffset? Oudste { get; set; }
    }
}
