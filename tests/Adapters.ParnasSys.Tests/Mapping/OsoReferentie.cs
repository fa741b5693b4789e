using System.Xml;
using System.Xml.Linq;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>
/// The official OSO gegevensset examples, read where they live (they may not be copied into the repository): see
/// <see cref="ReferenceFolder"/>. Tests reading them are <c>[ReferenceFact]</c>/<c>[ReferenceTheory]</c>.
/// </summary>
internal static class OsoReferentie
{
    public const string PoSwvVolledig = "Voorbeelddossier_PaO_POSWV_full.xml";
    public const string PoSwvOptOut = "Voorbeelddossier_PaO_POSWV_opt_out.xml";
    public const string VoSwvVolledig = "Voorbeelddossier_PaO_VOSWV_full.xml";

    public static XmlReaderSettings VeiligeInstellingen(bool async = false) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        Async = async,
    };

    public static string Map() => ReferenceFolder.Path;

    public static XElement Dossier(string bestand)
    {
        var pad = Path.Combine(Map(), "oso-gegevensset", bestand);
        if (!File.Exists(pad))
        {
            throw new FileNotFoundException($"Official example '{pad}' not found.", pad);
        }

        using var reader = XmlReader.Create(pad, VeiligeInstellingen());
        return XDocument.Load(reader).Root!;
    }
}
