using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>Cross-checks with an independent XML-DSig implementation in both directions.</summary>
public sealed class XmlSecInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hulpvraag-xmlsec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void XmlSec1Verify_MessageFromOurSigner_Succeeds()
    {
        var message = WriteFile("signed.xml", TestMessages.Sign(relatesTo: "urn:uuid:request-1"));
        var certificate = WriteFile("signer.pem", TestPki.Supplier.ExportCertificatePem());

        var (exitCode, output) = XmlSec.Run([.. new[] { "--verify", "--pubkey-cert-pem", certificate }, .. XmlSec.IdAttributes, message]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("OK", output, StringComparison.Ordinal);
        Assert.Contains("SignedInfo References (ok/all): 7/7", output, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlSec1Verify_TamperedMessageFromOurSigner_Fails()
    {
        var text = Encoding.UTF8.GetString(TestMessages.Sign()).Replace(">12AB<", ">12AC<", StringComparison.Ordinal);
        var message = WriteFile("tampered.xml", text);
        var certificate = WriteFile("signer.pem", TestPki.Supplier.ExportCertificatePem());

        var (exitCode, output) = XmlSec.Run([.. new[] { "--verify", "--pubkey-cert-pem", certificate }, .. XmlSec.IdAttributes, message]);

        Assert.True(exitCode != 0, output);
    }

    [Fact]
    public async Task VerifyAsync_MessageSignedByXmlSec1_Accepted()
    {
        var template = WriteFile("template.xml", Template());
        using var key = TestPki.Supplier.GetRSAPrivateKey()!;
        var keyFile = WriteFile("key.pem", key.ExportPkcs8PrivateKeyPem());
        var output = Path.Combine(_dir, "signed.xml");

        var (exitCode, log) = XmlSec.Run([.. new[] { "--sign", "--privkey-pem", keyFile, "--output", output }, .. XmlSec.IdAttributes, template]);
        Assert.True(exitCode == 0, log);

        var result = await VerifyAsync(await File.ReadAllBytesAsync(output));

        AssertAccepted(result);
        Assert.Equal("urn:uuid:xmlsec-1", result.Message!.MessageId);
        Assert.Equal(TestPki.SupplierOin, result.Message.SignerOin);
    }

    [Fact]
    public async Task VerifyAsync_MessageSignedByXmlSec1ThenTampered_Refused()
    {
        var template = WriteFile("template.xml", Template());
        using var key = TestPki.Supplier.GetRSAPrivateKey()!;
        var keyFile = WriteFile("key.pem", key.ExportPkcs8PrivateKeyPem());
        var output = Path.Combine(_dir, "signed.xml");
        var (exitCode, log) = XmlSec.Run([.. new[] { "--sign", "--privkey-pem", keyFile, "--output", output }, .. XmlSec.IdAttributes, template]);
        Assert.True(exitCode == 0, log);
        var tampered = (await File.ReadAllTextAsync(output)).Replace(">PO2806<", ">PO2807<", StringComparison.Ordinal);

        var result = await VerifyAsync(Encoding.UTF8.GetBytes(tampered));

        AssertRefused(result, Hulpvraag.Core.Fouten.FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureInvalid);
    }

    /// <summary>
    /// A template in the style of the recorded Edukoppeling requests: ds: prefix, InclusiveNamespaces PrefixLists,
    /// wsa declared on the Header (not the Envelope), Signature before Timestamp, one SHA-512 digest.
    /// </summary>
    internal static string Template()
    {
        var token = Convert.ToBase64String(TestPki.Supplier.RawData);
        var created = WsSecuritySigner.FormatUtc(TestPki.Now);
        var expires = WsSecuritySigner.FormatUtc(TestPki.Now.AddMinutes(5));
        const string Exc = "http://www.w3.org/2001/10/xml-exc-c14n#";

        static string Reference(string id, string prefixList, string digest = "http://www.w3.org/2001/04/xmlenc#sha256") =>
            $"""<ds:Reference URI="#{id}"><ds:Transforms><ds:Transform Algorithm="{Exc}"><ec:InclusiveNamespaces PrefixList="{prefixList}"/></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="{digest}"/><ds:DigestValue></ds:DigestValue></ds:Reference>""";

        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:oso="{TestMessages.OsoNamespace}" xmlns:wsu="{WsNamespaces.Wsu}"><soapenv:Header xmlns:wsa="{WsNamespaces.Wsa}"><wsse:Security xmlns:wsse="{WsNamespaces.Wsse}" soapenv:mustUnderstand="1"><wsse:BinarySecurityToken EncodingType="{WsNamespaces.Base64BinaryEncoding}" ValueType="{WsNamespaces.X509v3ValueType}" wsu:Id="X509-xmlsec">{token}</wsse:BinarySecurityToken><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo xmlns:ec="{Exc}"><ds:CanonicalizationMethod Algorithm="{Exc}"><ec:InclusiveNamespaces PrefixList="wsa oso soapenv"/></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="{WsNamespaces.RsaSha256}"/>{Reference("id-From", "oso soapenv")}{Reference("id-To", "oso soapenv")}{Reference("id-Action", "oso soapenv")}{Reference("id-MessageID", "oso soapenv")}{Reference("id-Body", "oso", WsNamespaces.Sha512)}{Reference("id-Timestamp", "wsse wsa oso soapenv")}</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI="#X509-xmlsec" ValueType="{WsNamespaces.X509v3ValueType}"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature><wsu:Timestamp wsu:Id="id-Timestamp"><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires></wsu:Timestamp></wsse:Security><wsa:Action wsu:Id="id-Action">{TestMessages.NotificatieAction}</wsa:Action><wsa:From wsu:Id="id-From"><wsa:Address>{WsNamespaces.AnonymousAddress}?oin={TestMessages.SchoolOin}</wsa:Address></wsa:From><wsa:MessageID wsu:Id="id-MessageID">urn:uuid:xmlsec-1</wsa:MessageID><wsa:To wsu:Id="id-To">{TestMessages.To}</wsa:To></soapenv:Header><soapenv:Body wsu:Id="id-Body"><oso:notificatieRequest><oso:bronBrin>12AB</oso:bronBrin><oso:doelBrin>PO2806</oso:doelBrin><oso:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</oso:koppelsleutel><oso:doel>SWV</oso:doel></oso:notificatieRequest></soapenv:Body></soapenv:Envelope>
            """;
    }
}
