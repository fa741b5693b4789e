using System.Text.Json;
using Dapper;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;

namespace Hulpvraag.Gateway.Storage;

public sealed record HulpvraagFilter(
    IReadOnlyList<string> Statussen, string? Brin, string? Titel, string? Bron, DateTimeOffset? OntvangenVanaf, DateTimeOffset? OntvangenTot)
{
    /// <summary>With <see cref="Brin"/>: one location of the school (BRIN6) instead of all.</summary>
    public string? Vestiging { get; init; }
}

public sealed record HulpvraagSamenvatting(
    long Dossiernummer, string Systeem, string Referentie, string Brin, string Vestiging, string Titel, string StatusCode,
    string? StatusKwalificatie, DateTimeOffset OntvangenOp, DateTimeOffset BijgewerktOp, int Versie, string AanvragerNaam);

public sealed record OntvangstOverzicht(DateTimeOffset Op, string Systeem, string? Brin, string? Vestiging, string? Referentie, string Uitkomst, long? Dossiernummer, string? Foutcode, string? Melding);

public sealed record NotificatieOverzicht(
    string Koppelsleutel, string BronBrin, string BronRouteringsKenmerk, string LeverancierOin, string Toestand, int Pogingen,
    DateTimeOffset VolgendePogingOp, string? LaatsteFout, DateTimeOffset OntvangenOp, DateTimeOffset? AfgerondOp, long? Dossiernummer);

/// <summary>The back office's and helpdesk's read models and bulk operations, as plain SQL per question asked (rendering, such as CSV, happens at the endpoint).</summary>
public sealed class BeheerStore(DbConnectionFactory connections, TimeProvider clock)
{
    public const int MaxExport = 10_000;

    public async Task<(long Totaal, IReadOnlyList<HulpvraagSamenvatting> Items)> ZoekHulpvragenAsync(HulpvraagFilter f, int pagina, int per, CancellationToken ct)
    {
        var (where, p) = Waar(f);
        var lijst = $"""
            SELECT {SamenvattingRij.Kolommen}
            FROM hulpvraag {where}
            ORDER BY ontvangen_op DESC, dossiernummer DESC
            LIMIT @per OFFSET @offset
            """;
        p.Add("per", per);
        p.Add("offset", (long)(pagina - 1) * per);
        await using var c = await connections.OpenAsync(ct);
        var totaal = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM hulpvraag {where}", p, cancellationToken: ct));
        var rijen = await c.QueryAsync<SamenvattingRij>(new CommandDefinition(lijst, p, cancellationToken: ct));
        return (totaal, rijen.Select(r => r.NaarSamenvatting()).ToList());
    }

    /// <summary>Vestiging only narrows a given BRIN (a location number alone means nothing).</summary>
    private static (string Where, DynamicParameters P) Waar(HulpvraagFilter f)
    {
        var w = HulpvraagWaar.Voor(f.Statussen, f.Brin, f.Brin is null ? null : f.Vestiging, f.Titel, f.Bron, f.OntvangenVanaf, f.OntvangenTot);
        return (w.Sql, w.Parameters);
    }

    /// <summary>What arrived from a school (all locations, or one when <paramref name="vestiging"/> is given), newest first.</summary>
    public async Task<IReadOnlyList<OntvangstOverzicht>> OntvangstenAsync(string brin, DateTimeOffset vanaf, CancellationToken ct, string? vestiging = null)
    {
        const string sql = """
            SELECT op, systeem, brin, vestiging, referentie, uitkomst, dossiernummer, foutcode, melding
            FROM ontvangst WHERE brin = @brin AND (@vestiging IS NULL OR vestiging = @vestiging) AND op >= @vanaf ORDER BY op DESC LIMIT 1000
            """;
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<OntvangstRij>(new CommandDefinition(sql, new { brin, vestiging, vanaf }, cancellationToken: ct));
        return rijen.Select(r => new OntvangstOverzicht(r.Op, r.Systeem, r.Brin, r.Vestiging, r.Referentie, r.Uitkomst, r.Dossiernummer, r.Foutcode, r.Melding)).ToList();
    }

    public async Task<IReadOnlyList<NotificatieOverzicht>> NotificatiesAsync(string? toestand, string? brin, DateTimeOffset? vanaf, CancellationToken ct)
    {
        const string sql = """
            SELECT koppelsleutel, bron_brin, bron_routeringskenmerk, leverancier_oin, toestand, pogingen, volgende_poging_op,
                laatste_fout, ontvangen_op, afgerond_op, dossiernummer
            FROM oso_notificatie
            WHERE (@toestand IS NULL OR toestand = @toestand) AND (@brin IS NULL OR bron_brin = @brin)
              AND (@vanaf IS NULL OR ontvangen_op >= @vanaf)
            ORDER BY ontvangen_op DESC LIMIT 1000
            """;
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<NotificatieRij>(new CommandDefinition(sql, new { toestand, brin, vanaf }, cancellationToken: ct));
        return rijen.Select(r => r.Naar()).ToList();
    }

