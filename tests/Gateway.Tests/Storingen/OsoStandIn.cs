using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Gateway.Tests.Infrastructure.Oso;
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
        _root = OsoTestBerichten.Root("Uitval Test Root", nu);
        _supplier = OsoTestBerichten.Certificaat(_root, "leverancier.test", SupplierOin, nu);
        using var gateway = OsoTestBerichten.Certificaat(_root, "gateway.test", GatewayOin, nu);
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
    public byte[] Notificatie(out string koppelsleutel) =>
        OsoTestBerichten.Notificatie(new WsSecuritySigner(_supplier, TimeProvider.System), GatewayOin, SupplierOin, Brin, Kenmerk, out koppelsleutel);

    public void Dispose()
    {
        _parnassys.Stop();
        _parnassys.Dispose();
        _supplier.Dispose();
        _root.Dispose();
        Directory.Delete(_map, recursive: true);
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
        var koppelsleutel = Tekst(doc, "koppelsleutel", OsoNamespaces.Oso) ?? "ONBEKEND";
        return Antwoord(Onderteken(OsoTestBerichten.DocumentResponse(koppelsleutel, Brin, "Uitvalschool", "Uitvaltest", 2048), "documentResponse", messageId));
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
}
