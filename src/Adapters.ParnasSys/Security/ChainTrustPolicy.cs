using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Production trust: the signer must chain to one of the configured root CAs (<c>Oso:TrustAnchors</c>) and every
/// certificate in the chain must be valid at the message's wsu:Created. The machine's own trust store is never used.
/// </summary>
/// <remarks>
/// Revocation is not checked online (the gateway must not depend on a CA's OCSP responder being up, and CRL
/// download would be an outbound call per unknown signer); a revoked supplier certificate is handled by
/// removing the supplier's mandate. AIA downloads are disabled, so intermediates come only from
/// <paramref name="intermediates"/>.
/// </remarks>
public sealed class ChainTrustPolicy : ISignerTrustPolicy
{
    private const int MaxCachedSigners = 512;

    private readonly X509Certificate2Collection _anchors;
    private readonly X509Certificate2Collection _intermediates;

    // Building a chain costs more than the RSA verification itself; with no revocation in play the outcome for a
    // given certificate depends only on the signing time, so a success is reusable for any time inside the window
    // where every chain element is valid.
    private readonly ConcurrentDictionary<string, (DateTimeOffset From, DateTimeOffset Until)> _trusted = new(StringComparer.Ordinal);

    public ChainTrustPolicy(X509Certificate2Collection anchors, X509Certificate2Collection? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor is required.", nameof(anchors));
        }

        _anchors = [.. anchors];
        _intermediates = intermediates is null ? [] : [.. intermediates];
    }

    public SignerTrustDecision Evaluate(X509Certificate2 certificate, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(certificate);

        var notBefore = new DateTimeOffset(certificate.NotBefore);
        var notAfter = new DateTimeOffset(certificate.NotAfter);
        if (signingTime < notBefore)
        {
            return SignerTrustDecision.Untrusted(VerificationReasons.CertificateNotYetValid,
                "geldig vanaf " + notBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (signingTime > notAfter)
        {
            return SignerTrustDecision.Untrusted(VerificationReasons.CertificateExpired,
                "geldig tot " + notAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        var cacheKey = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (_trusted.TryGetValue(cacheKey, out var window) && signingTime >= window.From && signingTime <= window.Until)
        {
            return SignerTrustDecision.Trusted;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.ExtraStore.AddRange(_intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        chain.ChainPolicy.VerificationTime = signingTime.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;

        try
        {
            if (!chain.Build(certificate))
            {
                var flags = X509ChainStatusFlags.NoError;
                foreach (var status in chain.ChainStatus)
                {
                    flags |= status.Status;
                }

                return SignerTrustDecision.Untrusted(VerificationReasons.CertificateUntrusted, DescribeStatus(flags));
            }

            var from = DateTimeOffset.MinValue;
            var until = DateTimeOffset.MaxValue;
            foreach (var element in chain.ChainElements)
            {
                var elementFrom = new DateTimeOffset(element.Certificate.NotBefore);
                var elementUntil = new DateTimeOffset(element.Certificate.NotAfter);
                from = elementFrom > from ? elementFrom : from;
                until = elementUntil < until ? elementUntil : until;
            }

            if (_trusted.Count >= MaxCachedSigners)
            {
                _trusted.Clear();
            }

            _trusted[cacheKey] = (from, until);
            return SignerTrustDecision.Trusted;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static string DescribeStatus(X509ChainStatusFlags flags)
    {
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return "de keten eindigt niet bij een geconfigureerde root (Oso:TrustAnchors)";
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return "een CA-certificaat in de keten was niet geldig op het moment van ondertekening";
        }

        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return "een handtekening in de certificaatketen klopt niet";
        }

        return "de certificaatketen is ongeldig";
    }
}
