using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// TEST ONLY: trusts whatever key the message's own token carries, with no chain and no validity time.
/// It exists for the conformance run over the recorded Edukoppeling vectors, whose intermediate CA is not
/// published and whose leaf certificates have expired. Never register it in the gateway's container.
/// </summary>
public sealed class TokenKeyOnlyTrustPolicy : ISignerTrustPolicy
{
    public static TokenKeyOnlyTrustPolicy Instance { get; } = new();

    private TokenKeyOnlyTrustPolicy()
    {
    }

    public SignerTrustDecision Evaluate(X509Certificate2 certificate, DateTimeOffset signingTime) => SignerTrustDecision.Trusted;
}
