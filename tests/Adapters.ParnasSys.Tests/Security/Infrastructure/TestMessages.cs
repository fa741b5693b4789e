using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>Builds messages with the production signer and loads them back as DOM for mutation.</summary>
internal static class TestMessages
{
    public const string GatewayOin = "00000099000000002806";
    public const string SchoolOin = "0000000700012AB00001";
    public const string To = "https://gateway.test/oso/v1/swv?oin=" + GatewayOin;
    public const string OsoNamespace = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";
    public const string NotificatieAction = OsoNamespace + "/notificatieRequest";

    public static XmlElement NotificatieBody(string koppelsleutel = "19677A96-B737-402E-B3B8-24A3EEF32000")
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml($"""
            <oso:notificatieRequest xmlns:oso="{OsoNamespace}"><oso:bronBrin>12AB</oso:bronBrin><oso:bronRouteringsKenmerk>0000000700012AB00001</oso:bronRouteringsKenmerk><oso:doelBrin>PO2806</oso:doelBrin><oso:doelRouteringsKenmerk>00000099000000002806</oso:doelRouteringsKenmerk><oso:koppelsleutel>{koppelsleutel}</oso:koppelsleutel><oso:doel>SWV</oso:doel></oso:notificatieRequest>
            """);
        return document.DocumentElement!;
    }

    public static OutboundAddressing Addressing(string? messageId = null, string? relatesTo = null) =>
        new(To, NotificatieAction, messageId ?? "urn:uuid:" + Guid.NewGuid(), SchoolOin) { RelatesTo = relatesTo };

    public static byte[] Sign(X509Certificate2? certificate = null, DateTimeOffset? at = null, string? messageId = null,
        XmlElement? body = null, string? relatesTo = null, TimeSpan? timeToLive = null)
    {
        var signer = new WsSecuritySigner(certificate ?? TestPki.Supplier, new FakeTimeProvider(at ?? TestPki.Now), timeToLive);
        return signer.Sign(body ?? NotificatieBody(), Addressing(messageId, relatesTo));
    }

    public static XmlDocument Load(byte[] message)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        using var stream = new MemoryStream(message);
        document.Load(stream);
        return document;
    }

    public static byte[] Save(XmlDocument document)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    public static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("soapenv", WsNamespaces.Soap11);
        ns.AddNamespace("wsa", WsNamespaces.Wsa);
        ns.AddNamespace("wsse", WsNamespaces.Wsse);
        ns.AddNamespace("wsu", WsNamespaces.Wsu);
        ns.AddNamespace("ds", WsNamespaces.Ds);
        ns.AddNamespace("ec", WsNamespaces.ExcC14n);
        return ns;
    }

    public static XmlElement Select(XmlDocument document, string xpath) =>
        (XmlElement?)document.SelectSingleNode(xpath, Namespaces(document)) ?? throw new InvalidOperationException("Not found: " + xpath);

    public static XmlElement Body(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Body");
    public static XmlElement Header(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Header");
    public static XmlElement WsseSecurity(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Header/wsse:Security");
    public static XmlElement Signature(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Header/wsse:Security/ds:Signature");
    public static XmlElement Timestamp(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Header/wsse:Security/wsu:Timestamp");
    public static XmlElement Token(XmlDocument d) => Select(d, "/soapenv:Envelope/soapenv:Header/wsse:Security/wsse:BinarySecurityToken");
    public static XmlElement Addressing(XmlDocument d, string localName) => Select(d, "/soapenv:Envelope/soapenv:Header/wsa:" + localName);

    public static string IdOf(XmlElement element) => element.GetAttribute("Id", WsNamespaces.Wsu);

    public static XmlElement CreateWsuElement(XmlDocument document, string prefix, string localName, string namespaceUri, string? id)
    {
        var element = document.CreateElement(prefix, localName, namespaceUri);
        if (id is not null)
        {
            var attribute = document.CreateAttribute("wsu", "Id", WsNamespaces.Wsu);
            attribute.Value = id;
            element.Attributes.Append(attribute);
        }

        return element;
    }
}
