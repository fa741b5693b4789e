using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Statussen;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>Esis JSON to the canonical intake input, and canonical hulpvragen back to Esis JSON.</summary>
public static class EsisMapping
{
    /// <summary>Canonical field names as Esis calls them, so a refusal names the field the IB'er filled in.</summary>
    public static readonly IReadOnlyDictionary<string, string> VeldNamen = new Dictionary<string, string>
    {
        ["referentie"] = "aanvraagId",
        ["brin"] = "school.brin",
        ["vestiging"] = "school.vestiging",
        ["titel"] = "korteOmschrijving",
        ["omschrijving"] = "zorgvraag",
        ["aanvrager.naam"] = "contactpersoon.naam",
        ["aanvrager.email"] = "contactpersoon.email",
        ["aanvrager.telefoon"] = "contactpersoon.telefoon",
    };

    public static Result<AanvraagInvoer> NaarInvoer(string aanvraagId, AanvraagJson json, EsisRegistratie registratie)
    {
        var fouten = new List<Fout>();
        var bijlagen = new List<OntvangenBijlage>();
        if (json.OppToevoegen && json.Opp is null)
        {
            fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, "opp", "'OPP toevoegen' staat aan, maar er is geen OPP meegestuurd. Voeg het OPP toe of zet de optie uit."));
        }

        if (json.Opp is not null)
        {
            Voeg(json.Opp with { Categorie = BijlageCategorieen.Opp }, "opp", bijlagen, fouten);
        }

        VoegAlle(json.Bijlagen, bijlagen, fouten);
        if (fouten.Count > 0)
        {
            return Result<AanvraagInvoer>.Fail(fouten);
        }

        var l = json.Leerling;
        var c = json.Contactpersoon;
        return Result<AanvraagInvoer>.Ok(new AanvraagInvoer
        {
            Systeem = BronSystemen.Esis,
            Referentie = aanvraagId,
            Brin = json.School?.Brin,
            Vestiging = json.School?.Vestiging,
            Koppelsleutel = registratie.Id.ToString(),
            Samenwerkingsverband = json.Samenwerkingsverband,
            Titel = json.KorteOmschrijving,
            Omschrijving = json.Zorgvraag,
            Niveau = json.Niveau,
            Leerling = l is null ? null : new LeerlingInvoer(l.LeerlingId, l.Roepnaam, l.Voornamen, l.Tussenvoegsel, l.Achternaam, l.Geboortedatum, l.Geslacht, l.Groep),
            Aanvrager = c is null ? null : new AanvragerInvoer(c.Naam, c.Email, c.Telefoon, null),
            Bijlagen = bijlagen,
            AdapterWaarschuwingen = l is null ? [] : Persoonsnummers(l),
            VeldNamen = VeldNamen,
        });
    }

    /// <summary>A BSN or onderwijsnummer is never stored: dropped here, with the warning the spec requires.</summary>
    private static IReadOnlyList<Waarschuwing> Persoonsnummers(LeerlingJson l)
    {
        var wat = new List<string>();
        if (Gevuld(l.Bsn))
        {
            wat.Add("het burgerservicenummer (BSN)");
        }

        if (Gevuld(l.Onderwijsnummer))
        {
            wat.Add("het onderwijsnummer");
        }

        return wat.Count == 0 ? [] : [new Waarschuwing(WaarschuwingCodes.PersoonsnummerVerwijderd,
            $"De aanvraag bevatte {string.Join(" en ", wat)} van de leerling. Dat is niet overgenomen: een aanvraag bij het " +
            "samenwerkingsverband mag geen BSN of onderwijsnummer bevatten.")];
    }

    private static bool Gevuld(System.Text.Json.JsonElement? waarde) => waarde is { } w && w.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => !string.IsNullOrWhiteSpace(w.GetString()),
        System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined => false,
        _ => true,
    };

    public static Result<IReadOnlyList<OntvangenBijlage>> NaarBijlagen(IReadOnlyList<BijlageJson?>? lijst)
    {
        var fouten = new List<Fout>();
        var bijlagen = new List<OntvangenBijlage>();
        if (lijst is null || lijst.Count == 0)
        {
            return new Fout(FoutCodes.VerplichtVeldOntbreekt, "bijlagen", "Er zijn geen bijlagen meegestuurd.");
        }

        VoegAlle(lijst, bijlagen, fouten);
        return fouten.Count > 0 ? Result<IReadOnlyList<OntvangenBijlage>>.Fail(fouten) : Result<IReadOnlyList<OntvangenBijlage>>.Ok(bijlagen);
    }

    /// <summary>A staged part (multipart upload) to the canonical attachment, or the refusal its staging found.</summary>
    public static Fout? Controleer(Core.Ports.GestagedeBijlage staged, string bestandsnaam, string veld) =>
        staged.TeGroot ? BijlageRegels.TeGroot(bestandsnaam, veld)
        : staged.Onleesbaar ? BijlageRegels.Onleesbaar(bestandsnaam, veld, "de inhoud is geen geldige base64")
        : null;

    private static void VoegAlle(IReadOnlyList<BijlageJson?>? lijst, List<OntvangenBijlage> bijlagen, List<Fout> fouten)
    {
        for (var i = 0; i < (lijst?.Count ?? 0); i++)
        {
            if (lijst![i] is { } b)
            {
                Voeg(b, $"bijlagen[{i}]", bijlagen, fouten);
            }
        }
    }

    private static void Voeg(BijlageJson b, string veld, List<OntvangenBijlage> bijlagen, List<Fout> fouten)
    {
        var naam = b.Bestandsnaam?.Trim() ?? "";
        if (b.Inhoud is null)
        {
            fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, veld + ".inhoud", $"De inhoud van bijlage '{naam}' ontbreekt."));
            return;
        }

        if (Controleer(b.Inhoud.Staged, naam, veld) is { } fout)
        {
            fouten.Add(fout);
            return;
        }

        var s = b.Inhoud.Staged;
        bijlagen.Add(new OntvangenBijlage(naam, b.Omschrijving, b.Categorie, b.ContentType, s.Grootte, s.Sha256, s.Inhoud) { Veld = veld });
    }

    public static AanvraagAntwoordJson Antwoord(Core.Model.Hulpvraag h) => new(
        h.Dossiernummer, h.Bron.Referentie, Status(h.Status, kort: true), h.Versie,
        h.Bijlagen.Select(b => new BijlageAntwoordJson(b.Id, b.Bestandsnaam, b.Sha256)).ToList(),
        h.Waarschuwingen.Select(w => new WaarschuwingJson(w.Code, w.Melding)).ToList());

    public static AanvraagDetailJson Detail(Core.Model.Hulpvraag h) => new(
        h.Dossiernummer, h.Bron.Referentie, Status(h.Status, kort: false), h.Versie,
        h.StatusHistorie.Select(x => new HistorieJson(x.Van, x.Naar, StatusCatalogus.Weergave(x.Naar, x.Kwalificatie), x.Kwalificatie, x.Toelichting, x.Op)).ToList(),
        h.Bijlagen.Select(b => new BijlageDetailJson(b.Id, b.Bestandsnaam, b.Omschrijving, b.Categorie, b.ContentType, b.Grootte, b.Sha256, b.OntvangenOp)).ToList(),
        h.Waarschuwingen.Select(w => new WaarschuwingJson(w.Code, w.Melding)).ToList());

    private static StatusJson Status(StatusInfo s, bool kort) => kort
        ? new StatusJson(s.Code, StatusCatalogus.Weergave(s.Code, s.Kwalificatie), Sinds: s.Sinds)
        : new StatusJson(s.Code, StatusCatalogus.Weergave(s.Code, s.Kwalificatie), s.Kwalificatie, s.Toelichting, s.Sinds);
}
