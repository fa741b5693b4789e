using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>
/// Recomputes every Reference digest and the SignatureValue of a message in place, with the own exclusive c14n and a
/// resolver that accepts any id attribute (wsu:Id, Id, ID, xml:id): a genuine signature over whatever the test built,
/// whichever id form it chose. The profile then decides which forms it accepts; the cryptography never stands in the way.
/// </summary>
internal static class OwnResigner
{
    public static void Resign(XmlDocument document, X509Certificate2? certificate = null)
    {
        var signature = TestMessages.Signature(document);
        var signedInfo = (XmlElement)signature.GetElementsByTagName("SignedInfo", WsNamespaces.Ds)[0]!;
        foreach (var reference in signedInfo.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Reference"))
        {
            var id = reference.GetAttribute("URI")[1..];
            var target = FindAnyId(document, id) ?? throw new InvalidOperationException("no element with id " + id);
            IReadOnlyList<string>? prefixes = null;
            foreach (var transform in reference.GetElementsByTagName("Transform", WsNamespaces.Ds).OfType<XmlElement>())
            {
                var own = PrefixList(transform);
                prefixes = prefixes is null ? own : ExclusiveC14n.ChainPrefixLists(prefixes, own);
            }

            var digestMethod = (XmlElement)reference.GetElementsByTagName("DigestMethod", WsNamespaces.Ds)[0]!;
            var hash = ExclusiveC14n.HashForDigestMethod(digestMethod.GetAttribute("Algorithm"))!.Value;
            var digestValue = (XmlElement)reference.GetElementsByTagName("DigestValue", WsNamespaces.Ds)[0]!;
            digestValue.InnerText = Convert.ToBase64String(ExclusiveC14n.Digest(target, prefixes ?? [], hash));
        }

        var c14n = (XmlElement)signedInfo.GetElementsByTagName("CanonicalizationMethod", WsNamespaces.Ds)[0]!;
        var method = (XmlElement)signedInfo.GetElementsByTagName("SignatureMethod", WsNamespaces.Ds)[0]!;
        var signatureHash = ExclusiveC14n.HashForSignatureMethod(method.GetAttribute("Algorithm"))!.Value;
        var digest = ExclusiveC14n.Digest(signedInfo, PrefixList(c14n), signatureHash);
        using var key = (certificate ?? TestPki.Supplier).GetRSAPrivateKey()!;
        var value = (XmlElement)signature.GetElementsByTagName("SignatureValue", WsNamespaces.Ds)[0]!;
        value.InnerText = Convert.ToBase64String(key.SignHash(digest, signatureHash, RSASignaturePadding.Pkcs1));
    }

    public static XmlElement? FindAnyId(XmlDocument document, string id)
    {
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            if (element.GetAttribute("Id", WsNamespaces.Wsu) == id || element.GetAttribute("Id") == id
                || element.GetAttribute("ID") == id || element.GetAttribute("id", WsNamespaces.Xml) == id)
            {
                return element;
            }
        }

        return null;
    }

    private static IReadOnlyList<string> PrefixList(XmlElement method) =>
        method.GetElementsByTagName("InclusiveNamespaces", WsNamespaces.ExcC14n).OfType<XmlElement>().FirstOrDefault() is { } inclusive
            ? ExclusiveC14n.ParsePrefixList(inclusive.GetAttribute("PrefixList"))
            : [];
}
