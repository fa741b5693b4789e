using System.Security.Cryptography.X509Certificates;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class CertificateTrustTests
{
    public static TheoryData<string, string> RefusedSigners() => new()
    {
        { nameof(TestPki.SelfSigned), VerificationReasons.CertificateUntrusted },
        { nameof(TestPki.UnderOtherRoot), VerificationReasons.CertificateUntrusted },
        { nameof(TestPki.Expired), VerificationReasons.CertificateExpired },
        { nameof(TestPki.NotYetValid), VerificationReasons.CertificateNotYetValid },
        { nameof(TestPki.WrongOin), VerificationReasons.CertificateOinInvalid },
        { nameof(TestPki.NoOin), VerificationReasons.CertificateOinInvalid },
        { nameof(TestPki.NoDigitalSignature), VerificationReasons.CertificateKeyUsage },
        { nameof(TestPki.NoKeyUsage), VerificationReasons.CertificateKeyUsage },
    };

    private static X509Certificate2 ByName(string name) => name switch
    {
        nameof(TestPki.SelfSigned) => TestPki.SelfSigned,
        nameof(TestPki.UnderOtherRoot) => TestPki.UnderOtherRoot,
        nameof(TestPki.Expired) => TestPki.Expired,
        nameof(TestPki.NotYetValid) => TestPki.NotYetValid,
        nameof(TestPki.WrongOin) => TestPki.WrongOin,
        nameof(TestPki.NoOin) => TestPki.NoOin,
        nameof(TestPki.NoDigitalSignature) => TestPki.NoDigitalSignature,
        nameof(TestPki.NoKeyUsage) => TestPki.NoKeyUsage,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(RefusedSigners))]
    public async Task VerifyAsync_UnacceptableSigner_RefusedAsCertificateNotTrusted(string signer, string reason)
    {
        var message = Sign(ByName(signer));

        var result = await VerifyAsync(message);

        AssertRefused(result, FoutCodes.CertificaatNietVertrouwd, reason, "0002");
    }

    [Fact]
    public async Task VerifyAsync_Rsa1024Signer_RefusedAsKeyTooSmall()
    {
        // The production signer refuses short keys, so swap the token and re-sign by hand.
        var document = Load(Sign());
        Token(document).InnerText = Convert.ToBase64String(TestPki.Rsa1024.RawData);
        new Resigner().Resign(document, TestPki.Rsa1024);
        Assert.True(Resigner.NaiveVerifies(document, TestPki.Rsa1024));

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.CertificaatNietVertrouwd, VerificationReasons.KeyTooSmall, "0002");
        Assert.Contains("1024", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TokenSwappedForAnotherTrustedCertificate_RefusedAsSignatureInvalid()
    {
        // Same subject key would verify; a different key must not: the key really comes from the token.
        var document = Load(Sign());
        Token(document).InnerText = Convert.ToBase64String(TestPki.Root.RawData);

        var result = await VerifyAsync(Save(document));

        Assert.False(result.IsSuccess);
        Assert.Equal(VerificationReasons.SignatureInvalid, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_TokenKeyOnlyPolicy_AcceptsSelfSignedButStillChecksOinAndKeyUsage()
    {
        var options = Options(TokenKeyOnlyTrustPolicy.Instance);

        var selfSigned = await VerifyAsync(Sign(TestPki.SelfSigned), options: options);
        var wrongOin = await VerifyAsync(Sign(TestPki.WrongOin), options: options);
        var noUsage = await VerifyAsync(Sign(TestPki.NoDigitalSignature), options: options);

        AssertAccepted(selfSigned);
        AssertRefused(wrongOin, FoutCodes.CertificaatNietVertrouwd, VerificationReasons.CertificateOinInvalid);
        AssertRefused(noUsage, FoutCodes.CertificaatNietVertrouwd, VerificationReasons.CertificateKeyUsage);
    }

    [Fact]
    public void Evaluate_ChainCheckedAtSigningTimeNotNow_ExpiredCertificateTrustedForOldMessage()
    {
        var policy = new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root));

        var whileValid = policy.Evaluate(TestPki.Expired, TestPki.Now.AddDays(-10));
        var afterExpiry = policy.Evaluate(TestPki.Expired, TestPki.Now);

        Assert.True(whileValid.IsTrusted);
        Assert.False(afterExpiry.IsTrusted);
        Assert.Equal(VerificationReasons.CertificateExpired, afterExpiry.Reason);
    }

    [Fact]
    public void Evaluate_RepeatedForSameCertificate_UsesCachedWindowButStillChecksTime()
    {
        var policy = new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root));

        Assert.True(policy.Evaluate(TestPki.Supplier, TestPki.Now).IsTrusted);
        Assert.True(policy.Evaluate(TestPki.Supplier, TestPki.Now.AddMinutes(1)).IsTrusted);
        Assert.False(policy.Evaluate(TestPki.Supplier, TestPki.Now.AddYears(2)).IsTrusted);
        Assert.False(new ChainTrustPolicy(new X509Certificate2Collection(TestPki.OtherRoot)).Evaluate(TestPki.Supplier, TestPki.Now).IsTrusted);
    }

    [Fact]
    public async Task VerifyAsync_SignerUnderConfiguredIntermediate_Accepted()
    {
        var policy = new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root), new X509Certificate2Collection(TestPki.Intermediate));

        var result = await VerifyAsync(Sign(TestPki.UnderIntermediate), options: Options(policy));

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_SignerUnderUnconfiguredIntermediate_RefusedAsUntrusted()
    {
        var result = await VerifyAsync(Sign(TestPki.UnderIntermediate));

        AssertRefused(result, FoutCodes.CertificaatNietVertrouwd, VerificationReasons.CertificateUntrusted);
    }

    [Fact]
    public void Constructor_NoAnchors_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChainTrustPolicy([]));
    }

    [Theory]
    [InlineData("00000099000000001234", true)]
    [InlineData("0000000700025BE00000", true)]
    [InlineData("0000009900000000123", false)]
    [InlineData("000000990000000012345", false)]
    [InlineData("0000000700025be00000", false)]
    [InlineData("HRN-12345678", false)]
    public void IsValid_OinForms_AcceptsTwentyDigitsOrUpperCaseLetters(string value, bool expected)
    {
        Assert.Equal(expected, Oin.IsValid(value));
    }

    [Theory]
    [InlineData("https://host/oso/v1/swv?oin=00000099000000002806", "00000099000000002806")]
    [InlineData("http://www.w3.org/2005/08/addressing/anonymous?x=1&oin=0000000700025BE00000", "0000000700025BE00000")]
    [InlineData("https://host/oso/v1/swv", null)]
    [InlineData("https://host/?oin=1&oin=2", null)]
    public void FromAddress_QueryParameter_ReturnsOin(string address, string? expected)
    {
        Assert.Equal(expected, Oin.FromAddress(address));
    }
}
