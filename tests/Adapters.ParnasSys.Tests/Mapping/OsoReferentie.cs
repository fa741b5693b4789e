using System.Xml;
using System.Xml.Linq;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>
/// The official OSO gegevensset examples, read where they live (they may not be copied into the repository):
/// <c>GATEWAY_REFERENCE_DIR</c>, else <c>&lt;repo&gt;/../shared/reference</c>. A missing folder fails the test: the
/// examples are what proves the mapping, so a run without them must not pass.
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

    public static string Map()
    {
        var opgegeven = Environment.GetEnvironmentVariable("GATEWAY_REFERENCE_DIR");
        var map = string.IsNullOrWhiteSpace(opgegeven)
            ? Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "reference"))
            : opgegeven;
        if (!Directory.Exists(map))
        {
            throw new DirectoryNotFoundException(
                $"Reference folder '{map}' not found. Set GATEWAY_REFERENCE_DIR to the shared reference folder.");
        }

        return map;
    }

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

    private static string RepoRoot()
    {
        for (var map = new DirectoryInfo(AppContext.BaseDirectory); map is not null; map = map.Parent)
        {
            if (File.Exists(Path.Combine(map.FullName, "Directory.Packages.props")))
            {
                return map.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository root above '{AppContext.BaseDirectory}'.");
    }
}