    /// <summary>Re-drive: a failed (or refused) fetch job is due again now, with its attempts reset.</summary>
    public async Task<bool> NotificatieOpnieuwAsync(string koppelsleutel, AuditRegel audit, CancellationToken ct)
    {
        const string sql = """
            UPDATE oso_notificatie SET toestand = 'wachtend', pogingen = 0, volgende_poging_op = @nu, ontvangen_op = @nu,
                lease_eigenaar = NULL, lease_tot = NULL, afgerond_op = NULL
            WHERE koppelsleutel = @koppelsleutel AND toestand IN ('mislukt', 'geweigerd')
            """;
        await using var c = await connections.OpenAsync(ct);
        await using var t = await c.BeginTransactionAsync(ct);
        var ok = await c.ExecuteAsync(new CommandDefinition(sql, new { koppelsleutel, nu = clock.GetUtcNow() }, t, cancellationToken: ct)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(c, t, audit, ct);
        }

        await t.CommitAsync(ct);
        return ok;
    }

    /// <summary>
    /// The personeelswissel: the contact of every open hulpvraag of a school location (optionally only those of the
    /// departing IB'er) becomes the new one. A version bump per row, one audit entry; no callback (no status change).
    /// </summary>
    public async Task<int> WisselContactpersoonAsync(string brin, string vestiging, Aanvrager nieuw, string? vervangtEmail, string actor, CancellationToken ct)
    {
        var finaal = StatusCatalogus.Alle.Where(s => s.Finaal).Select(s => s.Code).ToArray();
        var p = new DynamicParameters(new { brin, vestiging });
        var namen = finaal.Select((code, i) => { p.Add($"f{i}", code); return $"@f{i}"; });
        var sql = $"""
            SELECT dossiernummer, aanvrager_json FROM hulpvraag
            WHERE brin = @brin AND vestiging = @vestiging AND status_code NOT IN ({string.Join(", ", namen)})
            """;
        var nu = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(nieuw, Json);
        await using var c = await connections.OpenAsync(ct);
        await using var t = await c.BeginTransactionAsync(ct);
        var aantal = 0;
        foreach (var (dossiernummer, aanvragerJson) in await c.QueryAsync<(long, string)>(new CommandDefinition(sql, p, t, cancellationToken: ct)))
        {
            var huidig = JsonSerializer.Deserialize<Aanvrager>(aanvragerJson, Json);
            if (vervangtEmail is not null && !string.Equals(huidig?.Email, vervangtEmail, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            aantal += await c.ExecuteAsync(new CommandDefinition("""
                UPDATE hulpvraag SET aanvrager_json = @json, versie = versie + 1, bijgewerkt_op = @nu WHERE dossiernummer = @dossiernummer
                """, new { json, nu, dossiernummer }, t, cancellationToken: ct));
        }

        await AuditStore.SchrijfAsync(c, t, new AuditRegel(nu, actor, "school.contactpersoon", $"school:{brin}{vestiging}",
            $"{aantal} hulpvraag/hulpvragen{(vervangtEmail is null ? "" : " van de vertrekkende contactpersoon")}"), ct);
        await t.CommitAsync(ct);
        return aantal;
    }

    public async Task<IReadOnlyList<AuditRegel>> AuditAsync(DateTimeOffset? vanaf, string? onderwerp, int max, CancellationToken ct)
    {
        // Only the filters given: PostgreSQL cannot type an untyped NULL parameter in "@vanaf IS NULL" (42P18).
        var sql = $"""
            SELECT op, actor, actie, onderwerp, details FROM audit
            WHERE 1 = 1{(vanaf is null ? "" : " AND op >= @vanaf")}{(onderwerp is null ? "" : " AND onderwerp = @onderwerp")}
            ORDER BY id DESC LIMIT @max
            """;
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<AuditRij>(new CommandDefinition(sql, new { vanaf, onderwerp, max }, cancellationToken: ct));
        return rijen.Select(r => new AuditRegel(r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details)).ToList();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class OntvangstRij
    {
        public DateTimeOffset Op { get; set; }
        public string Systeem { get; set; } = "";
        public string? Brin { get; set; }
        public string? Vestiging { get; set; }
        public string? Referentie { get; set; }
        public string Uitkomst { get; set; } = "";
        public long? Dossiernummer { get; set; }
        public string? Foutcode { get; set; }
        public string? Melding { get; set; }
    }

    private sealed class NotificatieRij
    {
        public string Koppelsleutel { get; set; } = "";
        public string BronBrin { get; set; } = "";
        public string BronRouteringskenmerk { get; set; } = "";
        public string LeverancierOin { get; set; } = "";
        public string Toestand { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset VolgendePogingOp { get; set; }
        public string? LaatsteFout { get; set; }
        public DateTimeOffset OntvangenOp { get; set; }
        public DateTimeOffset? AfgerondOp { get; set; }
        public long? Dossiernummer { get; set; }

        public NotificatieOverzicht Naar() => new(Koppelsleutel, BronBrin, BronRouteringskenmerk, LeverancierOin, Toestand, Pogingen,
            VolgendePogingOp, LaatsteFout, OntvangenOp, AfgerondOp, Dossiernummer);
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
