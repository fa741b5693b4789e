using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Bench;

/// <summary>A clock that always answers the signing time, so every iteration is inside the Timestamp window.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Answers New for every message: the replay store (a database in the gateway) is not what is measured.</summary>
internal sealed class AlwaysNewReplayStore : IReplayStore
{
    public ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct) =>
        ValueTask.FromResult(ReplayCheck.New);
}

/// <summary>
/// A throw-away RSA-2048 chain (root + leaf with an OIN in subject serialNumber and digitalSignature key usage) and
/// one notificatieRequest-like envelope signed by <see cref="WsSecuritySigner"/>, padded to about 5 KB.
/// </summary>
internal sealed class SignedEnvelopeFixture : IDisposable
{
    public const int DefaultTargetBytes = 5 * 1024;
    public const string SignerOin = "00000099000000001234";
    public const string RecipientOin = "00000099000000002806";

    private SignedEnvelopeFixture(X509Certificate2 root, X509Certificate2 leaf, byte[] envelope, DateTimeOffset signingTime)
    {
        Root = root;
        Leaf = leaf;
        Envelope = envelope;
        SigningTime = signingTime;
    }

    public X509Certificate2 Root { get; }

    /// <summary>The signer certificate, with its private key.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The signed envelope as UTF-8 bytes.</summary>
    public byte[] Envelope { get; }

    /// <summary>wsu:Created of <see cref="Envelope"/>; a <see cref="FixedTimeProvider"/> on this time satisfies the window.</summary>
    public DateTimeOffset SigningTime { get; }

    public static SignedEnvelopeFixture Create(int targetBytes = DefaultTargetBytes)
    {
        // Whole milliseconds: the signer writes wsu:Created with three fraction digits.
        var signingTime = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Benchmark root, O=Hulpvraag Gateway bench", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        var root = rootRequest.CreateSelfSigned(signingTime.AddDays(-1), signingTime.AddYears(1));

        using var leafKey = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("NL");
        subject.AddOrganizationName("Leverancier BV");
        subject.AddCommonName("oso.leverancier.example");
        subject.Add("2.5.4.5", SignerOin, UniversalTagNumber.PrintableString);
        var leafRequest = new CertificateRequest(subject.Build(), leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var leafPublic = leafRequest.Create(root, signingTime.AddDays(-1), signingTime.AddDays(90), [0x10, 0x20, 0x30, 0x40, 0x50]);
        var leaf = leafPublic.CopyWithPrivateKey(leafKey);

        var signer = new WsSecuritySigner(leaf, new FixedTimeProvider(signingTime));

        // Sign once with a small padding, then once more with the padding that brings the envelope to the target size.
        var first = Sign(signer, 0);
        var perRow = Sign(signer, 1).Length - first.Length;
        var rows = Math.Max(0, (targetBytes - first.Length) / perRow);
        var envelope = Sign(signer, rows);
        return new SignedEnvelopeFixture(root, leaf, envelope, signingTime);
    }

    public WsSecurityVerifier CreateVerifier() =>
        new(new WsSecurityVerifierOptions { TrustPolicy = new ChainTrustPolicy([Root]) }, new AlwaysNewReplayStore(), new FixedTimeProvider(SigningTime));

    public void Dispose()
    {
        Root.Dispose();
        Leaf.Dispose();
    }

    /// <summary>
    /// The notificatieRequest of the OSO contract plus <paramref name="rows"/> "regel" elements of about 80 bytes each:
    /// element-structured padding, because canonicalisation costs per node as well as per byte.
    /// </summary>
    private static byte[] Sign(WsSecuritySigner signer, int rows)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var request = document.CreateElement("oso", "notificatieRequest", OsoNamespaces.Oso);
        document.AppendChild(request);
        Append(request, "bronBrin", "12AB");
        Append(request, "bronRouteringsKenmerk", "0000000700012AB00001");
        Append(request, "doelBrin", "PO2806");
        Append(request, "doelRouteringsKenmerk", RecipientOin);
        Append(request, "koppelsleutel", "6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F");
        if (rows > 0)
        {
            var toelichting = Append(request, "toelichting", null);
            for (var i = 0; i < rows; i++)
            {
                var regel = Append(toelichting, "regel", "Ondersteuningsbehoefte vastgesteld in overleg met ouders en IB'er");
                regel.SetAttribute("nr", (i + 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        Append(request, "doel", "SWV");
        var addressing = new OutboundAddressing(
            "https://gateway.example/oso/v1/swv?oin=" + RecipientOin,
            OsoNamespaces.Action("notificatieRequest"),
            "uuid:0b9e1f52-7d4c-4a0e-9a8b-3c2d1e0f9a8b",
            SignerOin);
        return signer.Sign(request, addressing);
    }

    private static XmlElement Append(XmlElement parent, string localName, string? text)
    {
        var element = parent.OwnerDocument.CreateElement("oso", localName, OsoNamespaces.Oso);
        if (text is not null)
        {
            element.InnerText = text;
        }

        parent.AppendChild(element);
        return element;
    }
}
