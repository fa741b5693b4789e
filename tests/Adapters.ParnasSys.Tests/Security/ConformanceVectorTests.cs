using System.Security.Cryptography.X509Certificates;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Gateway.Tests.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// The recorded Edukoppeling messages (shared/reference, never copied into the repo). Their certificates expired
/// and the intermediate CA is not published, so trust comes from the token itself and the time window is off;
/// everything else (structure, ids, algorithms, KeyInfo, cryptography) runs exactly as in production.
/// </summary>
public sealed class ConformanceVectorTests
{
    private const int ExpectedValid = 121;
    private const int ExpectedInvalid = 5;

    private static readonly WsSecurityVerifierOptions ConformanceOptions =
        new() { TrustPolicy = TokenKeyOnlyTrustPolicy.Instance, EnforceTimestampWindow = false };

    private static string[] Files(string folder)
    {
        var path = Path.Combine(ReferenceData.EdukoppelingVectors, folder);
        Assert.True(Directory.Exists(path), $"Vector folder missing: {path}");
        return Directory.GetFiles(path, "*.xml").Order(StringComparer.Ordinal).ToArray();
    }

    [ReferenceFact]
    public async Task VerifyAsync_EveryValidVector_IsAccepted()
    {
        var files = Files("valid");
        Assert.Equal(ExpectedValid, files.Length);

        var failures = new List<string>();
        foreach (var file in files)
        {
            var verifier = Create(ConformanceOptions);
            var result = await verifier.VerifyAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);
            if (!result.IsSuccess)
            {
                failures.Add($"{Path.GetFileName(file)}: {result.Reason} {result.Melding}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [ReferenceFact]
    public async Task VerifyAsync_ValidVector_ExposesSignerOinAndAddressing()
    {
        var file = Path.Combine(ReferenceData.EdukoppelingVectors, "valid", "opleenh-dryrun_1-finder_3-opvragen_opleidingseenheid-0.xml");

        var result = await Create(ConformanceOptions).VerifyAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);

        AssertAccepted(result);
        Assert.Equal("00000099411824080000", result.Message!.SignerOin);
        Assert.Equal("0000000700025BE00000", result.Message.FromOin);
        Assert.Equal("00000001800866472000", result.Message.ToOin);
        Assert.Equal("67b9c67f-90cd-4899-b68a-32465f6080bd", result.Message.MessageId);
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 15, 5, 38, 4, TimeSpan.Zero), result.Message.Created);
    }

    [ReferenceFact]
    public async Task VerifyAsync_EveryInvalidVector_IsRefusedAsSignatureInvalid()
    {
        var files = Files("invalid");
        Assert.Equal(ExpectedInvalid, files.Length);

        foreach (var file in files)
        {
            var result = await Create(ConformanceOptions).VerifyAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);
            Assert.False(result.IsSuccess, Path.GetFileName(file) + " was accepted");
            Assert.Equal(FoutCodes.HandtekeningOngeldig, result.Code);
            Assert.Equal(VerificationReasons.SignatureInvalid, result.Reason);
        }
    }

    [ReferenceFact]
    public async Task VerifyAsync_ValidVectorWithProductionTrust_RefusedAsUntrusted()
    {
        // The vectors' leaf chains to the PKIoverheid private root only through an intermediate that is not
        // published, so production trust must refuse it: a token alone never makes a signer trusted.
        var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(ReferenceData.EdukoppelingVectors, "staat-der-nederlanden-private-root.pem"));
        var file = Path.Combine(ReferenceData.EdukoppelingVectors, "valid", "opleenh-dryrun_1-finder_3-opvragen_opleidingseenheid-0.xml");
        var options = new WsSecurityVerifierOptions { TrustPolicy = new ChainTrustPolicy(new X509Certificate2Collection(root)), EnforceTimestampWindow = false };

        var result = await Create(options).VerifyAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);

        AssertRefused(result, FoutCodes.CertificaatNietVertrouwd, VerificationReasons.CertificateUntrusted);
    }
}
