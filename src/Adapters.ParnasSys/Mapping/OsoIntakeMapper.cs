using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using System.Xml;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>What one pass over a documentResponse collected, by field path; the reader's state, frozen for the mapper.</summary>
internal sealed record GelezenAanvraag(
    IReadOnlyDictionary<string, string?> Velden,
    IReadOnlyList<string> Voornamen,
    IReadOnlyCollection<string> Persoonsnummers,
    bool AanvragerGezien,
    bool LeerlingGezien,
    IReadOnlyList<OntvangenBijlage> Bijlagen);

/// <summary>
/// Builds the intake's <see cref="AanvraagInvoer"/> from what <see cref="DocumentResponseLezing"/> read: the OSO field
/// paths to the canonical fields, voornamen joined, a date's time zone dropped, BSN and onderwijsnummer only as a warning.
/// </summary>
internal static partial class OsoIntakeMapper
{
    private const string Swv = "swvAanvraag";

    public static OsoAanvraag Aanvraag(GelezenAanvraag gelezen, OsoNotificatieContext context, IReadOnlyList<GestagedeBijlage> gestaged) =>
        new(Invoer(gelezen, context), gestaged, IngediendOp(gelezen));

    private static AanvraagInvoer Invoer(GelezenAanvraag g, OsoNotificatieContext context)
    {
        string? Veld(string pad) => g.Velden.GetValueOrDefault(pad);
        var leerling = new LeerlingInvoer(
            Veld(OsoNamen.Leerling + "/leerlingid"),
            Veld(OsoNamen.Leerling + "/roepnaam"),
            g.Voornamen.Count == 0 ? null : string.Join(' ', g.Voornamen),
            Veld(OsoNamen.Leerling + "/voorvoegsel"),
            Veld(OsoNamen.Leerling + "/achternaam"),
            Datum(Veld(OsoNamen.Leerling + "/geboortedatum")),
            OsoNamen.Geslacht(Veld(OsoNamen.Leerling + "/geslacht")),
            null);
        var aanvrager = g.AanvragerGezien
            ? new AanvragerInvoer(
                Veld(Swv + "/aanvrager/naam"), Veld(Swv + "/aanvrager/email"), Veld(Swv + "/aanvrager/telefoon"),
                Veld(Swv + "/aanvrager/functie"))
            : null;

        return new AanvraagInvoer
        {
            Systeem = BronSystemen.ParnasSys,
            // The reader refuses a missing lasHulpvraagId before it asks for an aanvraag.
            Referentie = Veld(Swv + "/lasHulpvraagId")?.Trim() ?? string.Empty,
            Brin = Veld("dossier/huidigeschool/brincode"),
            Vestiging = Veld("dossier/huidigeschool/vestigingscode"),
            // The koppelsleutel of the latest notificatie: terugkoppelingen refer to it, and through it to the endpoint.
            Koppelsleutel = context.Koppelsleutel,
            Samenwerkingsverband = Veld(Swv + "/samenwerkingsverband"),
            Titel = Veld(Swv + "/aanvraagtype"),
            Omschrijving = Veld(Swv + "/omschrijving"),
            Niveau = Veld(Swv + "/niveau"),
            Leerling = g.LeerlingGezien ? leerling : null,
            Aanvrager = aanvrager,
            Bijlagen = g.Bijlagen,
            AdapterWaarschuwingen = g.Persoonsnummers.Count == 0 ? [] : [PersoonsnummerWaarschuwing(g.Persoonsnummers)],
            MeldOntvangstTerug = true,
            VeldNamen = OsoNamen.VeldNamen,
        };
    }

    private static Waarschuwing PersoonsnummerWaarschuwing(IEnumerable<string> persoonsnummers)
    {
        var wat = string.Join(" en ", persoonsnummers.Select(p => p == "bsn" ? "het burgerservicenummer (BSN)" : "het onderwijsnummer"));
        return new Waarschuwing(WaarschuwingCodes.PersoonsnummerVerwijderd,
            $"Het dossier bevatte {wat} van de leerling. Dat is niet overgenomen: een aanvraag bij het " +
            "samenwerkingsverband mag geen BSN of onderwijsnummer bevatten.");
    }

    private static DateTimeOffset? IngediendOp(GelezenAanvraag g)
    {
        var waarde = g.Velden.GetValueOrDefault(Swv + "/ingediendOp");
        if (Leeg(waarde))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(waarde.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>xs:date may carry a time zone ("2003-03-17+01:00"); the calendar day is what the intake expects.</summary>
    private static string? Datum(string? waarde)
    {
        var d = waarde?.Trim();
        return d is not null && DatumMetZone().IsMatch(d) ? d[..10] : d;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatumMetZone();

    private static bool Leeg([NotNullWhen(false)] string? waarde) => string.IsNullOrWhiteSpace(waarde);
}
