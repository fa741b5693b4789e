using System.Security;
using System.Text;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public static class OsoNamespaces
{
    public const string Oso = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";
    public const string Gateway = "urn:hulpvraag-gateway:oso:2026";
    public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    public static string Action(string element) => Oso + "/" + element;
}

/// <summary>SOAP 1.1 faults with the spec's detail element; unsigned, because a refused message has no trusted peer to sign for.</summary>
public static class SoapFouten
{
    public static byte[] Fout(string code, string melding, string? digikoppelingCode, bool server = false)
    {
        var sb = new StringBuilder(512);
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
          .Append("<soapenv:Envelope xmlns:soapenv=\"").Append(OsoNamespaces.Soap).Append("\"><soapenv:Body><soapenv:Fault>")
          .Append("<faultcode>soapenv:").Append(server ? "Server" : "Client").Append("</faultcode>")
          .Append("<faultstring xml:lang=\"nl\">").Append(SecurityElement.Escape(melding)).Append("</faultstring>")
          .Append("<detail><gw:fout xmlns:gw=\"").Append(OsoNamespaces.Gateway).Append("\">")
          .Append("<gw:code>").Append(SecurityElement.Escape(code)).Append("</gw:code>")
          .Append("<gw:melding>").Append(SecurityElement.Escape(melding)).Append("</gw:melding>");
        if (digikoppelingCode is not null)
        {
            sb.Append("<gw:digikoppelingCode>").Append(digikoppelingCode).Append("</gw:digikoppelingCode>");
        }

        sb.Append("</gw:fout></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A body element in the OSO namespace with simple children, for signing.</summary>
    public static XmlElement OsoElement(string naam, params (string Naam, string Waarde)[] kinderen)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = doc.CreateElement("oso", naam, OsoNamespaces.Oso);
        foreach (var (n, w) in kinderen)
        {
            var kind = doc.CreateElement("oso", n, OsoNamespaces.Oso);
            kind.InnerText = w;
            root.AppendChild(kind);
        }

        doc.AppendChild(root);
        return root;
    }
}
