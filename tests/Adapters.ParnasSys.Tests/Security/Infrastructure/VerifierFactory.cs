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

    /// <summary>
    /// Verifies in memory and, as a differential check, through the streaming path of pulled dossiers too (every child
    /// of the Body shelled, its digest streamed): every verifier test thereby holds both paths to the same verdict.
    /// </summary>
    public static async Task<VerificationResult> VerifyAsync(byte[] message, DateTimeOffset? now = null, WsSecurityVerifierOptions? options = null)
    {
        var buffered = await Create(options, now).VerifyAsync(message, CancellationToken.None);
        using var stream = new MemoryStream(message, writable: false);
        var streamed = await Create(options, now).VerifyStreamingAsync(stream, static (_, depthBelowBody) => depthBelowBody == 1, CancellationToken.None);
        Assert.True(
            (buffered.IsSuccess, buffered.Code, buffered.Reason) == (streamed.IsSuccess, streamed.Code, streamed.Reason),
            $"In memory: {buffered.Code}/{buffered.Reason}; streaming: {streamed.Code}/{streamed.Reason} ({streamed.Melding})");
        return buffered;
    }

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
