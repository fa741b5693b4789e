using System.Text;
using System.Xml;
using System.Xml.Schema;
using Hulpvraag.Adapters.ParnasSys.Contract;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Contract;

public sealed class OsoContractWsdlTests
{
    private const string WsdlNs = "http://schemas.xmlsoap.org/wsdl/";
    private const string SoapNs = "http://schemas.xmlsoap.org/wsdl/soap/";
    private const string WsamNs = "http://www.w3.org/2007/05/addressing/metadata";
    private const string Url = "https://kindkans.ppo-rotterdam.example/oso/v1/swv";

    [Fact]
    public void Compileer_AlleXsds_ZonderFoutenOfWaarschuwingen()
    {
        var meldingen = new List<string>();

        var set = OsoContract.Compileer((_, e) => meldingen.Add($"{e.Severity}: {e.Message}"));

        Assert.Empty(meldingen);
        Assert.True(set.IsCompiled);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Wsdl_ElkeOperatie_HeeftWsamActionGelijkAanNamespacePlusElementnaam()
    {
        var wsdl = Laad(OsoContract.Wsdl(Url));

        var operaties = Elementen(wsdl, "portType", WsdlNs).Single().ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "operation").ToList();

        Assert.Equal(["notificatie", "document", "terugkoppeling"], operaties.Select(o => o.GetAttribute("name")));
        foreach (var operatie in operaties)
        {
            foreach (var richting in new[] { "input", "output" })
            {
                var bericht = Kind(operatie, richting);
                var element = BerichtElement(wsdl, bericht.GetAttribute("message"), bericht);
                Assert.Equal(OsoContract.OsoNamespace, element.Namespace);
                Assert.Equal(OsoContract.OsoNamespace + "/" + element.Name, bericht.GetAttribute("Action", WsamNs));
            }

            Assert.Equal(operatie.GetAttribute("name") + "Request", BerichtElement(wsdl, Kind(operatie, "input").GetAttribute("message"), operatie).Name);
        }
    }

