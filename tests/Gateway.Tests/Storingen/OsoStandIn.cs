using System.Formats.Asn1;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>
/// OSO for a gateway process: a throwaway PKI (root, the supplier's and the gateway's certificate, files in a folder of
/// its own), signed notificaties as ParnasSys sends them, and the school's ParnasSys endpoint (WireMock) answering the
/// gateway's documentRequest with a small signed dossier and its terugkoppeling with a signed response.
/// </summary>
internal sealed class OsoStandIn : IDisposable
{
    public const string GatewayOin = "00000099000000002806";
    public const string SupplierOin = "00000099000000001234";
    public const string Brin = "12AB";
    public const string Kenmerk = "0000000700012AB00001";
    private const string Wachtwoord = "uitval";
    private const string DossierNs = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private readonly string _map = Path.Combine(Path.GetTempPath(), "gw-oso-uitval-" + Guid.NewGuid().ToString("N"));
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _supplier;
    private readonly WireMockServer _parnassys = WireMockServer.Start();
    private int _documentVerzoeken;
    private int _terugkoppelingen;

    public OsoStandIn()
    {
        Directory.CreateDirectory(_map);
        var nu = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Uitval Test Root, O=Hulpvraag Gateway Test, C=NL", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        _root = rootRequest.CreateSelfSigned(nu.AddDays(-2), nu.AddDays(2));
        _supplier = Geef("leverancier.test", SupplierOin, nu);
        using var gateway = Geef("gateway.test", GatewayOin, nu);
        File.WriteAllText(Path.Combine(_map, "root.pem"), _root.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(_map, "gateway.pfx"), gateway.Export(X509ContentType.Pkcs12, Wachtwoord));
        _parnassys.Given(Request.Create().WithPath("/oso").UsingPost()).RespondWith(Response.Create().WithCallback(Beantwoord));
    }

    public string EndpointUrl => _parnassys.Url + "/oso";

    public int DocumentVerzoeken => Volatile.Read(ref _documentVerzoeken);

    public int Terugkoppelingen => Volatile.Read(ref _terugkoppelingen);

    /// <summary>The gateway's OSO settings, the pull and the outbox quick enough for a test.</summary>
    public IDictionary<string, string> Instellingen() => new Dictionary<string, string>
    {
        ["Oso:Oin"] = GatewayOin,
        ["Oso:TrustAnchors:0"] = Path.Combine(_map, "root.pem"),
        ["Oso:SigningCertificate:Path"] = Path.Combine(_map, "gateway.pfx"),
        ["Oso:SigningCertificate:Password"] = Wachtwoord,
        ["Oso:FetchPollInterval"] = "00:00:00.200",
        ["Oso:FetchMinBackoff"] = "00:00:00.200",
        ["Oso:FetchMaxBackoff"] = "00:00:02",
    };

