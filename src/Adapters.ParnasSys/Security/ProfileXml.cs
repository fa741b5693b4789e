using System.Text;
using System.Xml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>The small DOM rules every profile reader shares: exact names, text-only values, the one id rule, short names for faults.</summary>
internal static class ProfileXml
{
    internal static VerificationResult? SetOnce(ref XmlElement? slot, XmlElement element, string reason)
    {
        if (slot is not null)
        {
            return FailureCatalog.Fail(reason, "tweede " + Describe(element));
        }

        slot = element;
        return null;
    }

    internal static bool Is(XmlElement element, string localName, string namespaceUri) =>
        element.LocalName == localName && element.NamespaceURI == namespaceUri;

    internal static bool IsNonWhitespaceText(XmlNode node) =>
        node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(node.Value);

    internal static bool HasChildElements(XmlElement element)
    {
        for (var node = element.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }

        return false;
    }

    internal static VerificationResult? ChildElements(XmlElement parent, out List<XmlElement> children)
    {
        children = new List<XmlElement>(4);
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                children.Add(element);
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, "losse tekst in " + Describe(parent));
            }
        }

        return null;
    }

    /// <summary>The length of all text directly in <paramref name="element"/>, without building it.</summary>
    internal static long TextLength(XmlElement element)
    {
        long length = 0;
        for (var node = element.FirstChild; node is not null; node = node.NextSibling)
        {
            length += node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                ? node.Value?.Length ?? 0
                : 0;
        }

        return length;
    }

    /// <summary>
    /// The concatenated text of an element that holds only text. Comments and elements make it null: exclusive
    /// c14n drops comments from the digest, so a value split by a comment would read differently than it was signed.
    /// </summary>
    internal static string? TextValue(XmlElement element)
    {
        var first = element.FirstChild;
        if (first is null)
        {
            return string.Empty;
        }

        if (first.NextSibling is null && first.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            return (first.Value ?? string.Empty).Trim();
        }

        var builder = new StringBuilder();
        for (var node = first; node is not null; node = node.NextSibling)
        {
            if (node.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                return null;
            }

            builder.Append(node.Value);
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// The one id rule for signed parts and the token: wsu:Id, as Edukoppeling puts on the Body and every signed header.
    /// Accepting Id/ID/xml:id as well would give each element several names, and every other lookup (the streamed Body
    /// digest, xmlsec1's --id-attr, a WSS4J sender) would have to agree on all of them; issue 8 was such a disagreement.
    /// </summary>
    internal static bool HasId(XmlElement element, string id) => element.GetAttribute("Id", NS.Wsu) == id;

    /// <summary>Id forms other processors honour and the profile refuses on a signed part (only to name the refusal).</summary>
    internal static bool HasOtherId(XmlElement element, string id) =>
        element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id", NS.Xml) == id;

    /// <summary>Accepts only '#' followed by an NCName: no empty, external, relative or XPointer URIs.</summary>
    internal static bool TryLocalId(string uri, out string id)
    {
        id = string.Empty;
        if (uri.Length < 2 || uri[0] != '#')
        {
            return false;
        }

        var candidate = uri.AsSpan(1);
        if (!XmlConvert.IsStartNCNameChar(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!XmlConvert.IsNCNameChar(c))
            {
                return false;
            }
        }

        id = candidate.ToString();
        return true;
    }

    internal static bool HasOnlyInclusiveNamespaces(XmlElement parent)
    {
        var seen = false;
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                if (seen || !Is(element, "InclusiveNamespaces", NS.ExcC14n) || element.GetAttributeNode("PrefixList") is null || element.HasChildNodes)
                {
                    return false;
                }

                seen = true;
            }
            else if (IsNonWhitespaceText(node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short name for the fault text, so an element name never carries a foreign namespace URI or long content.</summary>
    internal static string Describe(XmlElement element)
    {
        var prefix = element.NamespaceURI switch
        {
            NS.Soap11 => "soapenv:",
            NS.Wsa => "wsa:",
            NS.Wsse => "wsse:",
            NS.Wsu => "wsu:",
            NS.Ds => "ds:",
            NS.ExcC14n => "ec:",
            _ => null,
        };
        var local = element.LocalName.Length > 40 ? element.LocalName[..40] + "…" : element.LocalName;
        return prefix is null ? $"'{local}' (andere namespace)" : prefix + local;
    }

    internal static string AlgorithmName(string algorithm) => algorithm switch
    {
        "" => "geen Algorithm",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => "rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1" => "dsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1" => "hmac-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" => "hmac-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384" => "hmac-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512" => "hmac-sha512",
        "http://www.w3.org/2000/09/xmldsig#sha1" => "sha1",
        "http://www.w3.org/2001/04/xmldsig-more#md5" => "md5",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" => "inclusive c14n",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments" => "inclusive c14n met comments",
        "http://www.w3.org/2006/12/xml-c14n11" => "c14n 1.1",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments" => "exclusive c14n met comments",
        "http://www.w3.org/TR/1999/REC-xpath-19991116" => "XPath",
        "http://www.w3.org/2002/06/xmldsig-filter2" => "XPath Filter 2.0",
        "http://www.w3.org/TR/1999/REC-xslt-19991116" => "XSLT",
        "http://www.w3.org/2002/07/decrypt#XML" => "decrypt",
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature" => "enveloped-signature",
        "http://www.w3.org/2000/09/xmldsig#base64" => "base64",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#STR-Transform" => "STR-Transform",
        _ => "onbekend algoritme",
    };
}
