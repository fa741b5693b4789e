using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>WS-Addressing values of an outbound message.</summary>
/// <param name="To">The endpoint URL with <c>?oin=</c> of the receiver.</param>
/// <param name="FromOin">The gateway's own OIN (<c>Oso:Oin</c>), sent as <c>anonymous?oin=</c>.</param>
public sealed record OutboundAddressing(string To, string Action, string MessageId, string FromOin)
{
    /// <summary>The request's MessageID when this message is a response.</summary>
    public string? RelatesTo { get; init; }
}

/// <summary>
/// Builds and signs outbound SOAP 1.1 messages in the shape the verifier demands: Body, Timestamp and every
/// wsa header each get a wsu:Id and their own Reference (exclusive c14n, SHA-256), RSA-SHA256 over SignedInfo,
/// and KeyInfo pointing at the BinarySecurityToken by SecurityTokenReference.
/// </summary>
public sealed class WsSecuritySigner
{
    private const int MinRsaKeyBits = 2048;

    private readonly X509Certificate2 _certificate;
    private readonly string _tokenBase64;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeToLive;

    public WsSecuritySigner(X509Certificate2 certificate, TimeProvider timeProvider, TimeSpan? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using (var key = certificate.GetRSAPrivateKey())
        {
            if (key is null)
            {
                throw new ArgumentException("The signing certificate must carry an RSA private key.", nameof(certificate));
            }

            if (key.KeySize < MinRsaKeyBits)
            {
                throw new ArgumentException($"The signing key has {key.KeySize} bits; at least {MinRsaKeyBits} are required.", nameof(certificate));
            }
        }

        _certificate = certificate;
        _tokenBase64 = Convert.ToBase64String(certificate.RawData);
        _timeProvider = timeProvider;
        _timeToLive = timeToLive ?? TimeSpan.FromSeconds(300);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_timeToLive, TimeSpan.Zero, nameof(timeToLive));
    }

    /// <returns>The signed envelope as UTF-8 bytes (no BOM), ready to POST as <c>text/xml; charset=utf-8</c>.</returns>
    public byte[] Sign(XmlElement bodyContent, OutboundAddressing addressing)
    {
        ArgumentNullException.ThrowIfNull(bodyContent);
        ArgumentNullException.ThrowIfNull(addressing);
        ArgumentException.ThrowIfNullOrWhiteSpace(addressing.To);
        ArgumentException.ThrowIfNullOrWhiteSpace(addressing.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(addressing.MessageId);
        if (!Oin.IsValid(addressing.FromOin))
        {
            throw new ArgumentException("FromOin must be an OIN of 20 digits or upper-case letters.", nameof(addressing));
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.AppendChild(document.CreateXmlDeclaration("1.0", "UTF-8", null));
        var envelope = document.CreateElement("soapenv", "Envelope", NS.Soap11);
        document.AppendChild(envelope);
        DeclarePrefix(envelope, "soapenv", NS.Soap11);
        DeclarePrefix(envelope, "wsa", NS.Wsa);
        DeclarePrefix(envelope, "wsse", NS.Wsse);
        DeclarePrefix(envelope, "wsu", NS.Wsu);

        var header = Append(envelope, "soapenv", "Header", NS.Soap11);
        var security = Append(header, "wsse", "Security", NS.Wsse);
        var mustUnderstand = document.CreateAttribute("soapenv", "mustUnderstand", NS.Soap11);
        mustUnderstand.Value = "1";
        security.Attributes.Append(mustUnderstand);

        var targets = new List<(string Id, XmlElement Element)>(7);
        var now = _timeProvider.GetUtcNow();
        var timestamp = Append(security, "wsu", "Timestamp", NS.Wsu);
        SetId(timestamp, "TS", targets);
        Append(timestamp, "wsu", "Created", NS.Wsu).InnerText = FormatUtc(now);
        Append(timestamp, "wsu", "Expires", NS.Wsu).InnerText = FormatUtc(now + _timeToLive);

        var token = Append(security, "wsse", "BinarySecurityToken", NS.Wsse);
        token.SetAttribute("EncodingType", NS.Base64BinaryEncoding);
        token.SetAttribute("ValueType", NS.X509v3ValueType);
        var tokenId = SetId(token, "X509", targets: null);
        token.InnerText = _tokenBase64;

        AppendAddressing(header, "To", addressing.To, targets);
        AppendAddressing(header, "Action", addressing.Action, targets);
        AppendAddressing(header, "MessageID", addressing.MessageId, targets);
        if (addressing.RelatesTo is { } relatesTo)
        {
            AppendAddressing(header, "RelatesTo", relatesTo, targets);
        }

        var from = Append(header, "wsa", "From", NS.Wsa);
        SetId(from, "From", targets);
        Append(from, "wsa", "Address", NS.Wsa).InnerText = NS.AnonymousAddress + "?oin=" + addressing.FromOin;

        var body = Append(envelope, "soapenv", "Body", NS.Soap11);
        SetId(body, "Body", targets);
        body.AppendChild(document.ImportNode(bodyContent, deep: true));

        AppendSignature(security, targets, tokenId);

        // Entitize, not None: a CR in text or a TAB/LF/CR in an attribute written raw comes back from the receiver's
        // parser as LF or a space, so its digest no longer matches (free text such as a terugkoppeling's toelichting
        // can carry CR LF). Anything else is written exactly as with None.
        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using (var writer = XmlWriter.Create(output, settings))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The ds:Signature exactly as <c>SignedXml.GetXml()</c> wrote it before (default namespace ds, no Ids, no
    /// InclusiveNamespaces, References in the order of <paramref name="targets"/>), because the wire format is a
    /// contract with the partners, not just whatever XML-DSig allows.
    /// </summary>
    /// <remarks>
    /// Why not <c>SignedXml</c>: it copied SignedInfo and every target into documents of its own before
    /// canonicalising (~366 µs per response, more than the RSA-2048 signature itself; docs/performance.md). The
    /// digests here come from the same <see cref="ExclusiveC14n"/> the verifier uses, so the two cannot disagree.
    /// </remarks>
    private void AppendSignature(XmlElement security, List<(string Id, XmlElement Element)> targets, string tokenId)
    {
        var signature = security.OwnerDocument.CreateElement("Signature", NS.Ds);
        var signedInfo = AppendDs(signature, "SignedInfo");
        AppendDs(signedInfo, "CanonicalizationMethod").SetAttribute("Algorithm", NS.ExcC14n);
        AppendDs(signedInfo, "SignatureMethod").SetAttribute("Algorithm", NS.RsaSha256);
        foreach (var (id, element) in targets)
        {
            var reference = AppendDs(signedInfo, "Reference");
            reference.SetAttribute("URI", "#" + id);
            AppendDs(AppendDs(reference, "Transforms"), "Transform").SetAttribute("Algorithm", NS.ExcC14n);
            AppendDs(reference, "DigestMethod").SetAttribute("Algorithm", NS.Sha256);
            AppendDs(reference, "DigestValue").InnerText =
                Convert.ToBase64String(ExclusiveC14n.Digest(element, [], HashAlgorithmName.SHA256));
        }

        var signatureValue = AppendDs(signature, "SignatureValue");
        var tokenReference = Append(AppendDs(signature, "KeyInfo"), "wsse", "SecurityTokenReference", NS.Wsse);
        var strReference = Append(tokenReference, "wsse", "Reference", NS.Wsse);
        strReference.SetAttribute("URI", "#" + tokenId);
        strReference.SetAttribute("ValueType", NS.X509v3ValueType);

        // SignedInfo is canonicalised in its final place: its in-scope namespaces there are what every verifier uses.
        security.AppendChild(signature);
        var hash = ExclusiveC14n.Digest(signedInfo, [], HashAlgorithmName.SHA256);
        using var key = _certificate.GetRSAPrivateKey()!;
        signatureValue.InnerText = Convert.ToBase64String(key.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    internal static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void AppendAddressing(XmlElement header, string localName, string value, List<(string Id, XmlElement Element)> targets)
    {
        var element = Append(header, "wsa", localName, NS.Wsa);
        SetId(element, localName, targets);
        element.InnerText = value;
    }

    private static string SetId(XmlElement element, string kind, List<(string Id, XmlElement Element)>? targets)
    {
        var id = kind + "-" + Guid.NewGuid().ToString("N");
        var attribute = element.OwnerDocument.CreateAttribute("wsu", "Id", NS.Wsu);
        attribute.Value = id;
        element.Attributes.Append(attribute);
        targets?.Add((id, element));
        return id;
    }

    private static XmlElement AppendDs(XmlElement parent, string localName) => Append(parent, string.Empty, localName, NS.Ds);

    private static XmlElement Append(XmlElement parent, string prefix, string localName, string namespaceUri)
    {
        var element = parent.OwnerDocument.CreateElement(prefix, localName, namespaceUri);
        parent.AppendChild(element);
        return element;
    }

    private static void DeclarePrefix(XmlElement element, string prefix, string namespaceUri)
    {
        var attribute = element.OwnerDocument.CreateAttribute("xmlns", prefix, NS.Xmlns);
        attribute.Value = namespaceUri;
        element.Attributes.Append(attribute);
    }
}