    [Fact]
    public void Wsdl_Binding_IsSoap11DocumentLiteralMetSoapActionGelijkAanInputAction()
    {
        var wsdl = Laad(OsoContract.Wsdl(Url));
        var binding = Elementen(wsdl, "binding", WsdlNs).Single();
        var soapBinding = Kind(binding, "binding", SoapNs);
        var portType = Elementen(wsdl, "portType", WsdlNs).Single();

        Assert.Equal(("document", "http://schemas.xmlsoap.org/soap/http"), (soapBinding.GetAttribute("style"), soapBinding.GetAttribute("transport")));
        var operaties = binding.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "operation" && e.NamespaceURI == WsdlNs).ToList();
        Assert.Equal(3, operaties.Count);
        foreach (var operatie in operaties)
        {
            var abstracte = portType.ChildNodes.OfType<XmlElement>().Single(o => o.GetAttribute("name") == operatie.GetAttribute("name"));
            Assert.Equal(Kind(abstracte, "input").GetAttribute("Action", WsamNs), Kind(operatie, "operation", SoapNs).GetAttribute("soapAction"));
            Assert.Equal("literal", Kind(Kind(operatie, "input"), "body", SoapNs).GetAttribute("use"));
            Assert.Equal("literal", Kind(Kind(operatie, "output"), "body", SoapNs).GetAttribute("use"));
            Assert.Equal("fout", Kind(Kind(operatie, "fault"), "fault", SoapNs).GetAttribute("name"));
        }
    }

    [Fact]
    public void Wsdl_ElkBerichtElement_BestaatInHetGecompileerdeContract()
    {
        var wsdl = Laad(OsoContract.Wsdl(Url));
        var set = OsoContract.Compileer((_, e) => throw new XmlSchemaException(e.Message));

        var berichten = Elementen(wsdl, "message", WsdlNs).ToList();

        Assert.Equal(7, berichten.Count);
        foreach (var bericht in berichten)
        {
            var part = Kind(bericht, "part");
            Assert.True(set.GlobalElements.Contains(Qnaam(part, part.GetAttribute("element"))), bericht.GetAttribute("name"));
        }

        var fout = Kind(Elementen(wsdl, "message", WsdlNs).Single(m => m.GetAttribute("name") == "fout"), "part");
        Assert.Equal(new XmlQualifiedName("fout", OsoContract.GatewayNamespace), Qnaam(fout, fout.GetAttribute("element")));
    }

    [Fact]
    public void Wsdl_MetUrl_VervangtPlaatshouderEnMaaktXsdLinksAbsoluut()
    {
        var tekst = Encoding.UTF8.GetString(OsoContract.Wsdl(Url));
        var wsdl = Laad(Encoding.UTF8.GetBytes(tekst));

        Assert.DoesNotContain(OsoContract.AdresPlaatshouder, tekst, StringComparison.Ordinal);
        Assert.Equal(Url, Kind(Kind(Elementen(wsdl, "service", WsdlNs).Single(), "port"), "address", SoapNs).GetAttribute("location"));
        var imports = wsdl.GetElementsByTagName("import", XmlSchema.Namespace).OfType<XmlElement>().Select(i => i.GetAttribute("schemaLocation"));
        Assert.Equal([Url + "?xsd=oso-swv.xsd", Url + "?xsd=gateway-oso.xsd"], imports);
    }

    [Fact]
    public void Wsdl_OpgeslagenBestand_HeeftPreciesDePlaatshouderEnRelatieveImports()
    {
        var tekst = OsoContract.Bron(OsoContract.WsdlNaam);

        Assert.Contains($"<soap:address location=\"{OsoContract.AdresPlaatshouder}\"/>", tekst, StringComparison.Ordinal);
        Assert.Contains("schemaLocation=\"oso-swv.xsd\"", tekst, StringComparison.Ordinal);
        Assert.Contains("schemaLocation=\"gateway-oso.xsd\"", tekst, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/oso/v1/swv")]
    [InlineData("ftp://gateway.example/oso/v1/swv")]
    [InlineData("https://gateway.example/oso/v1/swv?oin=00000099000000002806")]
    [InlineData("https://gateway.example/oso/v1/swv#x")]
    public void Wsdl_GeenAbsoluteHttpUrlZonderQuery_GooitArgumentException(string url) =>
        Assert.Throws<ArgumentException>(() => OsoContract.Wsdl(url));

    [Fact]
    public void Wsdl_UrlMetBijzondereTekens_BlijftGoedgevormdeXml()
    {
        var wsdl = Laad(OsoContract.Wsdl("https://gateway.example/oso/v1/sw'v\"<>"));

        var adres = Kind(Kind(Elementen(wsdl, "service", WsdlNs).Single(), "port"), "address", SoapNs).GetAttribute("location");
        Assert.StartsWith("https://gateway.example/oso/v1/sw", adres, StringComparison.Ordinal);
        Assert.DoesNotContain('<', adres);
    }

    [Theory]
    [InlineData("oso-swv.xsd")]
    [InlineData("gateway-oso.xsd")]
    [InlineData("OSO-SWV.XSD")]
    public void Schema_BekendeNaam_GeeftHetOpgeslagenBestand(string naam)
    {
        var bytes = OsoContract.Schema(naam);

        Assert.NotNull(bytes);
        var schema = Laad(bytes);
        Assert.Equal(XmlSchema.Namespace, schema.DocumentElement!.NamespaceURI);
        Assert.Equal(OsoContract.Bron(naam.ToLowerInvariant()), Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("oso-swv.wsdl")]
    [InlineData("../oso-swv.xsd")]
    [InlineData("oso.oso-swv.xsd")]
    [InlineData("")]
    public void Schema_AndereNaam_GeeftNull(string naam) => Assert.Null(OsoContract.Schema(naam));

    [Fact]
    public void Schema_MetUrl_WijstImportNaarXsdVanHetEndpoint()
    {
        var tekst = Encoding.UTF8.GetString(OsoContract.Schema("oso-swv.xsd", Url)!);

        Assert.Contains($"schemaLocation=\"{Url}?xsd=gateway-oso.xsd\"", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void Bronnen_ZijnGelijkAanDeBestandenInSchemasOso()
    {
        var map = SchemaMap();

        foreach (var naam in OsoContract.SchemaNamen.Append(OsoContract.WsdlNaam))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(map, naam)), OsoContract.Bron(naam));
        }
    }

    private static string SchemaMap()
    {
        for (var map = new DirectoryInfo(AppContext.BaseDirectory); map is not null; map = map.Parent)
        {
            var kandidaat = Path.Combine(map.FullName, "schemas", "oso");
            if (Directory.Exists(kandidaat))
            {
                return kandidaat;
            }
        }

        throw new DirectoryNotFoundException("schemas/oso niet gevonden boven " + AppContext.BaseDirectory);
    }

    private static XmlDocument Laad(byte[] bytes)
    {
        var doc = new XmlDocument { XmlResolver = null };
        using var lezer = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        doc.Load(lezer);
        return doc;
    }

    private static IEnumerable<XmlElement> Elementen(XmlDocument doc, string naam, string ns) =>
        doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == naam && e.NamespaceURI == ns);

    private static XmlElement Kind(XmlElement ouder, string naam, string ns = WsdlNs) =>
        ouder.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == naam && e.NamespaceURI == ns);

    private static XmlQualifiedName Qnaam(XmlElement context, string waarde)
    {
        var delen = waarde.Split(':');
        return new XmlQualifiedName(delen[1], context.GetNamespaceOfPrefix(delen[0]));
    }

    /// <summary>The global element of the <c>wsdl:message</c> named by <paramref name="berichtQnaam"/>.</summary>
    private static XmlQualifiedName BerichtElement(XmlDocument wsdl, string berichtQnaam, XmlElement context)
    {
        var naam = Qnaam(context, berichtQnaam);
        Assert.Equal(wsdl.DocumentElement!.GetAttribute("targetNamespace"), naam.Namespace);
        var bericht = Elementen(wsdl, "message", WsdlNs).Single(m => m.GetAttribute("name") == naam.Name);
        var part = Kind(bericht, "part");
        return Qnaam(part, part.GetAttribute("element"));
    }
}
