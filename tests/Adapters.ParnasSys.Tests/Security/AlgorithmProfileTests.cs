using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class AlgorithmProfileTests
{
    private const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    private const string InclusiveC14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    private const string ExcC14nWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

    /// <summary>Re-signs for real, so the only thing wrong is the algorithm: the signature is cryptographically valid.</summary>
    private static async Task<VerificationResult> ResignAndVerifyAsync(Resigner resigner)
    {
        var document = Load(Sign());
        resigner.Resign(document, TestPki.Supplier);
        return await VerifyAsync(Save(document));
    }

    private static async Task<VerificationResult> MutateAndVerifyAsync(Action<XmlDocument> mutate)
    {
        var document = Load(Sign());
        mutate(document);
        return await VerifyAsync(Save(document));
    }

    [Theory]
    [InlineData(WsNamespaces.RsaSha384, WsNamespaces.Sha384)]
    [InlineData(WsNamespaces.RsaSha512, WsNamespaces.Sha512)]
    [InlineData(WsNamespaces.RsaSha256, WsNamespaces.Sha512)]
    public async Task VerifyAsync_StrongerAllowedAlgorithms_Accepted(string signatureMethod, string digestMethod)
    {
        var result = await ResignAndVerifyAsync(new Resigner { SignatureMethod = signatureMethod, DigestMethod = digestMethod });

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_InclusiveNamespacesPrefixList_Accepted()
    {
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [new XmlDsigExcC14NTransform("soapenv wsa")] });

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_TwoExcC14nTransforms_Accepted()
    {
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [new XmlDsigExcC14NTransform(), new XmlDsigExcC14NTransform()] });

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_RsaSha1_RefusedAsSignatureMethod()
    {
        var result = await ResignAndVerifyAsync(new Resigner { SignatureMethod = RsaSha1 });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureMethodNotAllowed, "0002");
        Assert.Contains("rsa-sha1", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_Sha1Digest_RefusedAsDigestMethod()
    {
        var result = await ResignAndVerifyAsync(new Resigner { DigestMethod = Sha1 });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DigestMethodNotAllowed, "0002");
    }

    [Fact]
    public async Task VerifyAsync_HmacSignature_RefusedAsSignatureMethod()
    {
        using var hmac = new HMACSHA256(RandomNumberGenerator.GetBytes(32));

        var result = await ResignAndVerifyAsync(new Resigner { Hmac = hmac });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureMethodNotAllowed);
        Assert.Contains("hmac-sha256", result.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InclusiveC14n)]
    [InlineData(ExcC14nWithComments)]
    [InlineData(InclusiveC14n + "#WithComments")]
    public async Task VerifyAsync_CanonicalizationMethodNotExclusive_RefusedAsCanonicalization(string algorithm)
    {
        var result = await ResignAndVerifyAsync(new Resigner { CanonicalizationMethod = algorithm });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.CanonicalizationNotAllowed);
    }

    [Fact]
    public async Task VerifyAsync_InclusiveC14nTransform_RefusedAsTransform()
    {
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [new XmlDsigC14NTransform()] });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformNotAllowed);
    }

    [Fact]
    public async Task VerifyAsync_WithCommentsTransform_RefusedAsTransform()
    {
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [new XmlDsigExcC14NWithCommentsTransform()] });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformNotAllowed);
    }

    [Fact]
    public async Task VerifyAsync_EnvelopedSignatureTransform_RefusedAsTransform()
    {
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform()] });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformNotAllowed);
    }

    [Theory]
    [InlineData("http://www.w3.org/TR/1999/REC-xpath-19991116", "XPath")]
    [InlineData("http://www.w3.org/TR/1999/REC-xslt-19991116", "XSLT")]
    [InlineData("http://www.w3.org/2002/07/decrypt#XML", "decrypt")]
    [InlineData("http://www.w3.org/2002/06/xmldsig-filter2", "XPath Filter 2.0")]
    [InlineData("urn:example:unknown-transform", "onbekend algoritme")]
    public async Task VerifyAsync_ForbiddenTransformAdded_RefusedAsTransform(string algorithm, string shownAs)
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var transforms = Select(d, "//ds:Reference/ds:Transforms");
            var transform = d.CreateElement("ds", "Transform", WsNamespaces.Ds);
            transform.SetAttribute("Algorithm", algorithm);
            if (shownAs == "XPath")
            {
                var xpath = d.CreateElement("ds", "XPath", WsNamespaces.Ds);
                xpath.InnerText = "not(ancestor-or-self::ds:Signature)";
                transform.AppendChild(xpath);
            }

            transforms.PrependChild(transform);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformNotAllowed);
        Assert.Contains(shownAs, result.Melding, StringComparison.Ordinal);
        Assert.DoesNotContain("urn:example", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ThreeTransforms_RefusedAsTransformCount()
    {
        var result = await ResignAndVerifyAsync(new Resigner
        {
            Transforms = () => [new XmlDsigExcC14NTransform(), new XmlDsigExcC14NTransform(), new XmlDsigExcC14NTransform()],
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformCountInvalid);
    }

    [Fact]
    public async Task VerifyAsync_NoTransforms_RefusedAsTransformCount()
    {
        // Without a transform an id-referenced node set is canonicalised with inclusive c14n by default.
        var result = await ResignAndVerifyAsync(new Resigner { Transforms = () => [] });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TransformCountInvalid);
    }

    [Theory]
    [InlineData("http://attacker.test/body.xml")]
    [InlineData("")]
    [InlineData("#xpointer(/)")]
    [InlineData("#xpointer(id('x'))")]
    [InlineData("body.xml#id")]
    public async Task VerifyAsync_NonLocalReferenceUri_RefusedAsReferenceUri(string uri)
    {
        var result = await MutateAndVerifyAsync(d => Select(d, "//ds:Reference").SetAttribute("URI", uri));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.ReferenceUriInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ReferenceWithoutUri_RefusedAsReferenceUri()
    {
        var result = await MutateAndVerifyAsync(d => Select(d, "//ds:Reference").RemoveAttribute("URI"));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.ReferenceUriInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ElevenReferences_RefusedAsTooManyReferences()
    {
        var document = Load(Sign());
        var body = IdOf(Body(document));
        new Resigner { ReferenceIds = Enumerable.Repeat(body, 11).ToList() }.Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TooManyReferences);
    }

    [Fact]
    public async Task VerifyAsync_KeyValueInsteadOfTokenReference_RefusedAsKeyInfo()
    {
        var result = await ResignAndVerifyAsync(new Resigner { KeyInfo = KeyInfoForm.KeyValue });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.KeyInfoInvalid, "0002");
    }

    [Fact]
    public async Task VerifyAsync_X509DataInsteadOfTokenReference_RefusedAsKeyInfo()
    {
        var result = await ResignAndVerifyAsync(new Resigner { KeyInfo = KeyInfoForm.X509Data });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.KeyInfoInvalid);
    }

    [Fact]
    public async Task VerifyAsync_TokenReferencePointsElsewhere_RefusedAsKeyInfo()
    {
        var result = await MutateAndVerifyAsync(d => Select(d, "//ds:KeyInfo/wsse:SecurityTokenReference/wsse:Reference").SetAttribute("URI", "#" + IdOf(Body(d))));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.KeyInfoInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ObjectInSignature_RefusedAsSignatureStructure()
    {
        var result = await MutateAndVerifyAsync(d => Signature(d).AppendChild(d.CreateElement("ds", "Object", WsNamespaces.Ds)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureStructureInvalid);
        Assert.Contains("ds:Object", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TokenWithWrongValueType_RefusedAsTokenInvalid()
    {
        var result = await MutateAndVerifyAsync(d => Token(d).SetAttribute("ValueType", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509PKIPathv1"));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TokenInvalid);
    }

    [Fact]
    public async Task VerifyAsync_TokenNotACertificate_RefusedAsTokenInvalid()
    {
        var result = await MutateAndVerifyAsync(d => Token(d).InnerText = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TokenInvalid);
    }

    [Fact]
    public async Task VerifyAsync_SignatureValueChanged_RefusedAsSignatureInvalid()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var value = Select(d, "//ds:SignatureValue");
            var bytes = Convert.FromBase64String(value.InnerText);
            bytes[10] ^= 0x01;
            value.InnerText = Convert.ToBase64String(bytes);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureInvalid);
    }
}
