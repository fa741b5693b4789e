using System.Collections.Frozen;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Hulpvraag.Adapters.ParnasSys.Contract;

/// <summary>
/// The OSO contract of <c>schemas/oso/</c> (WSDL and XSDs, embedded in this assembly): schema validation of a SOAP
/// body element, and the documents served at <c>GET /oso/v1/swv?wsdl</c> and <c>?xsd=…</c>.
/// </summary>
/// <remarks>
/// The schema set is compiled once and only read afterwards; every validation has its own
/// <see cref="XmlSchemaValidator"/>, so <see cref="Valideer"/> is safe to call concurrently for different documents
/// (it atomizes a few names into the element's own <see cref="XmlDocument.NameTable"/>, which is not thread-safe).
/// </remarks>
public static class OsoContract
{
    public const string OsoNamespace = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";
    public const string GatewayNamespace = "urn:hulpvraag-gateway:oso:2026";

    /// <summary>The <c>soap:address</c> in the stored WSDL; <see cref="Wsdl"/> replaces it.</summary>
    public const string AdresPlaatshouder = "https://gateway.example/oso/v1/swv";

    public const string WsdlNaam = "oso-swv.wsdl";

    /// <summary>The XSDs that <see cref="Schema(string, string?)"/> serves, in the order they are compiled.</summary>
    public static IReadOnlyList<string> SchemaNamen { get; } = ["gateway-oso.xsd", "oso-swv.xsd"];

    private static readonly FrozenDictionary<string, string> Bronnen = LaadBronnen();

    private static readonly XmlSchemaSet Set = Compileer(static (_, e) =>
        throw new InvalidOperationException($"Het OSO-contract compileert niet zonder meldingen ({e.Severity}): {e.Message}", e.Exception));

    /// <summary>Local names of the OSO messages, the only elements a SOAP body may start with.</summary>
    private static readonly FrozenSet<string> Berichten = Set.GlobalElements.Names
        .Cast<XmlQualifiedName>()
        .Where(n => n.Namespace == OsoNamespace)
        .Select(n => n.Name)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Schema-validates one SOAP body element (an OSO message) against the contract.</summary>
    /// <returns>
    /// Null when valid; otherwise the first error as a Dutch <c>Melding</c> that names the element and shows at most a
    /// short coded value (free text is described by its length only), and the <c>Pad</c> of local names from
    /// <paramref name="bodyChild"/> to the element at fault, for example <c>notificatieRequest/koppelsleutel</c>.
    /// </returns>
    public static (string Melding, string? Pad)? Valideer(XmlElement bodyChild)
    {
        ArgumentNullException.ThrowIfNull(bodyChild);
        if (bodyChild.NamespaceURI != OsoNamespace || !Berichten.Contains(bodyChild.LocalName))
        {
            return OsoSchemaMeldingen.OnbekendBericht(bodyChild, Berichten);
        }

        return OsoSchemaWandeling.Valideer(Set, bodyChild);
    }

    /// <summary>The WSDL with <paramref name="endpointUrl"/> as the service address and absolute <c>?xsd=</c> links.</summary>
    /// <param name="endpointUrl">Absolute http(s) URL of the endpoint without query or fragment, e.g. <c>https://host/oso/v1/swv</c>.</param>
    public static byte[] Wsdl(string endpointUrl)
    {
        var url = Controleer(endpointUrl);
        var wsdl = Bronnen[WsdlNaam].Replace(
            $"location=\"{AdresPlaatshouder}\"", $"location=\"{url}\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(MetSchemaLinks(wsdl, url));
    }

    /// <summary>One of <see cref="SchemaNamen"/>, or null for any other name.</summary>
    /// <param name="naam">The file name, e.g. from <c>?xsd=oso-swv.xsd</c>.</param>
    /// <param name="endpointUrl">
    /// When given, imports point at <c>{endpointUrl}?xsd=…</c> so that a client that fetched the WSDL finds them;
    /// without it they stay relative, as in the repository.
    /// </param>
    public static byte[]? Schema(string naam, string? endpointUrl = null)
    {
        var gevonden = SchemaNamen.FirstOrDefault(n => string.Equals(n, naam, StringComparison.OrdinalIgnoreCase));
        if (gevonden is null)
        {
            return null;
        }

        var tekst = Bronnen[gevonden];
        return Encoding.UTF8.GetBytes(endpointUrl is null ? tekst : MetSchemaLinks(tekst, Controleer(endpointUrl)));
    }

    /// <summary>A fresh set of all contract XSDs, compiled; <paramref name="meldingen"/> hears errors and warnings alike.</summary>
    internal static XmlSchemaSet Compileer(ValidationEventHandler meldingen)
    {
        // No resolver: the imports between the XSDs are satisfied by adding every XSD to the set, never by loading.
        var set = new XmlSchemaSet { XmlResolver = null };
        set.ValidationEventHandler += meldingen;
        var instellingen = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        foreach (var naam in SchemaNamen)
        {
            using var lezer = XmlReader.Create(new StringReader(Bronnen[naam]), instellingen, naam);
            set.Add(null, lezer);
        }

        set.Compile();
        return set;
    }

    internal static string Bron(string naam) => Bronnen[naam];

    private static FrozenDictionary<string, string> LaadBronnen()
    {
        var assembly = typeof(OsoContract).Assembly;
        return SchemaNamen.Append(WsdlNaam).ToFrozenDictionary(
            n => n,
            n =>
            {
                using var stroom = assembly.GetManifestResourceStream("oso." + n)
                    ?? throw new InvalidOperationException($"Het OSO-contract {n} ontbreekt in {assembly.GetName().Name} (EmbeddedResource oso.{n}).");
                using var lezer = new StreamReader(stroom, Encoding.UTF8);
                return lezer.ReadToEnd();
            },
            StringComparer.Ordinal);
    }

    /// <summary>Escaped for an XML attribute, because the URL is usually built from the request's Host header.</summary>
    private static string Controleer(string endpointUrl)
    {
        ArgumentNullException.ThrowIfNull(endpointUrl);
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException("Verwacht een absolute http(s)-URL zonder query of fragment.", nameof(endpointUrl));
        }

        return SecurityElement.Escape(uri.AbsoluteUri);
    }

    private static string MetSchemaLinks(string document, string url)
    {
        foreach (var naam in SchemaNamen)
        {
            document = document.Replace($"schemaLocation=\"{naam}\"", $"schemaLocation=\"{url}?xsd={naam}\"", StringComparison.Ordinal);
        }

        return document;
    }
}
