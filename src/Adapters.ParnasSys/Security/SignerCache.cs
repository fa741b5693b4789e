using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Parsed signer certificates by token content. Parsing the certificate and extracting its RSA key cost more
/// than the rest of a verification together, and a supplier sends thousands of messages with one token.
/// </summary>
/// <remarks>
/// Only facts that depend on the certificate bytes alone are cached (key, key size, key usage, OIN); chain and
/// time are decided per message. RSA instances are pooled rather than shared, since .NET does not promise that
/// one instance is safe for concurrent use. Entries are never disposed: a <see cref="VerifiedMessage"/> may still
/// hold the certificate when the cache is cleared, so the garbage collector releases them.
/// </remarks>
internal sealed class SignerCache
{
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal sealed class Entry
    {
        private readonly ConcurrentBag<RSA> _keys = [];

        public Entry(X509Certificate2 certificate, RSA? key)
        {
            Certificate = certificate;
            IsRsa = key is not null;
            KeySize = key?.KeySize ?? 0;
            Oin = Security.Oin.FromCertificate(certificate);
            HasDigitalSignatureUsage = DigitalSignatureUsage(certificate);
            if (key is not null)
            {
                _keys.Add(key);
            }
        }

        public X509Certificate2 Certificate { get; }
        public bool IsRsa { get; }
        public int KeySize { get; }
        public string? Oin { get; }
        public bool HasDigitalSignatureUsage { get; }

        public RSA RentKey() => _keys.TryTake(out var key) ? key : Certificate.GetRSAPublicKey()!;

        public void ReturnKey(RSA key)
        {
            // A burst of concurrency should not leave a large pool behind.
            if (_keys.Count < Environment.ProcessorCount)
            {
                _keys.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }

        private static bool DigitalSignatureUsage(X509Certificate2 certificate)
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension.Oid?.Value == "2.5.29.15")
                {
                    var keyUsage = extension as X509KeyUsageExtension ?? new X509KeyUsageExtension(extension, extension.Critical);
                    return (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) != 0;
                }
            }

            // The profile says the certificate must carry digitalSignature; an absent extension does not carry it.
            return false;
        }
    }

    /// <exception cref="CryptographicException">The bytes are not an X.509 certificate.</exception>
    public Entry Get(byte[] tokenBytes)
    {
        var cacheKey = Convert.ToHexString(SHA256.HashData(tokenBytes));
        if (_entries.TryGetValue(cacheKey, out var entry))
        {
            return entry;
        }

        var certificate = X509CertificateLoader.LoadCertificate(tokenBytes);
        entry = new Entry(certificate, certificate.GetRSAPublicKey());
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(cacheKey, entry);
    }
}