    /// <summary>A signed notificatieRequest for a new koppelsleutel, as ParnasSys sends it.</summary>
    public byte[] Notificatie(out string koppelsleutel)
    {
        koppelsleutel = Guid.NewGuid().ToString().ToUpperInvariant();
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", Brin), ("bronRouteringsKenmerk", Kenmerk), ("doelBrin", "PO2806"),
            ("doelRouteringsKenmerk", GatewayOin), ("koppelsleutel", koppelsleutel), ("doel", "SWV"));
        return new WsSecuritySigner(_supplier, TimeProvider.System).Sign(body, new OutboundAddressing(
            $"https://gateway.example/oso/v1/swv?oin={GatewayOin}", OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), SupplierOin));
    }

    public void Dispose()
    {
        _parnassys.Stop();
        _parnassys.Dispose();
        _supplier.Dispose();
        _root.Dispose();
        Directory.Delete(_map, recursive: true);
    }

    private X509Certificate2 Geef(string naam, string oin, DateTimeOffset nu)
    {
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("NL");
        subject.AddOrganizationName("Hulpvraag Gateway Test");
        subject.Add("2.5.4.5", oin, UniversalTagNumber.PrintableString);
        subject.AddCommonName(naam);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        var serienummer = RandomNumberGenerator.GetBytes(16);
        serienummer[0] &= 0x7F;
        using var certificaat = request.Create(_root, nu.AddDays(-1), nu.AddDays(1), serienummer);
        return certificaat.CopyWithPrivateKey(key);
    }

    private ResponseMessage Beantwoord(IRequestMessage request)
    {
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(request.Body!);
        var action = Tekst(doc, "Action", "http://www.w3.org/2005/08/addressing") ?? "";
        var messageId = Tekst(doc, "MessageID", "http://www.w3.org/2005/08/addressing") ?? "";
        if (action == OsoNamespaces.Action("terugkoppelingRequest"))
        {
            Interlocked.Increment(ref _terugkoppelingen);
            return Antwoord(Onderteken(SoapFouten.OsoElement("terugkoppelingResponse"), "terugkoppelingResponse", messageId));
        }

        Interlocked.Increment(ref _documentVerzoeken);
        return Antwoord(Onderteken(DocumentResponse(Tekst(doc, "koppelsleutel", OsoNamespaces.Oso) ?? "ONBEKEND"), "documentResponse", messageId));
    }

    private byte[] Onderteken(XmlElement body, string element, string relatesTo) =>
        new WsSecuritySigner(_supplier, TimeProvider.System).Sign(body, new OutboundAddressing(
            $"http://www.w3.org/2005/08/addressing/anonymous?oin={GatewayOin}", OsoNamespaces.Action(element), "uuid:" + Guid.NewGuid(), SupplierOin)
        {
            RelatesTo = relatesTo,
        });

    private static ResponseMessage Antwoord(byte[] body) => new()
    {
        StatusCode = 200,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("text/xml; charset=utf-8") },
        BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
    };

    private static string? Tekst(XmlDocument doc, string naam, string ns) =>
        doc.GetElementsByTagName(naam, ns).OfType<XmlElement>().FirstOrDefault()?.InnerText;

    /// <summary>gw:swvAanvraag and a minimal OSO gegevensset 2019 dossier (as bench/oso/OsoLoad builds it) with one small opp document.</summary>
    private static XmlElement DocumentResponse(string koppelsleutel)
    {
        var d = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = d.CreateElement("oso", "documentResponse", OsoNamespaces.Oso);
        d.AppendChild(root);
        var gw = Kind(root, "gw", "swvAanvraag", OsoNamespaces.Gateway);
        Blad(gw, "gw", "samenwerkingsverband", OsoNamespaces.Gateway, "PO2806");
        Blad(gw, "gw", "aanvraagtype", OsoNamespaces.Gateway, "TLV -Nieuw");
        Blad(gw, "gw", "omschrijving", OsoNamespaces.Gateway, "Uitvaltest");
        Blad(gw, "gw", "lasHulpvraagId", OsoNamespaces.Gateway, "PS-" + koppelsleutel);
        Blad(gw, "gw", "niveau", OsoNamespaces.Gateway, "leerling");
        var aanvrager = Kind(gw, "gw", "aanvrager", OsoNamespaces.Gateway);
        Blad(aanvrager, "gw", "naam", OsoNamespaces.Gateway, "J. de Vries");
        Blad(aanvrager, "gw", "functie", OsoNamespaces.Gateway, "IB");
        Blad(aanvrager, "gw", "email", OsoNamespaces.Gateway, "ib@school.nl");
        Blad(aanvrager, "gw", "telefoon", OsoNamespaces.Gateway, "0101234567");
        Blad(gw, "gw", "ingediendOp", OsoNamespaces.Gateway, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        var dossier = Kind(root, "", "dossier", DossierNs);
        Blad(Kind(dossier, "", "metadata", DossierNs), "", "overstap", DossierNs, "POSWV");
        Blad(dossier, "", "overdrachtsoort", DossierNs, "swv-dossier");
        var school = Kind(dossier, "", "huidigeschool", DossierNs);
        Blad(school, "", "naam", DossierNs, "Uitvalschool");
        Blad(school, "", "brincode", DossierNs, Brin);
        Blad(school, "", "vestigingscode", DossierNs, "00");
        var leerling = Kind(school, "", "leerling", DossierNs);
        Blad(leerling, "", "voornaam", DossierNs, "Sam");
        Blad(leerling, "", "achternaam", DossierNs, "Jansen");
        Blad(leerling, "", "roepnaam", DossierNs, "Sam");
        Blad(leerling, "", "geboortedatum", DossierNs, "2017-03-17");
        Blad(leerling, "", "leerlingid", DossierNs, "LN-" + koppelsleutel[..8]);
        var opp = Kind(Kind(leerling, "", "onderwijsondersteuning", DossierNs), "", "opp", DossierNs);
        Blad(opp, "", "opp_ingangdatum", DossierNs, "2026-09-01");
        Blad(opp, "", "opp_einddatum", DossierNs, "2027-07-31");
        var document = Kind(opp, "", "document", DossierNs);
        Blad(document, "", "bestandsnaam", DossierNs, "opp.pdf");
        Blad(document, "", "omschrijving", DossierNs, "ontwikkelingsperspectiefplan");
        Blad(document, "", "bestandsinhoud", DossierNs, Convert.ToBase64String(ZipMetPdf("opp.pdf")));
        return root;
    }

    private static XmlElement Kind(XmlElement ouder, string prefix, string naam, string ns)
    {
        var e = ouder.OwnerDocument.CreateElement(prefix, naam, ns);
        ouder.AppendChild(e);
        return e;
    }

    private static void Blad(XmlElement ouder, string prefix, string naam, string ns, string waarde) =>
        Kind(ouder, prefix, naam, ns).InnerText = waarde;

    private static byte[] ZipMetPdf(string naam)
    {
        var pdf = new byte[2048];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.4\n%"u8.CopyTo(pdf);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry(naam, CompressionLevel.NoCompression).Open())
        {
            entry.Write(pdf);
        }

        return ms.ToArray();
    }
}
