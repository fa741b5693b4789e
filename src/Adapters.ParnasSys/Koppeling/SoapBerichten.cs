using System.Text;
using System.Xml;
using Hulpvraag.Edge;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public static class OsoNamespaces
{
    public const string Oso = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";
    public const string Gateway = SoapFoutBericht.GatewayNamespace;
    public const string Soap = SoapFoutBericht.SoapNamespace;

    public static string Action(string element) => Oso + "/" + element;
}

/// <summary>OSO body elements for signing. SOAP faults are written by <see cref="Hulpvraag.Edge.SoapFoutBericht"/>, shared with the host.</summary>
public static class SoapFouten
{
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

/// <summary>
/// The one fault <see cref="SoapFoutBericht"/> does not write: SOAP 1.1 section 4.4.1 answers an envelope in another
/// namespace with faultcode VersionMismatch, and SOAP 1.2 appendix A adds an Upgrade header naming the envelope we speak.
/// </summary>
public static class SoapVersieFout
{
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    public static byte[] Maak(string code, string melding, string? digikoppelingCode)
    {
        using var uit = new MemoryStream(1024);
        using (var w = XmlWriter.Create(uit, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartElement("soapenv", "Envelope", OsoNamespaces.Soap);
            w.WriteStartElement("soapenv", "Header", OsoNamespaces.Soap);
            w.WriteStartElement("upg", "Upgrade", Soap12);
            w.WriteStartElement("upg", "SupportedEnvelope", Soap12);
            w.WriteAttributeString("xmlns", "ns", null, OsoNamespaces.Soap);
            w.WriteAttributeString("qname", "ns:Envelope");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("soapenv", "Body", OsoNamespaces.Soap);
            w.WriteStartElement("soapenv", "Fault", OsoNamespaces.Soap);
            w.WriteElementString("faultcode", "soapenv:VersionMismatch");
            w.WriteStartElement("faultstring");
            w.WriteAttributeString("xml", "lang", null, "nl");
            w.WriteString(melding);
            w.WriteEndElement();
            w.WriteStartElement("detail");
            w.WriteStartElement("gw", "fout", OsoNamespaces.Gateway);
            w.WriteElementString("gw", "code", OsoNamespaces.Gateway, code);
            w.WriteElementString("gw", "melding", OsoNamespaces.Gateway, melding);
            if (digikoppelingCode is not null)
            {
                w.WriteElementString("gw", "digikoppelingCode", OsoNamespaces.Gateway, digikoppelingCode);
            }
        }

        return uit.ToArray();
    }
}
