using System.Collections.Frozen;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Bijlagen;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>Namespaces, element names and field names of the pulled dossier.</summary>
public static class OsoNamen
{
    public const string OsoNamespace = OsoNamespaces.Oso;
    public const string GatewayNamespace = OsoNamespaces.Gateway;
    public const string DossierNamespace = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    /// <summary>The only <c>metadata/overstap</c> a PO samenwerkingsverband accepts (OSO codelijst 16).</summary>
    public const string OverstapPoSwv = "POSWV";

    /// <summary>The <c>overdrachtsoort</c> of an SWV request (OSO codelijst 29).</summary>
    public const string OverdrachtsoortSwvDossier = "swv-dossier";

    public const string Leerling = "dossier/huidigeschool/leerling";

    /// <summary>
    /// Canonical field names as the school's supplier knows them, so a refusal names the element to fix. Paths start
    /// at the element under <c>documentResponse</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> VeldNamen = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["referentie"] = "swvAanvraag/lasHulpvraagId",
        ["samenwerkingsverband"] = "swvAanvraag/samenwerkingsverband",
        ["titel"] = "swvAanvraag/aanvraagtype",
        ["omschrijving"] = "swvAanvraag/omschrijving",
        ["niveau"] = "swvAanvraag/niveau",
        ["aanvrager"] = "swvAanvraag/aanvrager",
        ["aanvrager.naam"] = "swvAanvraag/aanvrager/naam",
        ["aanvrager.email"] = "swvAanvraag/aanvrager/email",
        ["aanvrager.telefoon"] = "swvAanvraag/aanvrager/telefoon",
        ["aanvrager.functie"] = "swvAanvraag/aanvrager/functie",
        ["brin"] = "dossier/huidigeschool/brincode",
        ["vestiging"] = "dossier/huidigeschool/vestigingscode",
        ["leerling"] = Leerling,
        ["leerling.leerlingId"] = Leerling + "/leerlingid",
        ["leerling.roepnaam"] = Leerling + "/roepnaam",
        ["leerling.voornamen"] = Leerling + "/voornaam",
        ["leerling.tussenvoegsel"] = Leerling + "/voorvoegsel",
        ["leerling.achternaam"] = Leerling + "/achternaam",
        ["leerling.geboortedatum"] = Leerling + "/geboortedatum",
        ["leerling.geslacht"] = Leerling + "/geslacht",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The category of a <c>document</c> from the element it sits in; the innermost recognised ancestor decides.
    /// </summary>
    /// <remarks>
    /// Element names from OSO_gegevensset.xsd 2019.1: the blocks of <c>leerling/onderwijsondersteuning</c>
    /// (<c>toelichting_onderwijsbehoeften</c>, <c>opp</c>, <c>diagnose</c>, <c>handelingsplan</c>), and the two
    /// blocks with test results, <c>toetslijst</c> (<c>toets/resultaat</c> and <c>toets/toetsonderdeel/resultaat</c>)
    /// and <c>eindtoets_basisonderwijs</c>. Everything else (<c>tlv</c>, <c>lwoo</c>, <c>rvc</c>,
    /// <c>verzuim/documentLijst</c>, <c>overigdocumentlijst</c>) is "overig".
    /// </remarks>
    public static string? CategorieVoorBlok(string elementNaam) => elementNaam switch
    {
        "toelichting_onderwijsbehoeften" => BijlageCategorieen.ToelichtingOnderwijsbehoeften,
        "opp" => BijlageCategorieen.Opp,
        "diagnose" => BijlageCategorieen.Onderzoeksverslag,
        "handelingsplan" => BijlageCategorieen.Plan,
        "toetslijst" or "toets" or "toetsonderdeel" or "eindtoets_basisonderwijs" => BijlageCategorieen.Toetsgegevens,
        _ => null,
    };

    /// <summary>OSO codelijst 14 ("0, 1, 2 voor onbekend, vrouw resp. man", per the XSD) to the words Esis sends too.</summary>
    public static string? Geslacht(string? code) => code?.Trim() switch
    {
        null or "" => null,
        "0" => "onbekend",
        "1" => "vrouw",
        "2" => "man",
        var anders => anders,
    };
}
