using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Decides whether the certificate from the message's BinarySecurityToken may sign. Key usage, key size and
/// the OIN format are checked by the verifier for every policy; a policy decides chain and validity time.
/// </summary>
public interface ISignerTrustPolicy
{
    /// <param name="certificate">The signer certificate, after the signature was verified with its key.</param>
    /// <param name="signingTime">The verified wsu:Created of the message.</param>
    SignerTrustDecision Evaluate(X509Certificate2 certificate, DateTimeOffset signingTime);
}

/// <param name="Reason">One of <see cref="VerificationReasons"/> (the certificate-* keys) when not trusted.</param>
/// <param name="Detail">Short Dutch addition to the fault text, built from our own words only.</param>
public readonly record struct SignerTrustDecision(bool IsTrusted, string? Reason, string? Detail)
{
    public static SignerTrustDecision Trusted => new(true, null, null);

    public static SignerTrustDecision Untrusted(string reason, string? detail = null) => new(false, reason, detail);
}
