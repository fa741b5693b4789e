using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

public enum KeyInfoForm
{
    TokenReference,
    KeyValue,
    X509Data,
}

/// <summary>
/// Re-signs a (mutated) message with deliberately chosen, often forbidden, parameters. It resolves ids the naive
/// way (first element anywhere with that wsu:Id/Id), which is how a wrapped message gets a cryptographically
/// valid signature.
/// </summary>
internal sealed class Resigner
{
    public string SignatureMethod { get; init; } = WsNamespaces.RsaSha256;
    public string DigestMethod { get; init; } = WsNamespaces.Sha256;
    public string CanonicalizationMethod { get; init; } = WsNamespaces.ExcC14n;
    public Func<Transform[]> Transforms { get; init; } = () => [new XmlDsigExcC14NTransform()];

    /// <summary>Null: Body, Timestamp and every wsa header found in their proper places.</summary>
    public IReadOnlyList<string>? ReferenceIds { get; init; }

    public KeyInfoForm KeyInfo { get; init; } = KeyInfoForm.TokenReference;
    public KeyedHashAlgorithm? Hmac { get; init; }

    public static IReadOnlyList<string> DefaultReferenceIds(XmlDocument document)
    {
        var ns = TestMessages.Namespaces(document);
        var ids = new List<string>();
        foreach (XmlElement element in document.SelectNodes(
                     "/soapenv:Envelope/soapenv:Body | /soapenv:Envelope/soapenv:Header/wsse:Security/wsu:Timestamp | /soapenv:Envelope/soapenv:Header/wsa:*", ns)!)
        {
            var id = TestMessages.IdOf(element);
            if (id.Length > 0)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public void Resign(XmlDocument document, X509Certificate2 certificate)
    {
        var security = TestMessages.WsseSecurity(document);
        foreach (var old in security.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Signature" && e.NamespaceURI == WsNamespaces.Ds).ToList())
        {
            security.RemoveChild(old);
        }

        var signedXml = new NaiveSignedXml(document);
        signedXml.SignedInfo!.CanonicalizationMethod = CanonicalizationMethod;
        signedXml.SignedInfo.SignatureMethod = SignatureMethod;
        foreach (var id in ReferenceIds ?? DefaultReferenceIds(document))
        {
            var reference = new Reference("#" + id) { DigestMethod = DigestMethod };
            foreach (var transform in Transforms())
            {
                reference.AddTransform(transform);
            }

            signedXml.AddReference(reference);
        }

        using var rsa = certificate.GetRSAPrivateKey()!;
        var keyInfo = new KeyInfo();
        switch (KeyInfo)
        {
            case KeyInfoForm.TokenReference:
                var str = document.CreateElement("wsse", "SecurityTokenReference", WsNamespaces.Wsse);
                var reference = document.CreateElement("wsse", "Reference", WsNamespaces.Wsse);
                reference.SetAttribute("URI", "#" + TestMessages.IdOf(TestMessages.Token(document)));
                reference.SetAttribute("ValueType", WsNamespaces.X509v3ValueType);
                str.AppendChild(reference);
                keyInfo.AddClause(new KeyInfoNode(str));
                break;
            case KeyInfoForm.KeyValue:
                keyInfo.AddClause(new RSAKeyValue(rsa));
                break;
            default:
                keyInfo.AddClause(new KeyInfoX509Data(certificate));
                break;
        }

        signedXml.KeyInfo = keyInfo;
        if (Hmac is not null)
        {
            signedXml.ComputeSignature(Hmac);
        }
        else
        {
            signedXml.SigningKey = rsa;
            signedXml.ComputeSignature();
        }

        security.AppendChild(document.ImportNode(signedXml.GetXml(), true));
    }

    /// <summary>True when a verifier that resolves ids anywhere in the document would accept the signature.</summary>
    public static bool NaiveVerifies(XmlDocument document, X509Certificate2 certificate)
    {
        var signature = (XmlElement)document.GetElementsByTagName("Signature", WsNamespaces.Ds)[0]!;
        var signedXml = new NaiveSignedXml(document);
        signedXml.LoadXml(signature);
        using var rsa = certificate.GetRSAPublicKey()!;
        return signedXml.CheckSignature(rsa);
    }

    private sealed class NaiveSignedXml : SignedXml
    {
        private readonly XmlDocument _document;

        public NaiveSignedXml(XmlDocument document)
            : base(document)
        {
            _document = document;
        }

        public override XmlElement? GetIdElement(XmlDocument? doc, string idValue)
        {
            foreach (XmlElement element in _document.GetElementsByTagName("*"))
            {
                if (element.GetAttribute("Id", WsNamespaces.Wsu) == idValue || element.GetAttribute("Id") == idValue)
                {
                    return element;
                }
            }

            return null;
        }
    }
}
