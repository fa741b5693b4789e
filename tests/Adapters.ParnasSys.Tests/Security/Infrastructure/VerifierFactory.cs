using System.Security.Cryptography.X509Certificates;
using Hulpvraag.Adapters.ParnasSys.Security;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

internal static class VerifierFactory
{
    public static WsSecurityVerifierOptions Options(ISignerTrustPolicy? trust = null) =>
        new() { TrustPolicy = trust ?? new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root)) };

    public static WsSecurityVerifier Create(
        WsSecurityVerifierOptions? options = null, DateTimeOffset? now = null, IReplayStore? replayStore = null) =>
        new(options ?? Options(), replayStore ?? new InMemoryReplayStore(), new FakeTimeProvider(now ?? TestPki.Now));

    public static async Task<VerificationResult> VerifyAsync(byte[] message, DateTimeOffset? now = null, WsSecurityVerifierOptions? options = null) =>
        await Create(options, now).VerifyAsync(message, CancellationToken.None);

    public static void AssertRefused(VerificationResult result, string code, string reason, string? digikoppelingCode = null)
    {
        Assert.False(result.IsSuccess, $"Expected refusal {code}/{reason}, but the message was accepted.");
        Assert.Equal(reason, result.Reason);
        Assert.Equal(code, result.Code);
        if (digikoppelingCode is not null)
        {
            Assert.Equal(digikoppelingCode, result.DigikoppelingCode);
        }

        Assert.False(string.IsNullOrWhiteSpace(result.Melding));
    }

    public static void AssertAccepted(VerificationResult result) =>
        Assert.True(result.IsSuccess, $"Expected success but got {result.Code}/{result.Reason}: {result.Melding}");
}
