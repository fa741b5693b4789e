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
