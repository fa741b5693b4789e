using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Logboek;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Velden;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Core.Intake;

public sealed record CoreInstellingen(string SamenwerkingsverbandCode);

public enum IntakeResultaat
{
    Aangemaakt,
    Bijgewerkt,
    Ongewijzigd,
}

public sealed record IntakeUitkomst(Model.Hulpvraag Hulpvraag, IntakeResultaat Resultaat);

/// <summary>
/// Creates, resubmits and extends hulpvragen. Idempotent on (systeem, brin, referentie) and on attachment content:
/// the store's unique key decides races, and a lost race is retried as a resubmission.
/// </summary>
public sealed class IntakeService(IHulpvraagStore store, TimeProvider clock, CoreInstellingen instellingen, ILogger<IntakeService> logger)
{
    private const int MaxPogingen = 8;

    public async Task<Result<IntakeUitkomst>> IndienenAsync(AanvraagInvoer invoer, CancellationToken cancellationToken)
    {
        var validatie = AanvraagValidatie.Valideer(invoer, instellingen.SamenwerkingsverbandCode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (!validatie.IsSuccess)
        {
            await WeigeringAsync(invoer.Systeem, invoer.Brin, invoer.Vestiging, invoer.Referentie, validatie.Fouten, cancellationToken);
            return Result<IntakeUitkomst>.Fail(validatie.Fouten);
        }

        var aanvraag = validatie.Value!;
        for (var poging = 0; poging < MaxPogingen; poging++)
        {
            // New requests are the common case: try to create first and only read after a conflict, which saves a
            // round trip per submission (a resend costs one cheap refused insert instead).
            var bestaand = poging == 0 ? null : await store.FindByBronAsync(aanvraag.Bron.Sleutel, cancellationToken);
            if (bestaand is not null && TeVeelBijlagen(bestaand, aanvraag.Bijlagen, invoer.Veld("bijlagen")) is { } teVeel)
            {
                await WeigeringAsync(invoer.Systeem, invoer.Brin, invoer.Vestiging, invoer.Referentie, [teVeel], cancellationToken);
                return Result<IntakeUitkomst>.Fail(teVeel);
            }

            var uitkomst = bestaand is null
                ? await MaakAanAsync(aanvraag, invoer.MeldOntvangstTerug, cancellationToken)
                : await WerkBijAsync(bestaand, aanvraag, cancellationToken);
            if (uitkomst is not null)
            {
                return Result<IntakeUitkomst>.Ok(Gelogd(uitkomst, bestaand));
            }
        }

        throw new InvalidOperationException($"Hulpvraag {aanvraag.Bron.Sleutel} kept conflicting after {MaxPogingen} attempts.");
    }

    /// <summary>Later attachments for an existing hulpvraag (Esis POST …/bijlagen, a second OSO notificatie).</summary>
    public async Task<Result<IntakeUitkomst>> BijlagenToevoegenAsync(
        BronSleutel sleutel, string? vestiging, IReadOnlyList<OntvangenBijlage> bijlagen, CancellationToken cancellationToken)
    {
        var fouten = new List<Fout>();
        var waarschuwingen = new List<Waarschuwing>();
        var gevalideerd = new List<GevalideerdeBijlage>();
        if (bijlagen.Count > VeldRegels.MaxBijlagenPerAanvraag)
        {
            fouten.Add(VeldRegels.TeVeelBijlagenInAanvraag("bijlagen", bijlagen.Count));
            bijlagen = [];
        }

        foreach (var b in bijlagen)
        {
            var g = AanvraagValidatie.ValideerBijlage(b, fouten, waarschuwingen);
            if (g is not null)
            {
                gevalideerd.Add(g);
            }
        }

        if (fouten.Count > 0)
        {
            await WeigeringAsync(sleutel.Systeem, sleutel.Brin, vestiging, sleutel.Referentie, fouten, cancellationToken);
            return Result<IntakeUitkomst>.Fail(fouten);
        }

        for (var poging = 0; poging < MaxPogingen; poging++)
        {
            var bestaand = await store.FindByBronAsync(sleutel, cancellationToken);
            if (bestaand is null)
            {
                var fout = new Fout(FoutCodes.DossierOnbekend, "aanvraagId",
                    "Er is geen hulpvraag met dit kenmerk ontvangen. Verstuur eerst de aanvraag zelf; daarna kunnen bijlagen worden nagestuurd.");
                await WeigeringAsync(sleutel.Systeem, sleutel.Brin, vestiging, sleutel.Referentie, [fout], cancellationToken);
                return Result<IntakeUitkomst>.Fail(fout);
            }

            if (TeVeelBijlagen(bestaand, gevalideerd, "bijlagen") is { } teVeel)
            {
                await WeigeringAsync(sleutel.Systeem, sleutel.Brin, vestiging, sleutel.Referentie, [teVeel], cancellationToken);
                return Result<IntakeUitkomst>.Fail(teVeel);
            }

            var uitkomst = await VoegToeAsync(bestaand, gevalideerd, waarschuwingen, cancellationToken);
            if (uitkomst is not null)
            {
                return Result<IntakeUitkomst>.Ok(Gelogd(uitkomst, bestaand));
            }
        }

        throw new InvalidOperationException($"Hulpvraag {sleutel} kept conflicting after {MaxPogingen} attempts.");
    }

    private async Task<IntakeUitkomst?> MaakAanAsync(GevalideerdeAanvraag a, bool meldOntvangstTerug, CancellationToken ct)
    {
        var nu = clock.GetUtcNow();
        var door = Systeemactor(a.Bron.Systeem);
        var bijlagen = Ontdubbel(a.Bijlagen, [], nu);
        var waarschuwingen = MetOppWaarschuwing(a.Waarschuwingen, bijlagen.Select(b => b.Info));
        var status = new StatusInfo(StatusCatalogus.Aanmelding, null, null, nu);
        var historie = new StatusHistorieItem(null, StatusCatalogus.Aanmelding, null, null, door, nu);
        var staat = new Model.Hulpvraag
        {
            Dossiernummer = 0,
            Bron = a.Bron,
            Samenwerkingsverband = a.Samenwerkingsverband,
            Titel = a.Titel.Code,
            TitelOrigineel = a.TitelOrigineel,
            Omschrijving = a.Omschrijving,
            Niveau = a.Niveau,
            Leerling = a.Leerling,
            Aanvrager = a.Aanvrager,
            Bijlagen = bijlagen.Select(b => b.Info).ToList(),
            Status = status,
            StatusHistorie = [historie],
            Waarschuwingen = waarschuwingen,
            OntvangenOp = nu,
            BijgewerktOp = nu,
            Versie = 1,
        };

        var callbacks = meldOntvangstTerug
            ? new[] { Callback(staat, CallbackSoorten.Ontvangen, status, nu) }
            : [];
        var mutatie = new HulpvraagMutatie
        {
            NieuweStaat = staat,
            NieuweBijlagen = bijlagen,
            NieuweHistorie = [historie],
            Callbacks = callbacks,
            Ontvangst = Ontvangst(a.Bron, OntvangstUitkomsten.Aangemaakt, nu),
        };
        return await store.OpslaanAsync(mutatie, ct) is OpslagUitkomst.Opgeslagen o
            ? new IntakeUitkomst(o.Hulpvraag, IntakeResultaat.Aangemaakt)
            : null;
    }

    private async Task<IntakeUitkomst?> WerkBijAsync(Model.Hulpvraag bestaand, GevalideerdeAanvraag a, CancellationToken ct)
    {
        var nu = clock.GetUtcNow();
        var nieuweBijlagen = Ontdubbel(a.Bijlagen, bestaand.Bijlagen, nu);
        var inhoudGewijzigd =
            bestaand.Titel != a.Titel.Code
            || bestaand.TitelOrigineel != a.TitelOrigineel
            || bestaand.Omschrijving != a.Omschrijving
            || bestaand.Niveau != a.Niveau
            || bestaand.Leerling != a.Leerling
            || bestaand.Aanvrager != a.Aanvrager
            || bestaand.Bron.Vestiging != a.Bron.Vestiging
            || bestaand.Bron.Koppelsleutel != a.Bron.Koppelsleutel;

        if (!inhoudGewijzigd && nieuweBijlagen.Count == 0)
        {
            await store.RegistreerOntvangstAsync(Ontvangst(bestaand.Bron, OntvangstUitkomsten.Ongewijzigd, nu, bestaand.Dossiernummer), ct);
            return new IntakeUitkomst(bestaand, IntakeResultaat.Ongewijzigd);
        }

        var alleBijlagen = bestaand.Bijlagen.Concat(nieuweBijlagen.Select(b => b.Info)).ToList();
        var staat = bestaand with
        {
            Bron = a.Bron,
            Titel = a.Titel.Code,
            TitelOrigineel = a.TitelOrigineel,
            Omschrijving = a.Omschrijving,
            Niveau = a.Niveau,
            Leerling = a.Leerling,
            Aanvrager = a.Aanvrager,
            Bijlagen = alleBijlagen,
            Waarschuwingen = MetOppWaarschuwing(a.Waarschuwingen, alleBijlagen),
        };
        return await BewaarWijzigingAsync(bestaand, staat, nieuweBijlagen, nu, ct);
    }

    private async Task<IntakeUitkomst?> VoegToeAsync(
        Model.Hulpvraag bestaand, IReadOnlyList<GevalideerdeBijlage> bijlagen, IReadOnlyList<Waarschuwing> waarschuwingen, CancellationToken ct)
    {
        var nu = clock.GetUtcNow();
        var nieuweBijlagen = Ontdubbel(bijlagen, bestaand.Bijlagen, nu);
        if (nieuweBijlagen.Count == 0)
        {
            await store.RegistreerOntvangstAsync(Ontvangst(bestaand.Bron, OntvangstUitkomsten.Ongewijzigd, nu, bestaand.Dossiernummer), ct);
            return new IntakeUitkomst(bestaand, IntakeResultaat.Ongewijzigd);
        }

        var alleBijlagen = bestaand.Bijlagen.Concat(nieuweBijlagen.Select(b => b.Info)).ToList();
        var bestaandeZonderOpp = bestaand.Waarschuwingen.Where(w => w.Code != WaarschuwingCodes.GeenOpp);
        var staat = bestaand with
        {
            Bijlagen = alleBijlagen,
            Waarschuwingen = MetOppWaarschuwing(Uniek(bestaandeZonderOpp.Concat(waarschuwingen)), alleBijlagen),
        };
        return await BewaarWijzigingAsync(bestaand, staat, nieuweBijlagen, nu, ct);
    }

    /// <summary>New information on a 'dossier-incompleet' hulpvraag sends it back to 'aanmelding' (spec), with history and callback.</summary>
    private async Task<IntakeUitkomst?> BewaarWijzigingAsync(
        Model.Hulpvraag bestaand, Model.Hulpvraag staat, IReadOnlyList<NieuweBijlage> nieuweBijlagen, DateTimeOffset nu, CancellationToken ct)
    {
        var historie = new List<StatusHistorieItem>();
        var callbacks = new List<CallbackOpdracht>();
        if (bestaand.Status.Code == StatusCatalogus.DossierIncompleet)
        {
            var status = new StatusInfo(StatusCatalogus.Aanmelding, null, "Aangevuld door de school.", nu);
            var item = new StatusHistorieItem(bestaand.Status.Code, status.Code, null, status.Toelichting, Systeemactor(bestaand.Bron.Systeem), nu);
            historie.Add(item);
            staat = staat with { Status = status, StatusHistorie = [.. bestaand.StatusHistorie, item] };
            callbacks.Add(Callback(staat, CallbackSoorten.Statuswijziging, status, nu));
        }

        staat = staat with { Versie = bestaand.Versie + 1, BijgewerktOp = nu };
        var mutatie = new HulpvraagMutatie
        {
            NieuweStaat = staat,
            VerwachteVersie = bestaand.Versie,
            NieuweBijlagen = nieuweBijlagen,
            NieuweHistorie = historie,
            Callbacks = callbacks,
            Ontvangst = Ontvangst(staat.Bron, OntvangstUitkomsten.Bijgewerkt, nu, staat.Dossiernummer),
        };
        return await store.OpslaanAsync(mutatie, ct) is OpslagUitkomst.Opgeslagen o
            ? new IntakeUitkomst(o.Hulpvraag, IntakeResultaat.Bijgewerkt)
            : null;
    }

    /// <summary>An attachment received twice (same sha256 and file name) for the same hulpvraag is stored once.</summary>
    private List<NieuweBijlage> Ontdubbel(IReadOnlyList<GevalideerdeBijlage> ontvangen, IReadOnlyList<BijlageInfo> bestaand, DateTimeOffset nu)
    {
        var gezien = new HashSet<(string, string)>(bestaand.Select(b => (b.Sha256, b.Bestandsnaam)));
        var nieuw = new List<NieuweBijlage>();
        foreach (var g in ontvangen)
        {
            var o = g.Ontvangen;
            var naam = o.Bestandsnaam.Trim();
            if (gezien.Add((o.Sha256, naam)))
            {
                var info = new BijlageInfo(Guid.CreateVersion7(nu), naam, o.Omschrijving?.Trim(), g.Categorie, g.ContentType, o.Grootte, o.Sha256, nu);
                nieuw.Add(new NieuweBijlage(info, o.Inhoud));
            }
        }

        return nieuw;
    }

    /// <summary>The per-hulpvraag maximum, counting only what is really new (a resend of the same files adds nothing).</summary>
    private static Fout? TeVeelBijlagen(Model.Hulpvraag bestaand, IReadOnlyList<GevalideerdeBijlage> ontvangen, string veld)
    {
        var gezien = new HashSet<(string, string)>(bestaand.Bijlagen.Select(b => (b.Sha256, b.Bestandsnaam)));
        var nieuw = ontvangen.Count(g => gezien.Add((g.Ontvangen.Sha256, g.Ontvangen.Bestandsnaam.Trim())));
        return nieuw > 0 && bestaand.Bijlagen.Count + nieuw > VeldRegels.MaxBijlagenPerHulpvraag
            ? VeldRegels.TeVeelBijlagenInHulpvraag(veld, bestaand.Bijlagen.Count, nieuw)
            : null;
    }

    private static List<Waarschuwing> MetOppWaarschuwing(IEnumerable<Waarschuwing> waarschuwingen, IEnumerable<BijlageInfo> bijlagen)
    {
        var lijst = Uniek(waarschuwingen.Where(w => w.Code != WaarschuwingCodes.GeenOpp));
        if (!bijlagen.Any(b => b.Categorie == BijlageCategorieen.Opp))
        {
            lijst.Add(new Waarschuwing(WaarschuwingCodes.GeenOpp,
                "Er is geen ontwikkelingsperspectiefplan (OPP) bijgevoegd. PPO Rotterdam heeft het OPP bijna altijd nodig; stuur het zo snel mogelijk na."));
        }

        return lijst;
    }

    private static List<Waarschuwing> Uniek(IEnumerable<Waarschuwing> waarschuwingen) => waarschuwingen.Distinct().ToList();

    internal static CallbackOpdracht Callback(Model.Hulpvraag h, string soort, StatusInfo status, DateTimeOffset nu) => new()
    {
        GebeurtenisId = Guid.CreateVersion7(nu),
        Soort = soort,
        Systeem = h.Bron.Systeem,
        Koppelsleutel = h.Bron.Koppelsleutel,
        Referentie = h.Bron.Referentie,
        Brin = h.Bron.Brin,
        Vestiging = h.Bron.Vestiging,
        Dossiernummer = h.Dossiernummer == 0 ? null : h.Dossiernummer,
        StatusCode = status.Code,
        Weergave = StatusCatalogus.Weergave(status.Code, status.Kwalificatie),
        Kwalificatie = status.Kwalificatie,
        Toelichting = status.Toelichting,
        GewijzigdOp = nu,
    };

    /// <summary>One log event per intake outcome, and one for the status change a resend may cause.</summary>
    private IntakeUitkomst Gelogd(IntakeUitkomst uitkomst, Model.Hulpvraag? vorige)
    {
        var h = uitkomst.Hulpvraag;
        var brin6 = IntakeLog.Brin6(h.Bron.Brin, h.Bron.Vestiging);
        switch (uitkomst.Resultaat)
        {
            case IntakeResultaat.Aangemaakt:
                IntakeLog.Aangemaakt(logger, h.Bron.Systeem, brin6, h.Dossiernummer);
                break;
            case IntakeResultaat.Bijgewerkt:
                IntakeLog.Bijgewerkt(logger, h.Bron.Systeem, brin6, h.Dossiernummer, h.Versie);
                break;
            default:
                IntakeLog.Ongewijzigd(logger, h.Bron.Systeem, brin6, h.Dossiernummer);
                break;
        }

        if (vorige is not null && vorige.Status.Code != h.Status.Code)
        {
            IntakeLog.StatusGewijzigd(logger, h.Dossiernummer, h.Bron.Systeem, brin6, vorige.Status.Code, h.Status.Code, Systeemactor(h.Bron.Systeem));
        }

        return uitkomst;
    }

    private async Task WeigeringAsync(string systeem, string? brin, string? vestiging, string? referentie, IReadOnlyList<Fout> fouten, CancellationToken ct)
    {
        IntakeLog.Geweigerd(logger, systeem, IntakeLog.Brin6(brin, vestiging), fouten[0].Code, fouten.Count);
        var regel = new OntvangstRegel(clock.GetUtcNow(), systeem, Afgekapt(brin, 4), Afgekapt(vestiging, 2), Afgekapt(referentie, 64),
            OntvangstUitkomsten.Geweigerd, null, fouten[0].Code, string.Join(" | ", fouten.Select(f => f.Melding)));
        await store.RegistreerOntvangstAsync(regel, ct);
    }

    private static OntvangstRegel Ontvangst(Bron bron, string uitkomst, DateTimeOffset nu, long? dossiernummer = null) =>
        new(nu, bron.Systeem, bron.Brin, bron.Vestiging, bron.Referentie, uitkomst, dossiernummer, null, null);

    private static string? Afgekapt(string? waarde, int max) =>
        waarde is null ? null : waarde.Length <= max ? waarde : waarde[..max];

    internal static string Systeemactor(string systeem) => "systeem:" + systeem;
}
