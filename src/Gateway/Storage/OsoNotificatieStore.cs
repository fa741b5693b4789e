using Dapper;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Dapper store of OSO notificaties, the durable fetch jobs: the store side of the OSO pull's leased work queue.</summary>
public sealed class OsoNotificatieStore(DbConnectionFactory connections, TimeProvider clock) : IOsoNotificaties, IWerkOpslag<OsoNotificatie>
{
    private const string Kolommen = """
        koppelsleutel, bron_brin, bron_routeringskenmerk, doel_brin, doel_routeringskenmerk, leverancier_oin, message_id, ontvangen_op
        """;

    public async Task<bool> VoegToeAsync(OsoNotificatie n, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO oso_notificatie (koppelsleutel, bron_brin, bron_routeringskenmerk, doel_brin, doel_routeringskenmerk,
                leverancier_oin, message_id, toestand, pogingen, volgende_poging_op, ontvangen_op)
            VALUES (@Koppelsleutel, @BronBrin, @BronRouteringsKenmerk, @DoelBrin, @DoelRouteringsKenmerk,
                @LeverancierOin, @MessageId, 'wachtend', 0, @OntvangenOp, @OntvangenOp)
            ON CONFLICT (koppelsleutel) DO NOTHING
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(sql, n, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<GeclaimdeNotificatie>> ClaimAsync(string eigenaar, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var skipLocked = connections.Dialect.SkipLocked;
        var sql = $"""
            UPDATE oso_notificatie SET lease_eigenaar = @eigenaar, lease_tot = @leaseTot, pogingen = pogingen + 1
            WHERE koppelsleutel IN (
                SELECT koppelsleutel FROM oso_notificatie
                WHERE toestand = 'wachtend' AND volgende_poging_op <= @nu AND (lease_tot IS NULL OR lease_tot < @nu)
                ORDER BY volgende_poging_op
                LIMIT @max
                {skipLocked})
            RETURNING {Kolommen}, pogingen
            """;
        var nu = clock.GetUtcNow();
        await using var c = await connections.OpenAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        var rijen = await c.QueryAsync<Rij>(new CommandDefinition(sql, new { eigenaar, leaseTot = nu + lease, nu, max }, t, cancellationToken: cancellationToken));
        await t.CommitAsync(cancellationToken);
        return rijen.Select(r => new GeclaimdeNotificatie(r.Naar(), r.Pogingen)).ToList();
    }

    /// <summary>The pull's horizon counts from the notificatie; the school's BRIN is the destination.</summary>
    async Task<IReadOnlyList<GeclaimdWerk<OsoNotificatie>>> IWerkOpslag<OsoNotificatie>.ClaimAsync(
        string eigenaar, int max, TimeSpan lease, IReadOnlyCollection<string> uitgesloten, CancellationToken cancellationToken) =>
        (await ClaimAsync(eigenaar, max, lease, cancellationToken))
            .Select(g => new GeclaimdWerk<OsoNotificatie>(g.Notificatie, g.Notificatie.BronBrin, g.Notificatie.BronBrin, g.Pogingen, g.Notificatie.OntvangenOp))
            .ToList();

    async Task<bool> IWerkOpslag<OsoNotificatie>.AfrondenAsync(GeclaimdWerk<OsoNotificatie> werk, string eigenaar, WerkUitkomst uitkomst, CancellationToken cancellationToken)
    {
        var (toestand, dossiernummer, fout) = uitkomst switch
        {
            WerkUitkomst.Klaar k => (k.Toestand, k.Dossiernummer, k.Melding),
            WerkUitkomst.Dood d => (NotificatieToestanden.Mislukt, (long?)null, (string?)d.Reden),
            _ => throw new ArgumentOutOfRangeException(nameof(uitkomst), "Only Klaar or Dood finish a fetch job."),
        };
        await AfrondenAsync(werk.Werk.Koppelsleutel, eigenaar, toestand, dossiernummer, fout, cancellationToken);
        return true;
    }

    async Task<bool> IWerkOpslag<OsoNotificatie>.PlanOpnieuwAsync(GeclaimdWerk<OsoNotificatie> werk, string eigenaar, DateTimeOffset volgendePoging, string reden, AfleverPoging? poging, CancellationToken cancellationToken)
    {
        await PlanOpnieuwAsync(werk.Werk.Koppelsleutel, eigenaar, volgendePoging, reden, cancellationToken);
        return true;
    }

    public async Task AfrondenAsync(string koppelsleutel, string eigenaar, string toestand, long? dossiernummer, string? fout, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE oso_notificatie SET toestand = @toestand, dossiernummer = @dossiernummer, laatste_fout = @fout, afgerond_op = @nu,
                lease_eigenaar = NULL, lease_tot = NULL
            WHERE koppelsleutel = @koppelsleutel AND lease_eigenaar = @eigenaar
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(sql, new { koppelsleutel, eigenaar, toestand, dossiernummer, fout = Kort(fout), nu = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task PlanOpnieuwAsync(string koppelsleutel, string eigenaar, DateTimeOffset volgendePoging, string fout, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE oso_notificatie SET volgende_poging_op = @volgendePoging, laatste_fout = @fout, lease_eigenaar = NULL, lease_tot = NULL
            WHERE koppelsleutel = @koppelsleutel AND lease_eigenaar = @eigenaar
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(sql, new { koppelsleutel, eigenaar, volgendePoging, fout = Kort(fout) }, cancellationToken: cancellationToken));
    }

    public async Task<OsoNotificatie?> VindAsync(string koppelsleutel, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Kolommen}, pogingen FROM oso_notificatie WHERE koppelsleutel = @koppelsleutel";
        await using var c = await connections.OpenAsync(cancellationToken);
        return (await c.QuerySingleOrDefaultAsync<Rij>(new CommandDefinition(sql, new { koppelsleutel }, cancellationToken: cancellationToken)))?.Naar();
    }

    private static string? Kort(string? s) => s is null || s.Length <= 1000 ? s : s[..1000];

    private sealed class Rij
    {
        public string Koppelsleutel { get; set; } = "";
        public string BronBrin { get; set; } = "";
        public string BronRouteringskenmerk { get; set; } = "";
        public string DoelBrin { get; set; } = "";
        public string DoelRouteringskenmerk { get; set; } = "";
        public string LeverancierOin { get; set; } = "";
        public string MessageId { get; set; } = "";
        public DateTimeOffset OntvangenOp { get; set; }
        public int Pogingen { get; set; }

        public OsoNotificatie Naar() => new(Koppelsleutel, BronBrin, BronRouteringskenmerk, DoelBrin, DoelRouteringskenmerk, LeverancierOin, MessageId, OntvangenOp);
    }
}
