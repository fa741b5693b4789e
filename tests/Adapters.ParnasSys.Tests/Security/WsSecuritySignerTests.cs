using System.Security.Cryptography;
using System.Text;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using Microsoft.Extensions.Time.Testing;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class WsSecuritySignerTests
{
    [Fact]
    public async Task Sign_ThenVerify_ReturnsVerifiedValues()
    {
        var messageId = "urn:uuid:" + Guid.NewGuid();
        var message = TestMessages.Sign(messageId: messageId, relatesTo: "urn:uuid:request-1");

        var result = await VerifyAsync(message);

        AssertAccepted(result);
        var verified = result.Message!;
        Assert.Equal(TestMessages.To, verified.To);
        Assert.Equal(TestMessages.GatewayOin, verified.ToOin);
        Assert.Equal(TestMessages.NotificatieAction, verified.Action);
        Assert.Equal(messageId, verified.MessageId);
        Assert.Equal(WsNamespaces.AnonymousAddress + "?oin=" + TestMessages.SchoolOin, verified.FromAddress);
        Assert.Equal(TestMessages.SchoolOin, verified.FromOin);
        Assert.Equal("urn:uuid:request-1", verified.RelatesTo);
        Assert.Equal(TestPki.Now, verified.Created);
        Assert.Equal(TestPki.Now.AddMinutes(5), verified.Expires);
        Assert.Equal(TestPki.SupplierOin, verified.SignerOin);
        Assert.Equal(TestPki.Supplier.Thumbprint, verified.SignerCertificate.Thumbprint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(message)), verified.ContentSha256);
        Assert.False(verified.IsRepeat);
        Assert.Equal("Body", verified.Body.LocalName);
        Assert.Equal("notificatieRequest", verified.Body.FirstChild!.LocalName);
    }

    [Fact]
    public void Sign_Output_IsUtf8WithDeclarationAndNoBom()
    {
        var message = TestMessages.Sign();

        Assert.NotEqual(0xEF, message[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(message), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sign_Output_HasOwnReferenceForEveryRequiredPart()
    {
        var document = TestMessages.Load(TestMessages.Sign(relatesTo: "urn:uuid:x"));
        var ns = TestMessages.Namespaces(document);

        var uris = document.SelectNodes("//ds:Reference/@URI", ns)!.Cast<System.Xml.XmlAttribute>().Select(a => a.Value[1..]).ToHashSet();
        var expected = new[] { TestMessages.Body(document), TestMessages.Timestamp(document) }
            .Concat(document.SelectNodes("/soapenv:Envelope/soapenv:Header/wsa:*", ns)!.Cast<System.Xml.XmlElement>())
            .Select(TestMessages.IdOf)
            .ToHashSet();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, uris);
        Assert.All(document.SelectNodes("//ds:Transform/@Algorithm", ns)!.Cast<System.Xml.XmlAttribute>(), a => Assert.Equal(WsNamespaces.ExcC14n, a.Value));
        Assert.All(document.SelectNodes("//ds:DigestMethod/@Algorithm", ns)!.Cast<System.Xml.XmlAttribute>(), a => Assert.Equal(WsNamespaces.Sha256, a.Value));
        Assert.Equal(WsNamespaces.RsaSha256, document.SelectSingleNode("//ds:SignatureMethod/@Algorithm", ns)!.Value);
    }

    [Fact]
    public void Constructor_Rsa1024Certificate_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WsSecuritySigner(TestPki.Rsa1024, new FakeTimeProvider(TestPki.Now)));
    }

    [Fact]
    public void Constructor_CertificateWithoutPrivateKey_Throws()
    {
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestPki.Supplier.RawData);
        Assert.Throws<ArgumentException>(() => new WsSecuritySigner(publicOnly, new FakeTimeProvider(TestPki.Now)));
    }

    [Fact]
    public async Task Sign_OneByteOfBodyChanged_RefusedAsSignatureInvalid()
    {
        var message = TestMessages.Sign();
        var text = Encoding.UTF8.GetString(message);
        var tampered = Encoding.UTF8.GetBytes(text.Replace("<oso:bronBrin>12AB<", "<oso:bronBrin>12AC<", StringComparison.Ordinal));
        Assert.Equal(message.Length, tampered.Length);
        Assert.NotEqual(message, tampered);

        var result = await VerifyAsync(tampered);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureInvalid, "0002");
    }

    [Fact]
    public async Task VerifyAsync_StreamOverload_VerifiesLikeBytes()
    {
        var message = TestMessages.Sign();
        using var stream = new MemoryStream(message);

        var result = await Create().VerifyAsync(stream, CancellationToken.None);

        AssertAccepted(result);
    }
}
