using System.Security.Cryptography;
using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// The cryptographic half: Reference digests and the RSA signature over SignedInfo, with the own exclusive c14n
/// instead of <c>SignedXml</c> (which copied every node several times; docs/performance.md).
/// </summary>
/// <remarks>
/// Runs only after <see cref="CheckSignatureProfile"/> and <see cref="ResolveReferences"/> passed, so the shape of
/// ds:Signature, the algorithms and the targets are known; what is re-read here is re-checked anyway, because a wrong
/// assumption must make the signature invalid, never pass or throw.
/// </remarks>
public sealed partial class WsSecurityVerifier
{
    /// <summary>
    /// True when every Reference digest matches its pinned target and the SignedInfo signature verifies with
    /// <paramref name="key"/> (RSA PKCS#1 v1.5).
    /// </summary>
    /// <param name="targets">The elements the profile pinned, by id; nothing else is ever looked up.</param>
    /// <param name="precomputed">
    /// A digest taken while the element streamed past (it is an empty shell in the DOM). Used only for the Reference
    /// whose target is that very element, with the same DigestMethod URI and the same PrefixList sequence (for two
    /// transforms the chained list, <see cref="ExclusiveC14n.ChainPrefixLists"/>); the same element asked for with
    /// other parameters, or no Reference to it at all, makes the signature invalid. Tests only; the verifier passes
    /// <see cref="StreamingDigests"/>.
    /// </param>
    internal static bool VerifySignatureValue(XmlElement signature, IReadOnlyDictionary<string, XmlElement> targets, RSA key, PrecomputedDigest? precomputed) =>
        VerifySignatureValue(signature, targets, key, streaming: StreamingDigests.For(precomputed));

    /// <param name="streaming">
    /// In the streaming path: the elements whose DOM is hollow and the digest streamed for the Body. A Reference to
    /// such an element verifies only with that digest (see <see cref="StreamingDigests"/>).
    /// </param>
    internal static bool VerifySignatureValue(XmlElement signature, IReadOnlyDictionary<string, XmlElement> targets, RSA key, StreamingDigests? streaming)
    {
        try
        {
            return Verify(signature, targets, key, streaming);
        }
        catch (Exception ex) when (ex is CryptographicException or XmlException or FormatException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Verify(XmlElement signature, IReadOnlyDictionary<string, XmlElement> targets, RSA key, StreamingDigests? streaming)
    {
        var signedInfo = NextElement(signature.FirstChild);
        var signatureValue = NextElement(signedInfo?.NextSibling);
        if (signedInfo is null || signatureValue is null || !Is(signedInfo, "SignedInfo", NS.Ds) || !Is(signatureValue, "SignatureValue", NS.Ds))
        {
            return false;
        }

        var c14nMethod = NextElement(signedInfo.FirstChild);
        var signatureMethod = NextElement(c14nMethod?.NextSibling);
        if (c14nMethod is null || signatureMethod is null
            || !Is(c14nMethod, "CanonicalizationMethod", NS.Ds) || c14nMethod.GetAttribute("Algorithm") != NS.ExcC14n
            || !Is(signatureMethod, "SignatureMethod", NS.Ds)
            || ExclusiveC14n.HashForSignatureMethod(signatureMethod.GetAttribute("Algorithm")) is not { } signatureHash)
        {
            return false;
        }

        var precomputedUsed = false;
        var references = 0;
        for (var reference = NextElement(signatureMethod.NextSibling); reference is not null; reference = NextElement(reference.NextSibling))
        {
            references++;
            if (!CheckReferenceDigest(reference, targets, streaming, ref precomputedUsed))
            {
                return false;
            }
        }

        if (references == 0 || (streaming?.BodyDigest is not null && !precomputedUsed))
        {
            return false;
        }

        var signatureBytes = DecodeBase64(signatureValue);
        if (signatureBytes is null)
        {
            return false;
        }

        var hash = ExclusiveC14n.Digest(signedInfo, PrefixList(c14nMethod), signatureHash);
        return key.VerifyHash(hash, signatureBytes, signatureHash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>What a ds:Reference asks for, or null when its shape is not the profile's.</summary>
    private readonly record struct ReferenceParameters(string DigestMethod, HashAlgorithmName Hash, IReadOnlyList<string> Prefixes, XmlElement DigestValue);

    /// <summary>
    /// Transforms, DigestMethod and DigestValue of one Reference; the prefix list is what its exc-c14n transforms leave
    /// together (a second one only sees what the first rendered). The streaming path digests the Body with exactly this,
    /// so the precomputed digest matches the Reference by construction or not at all.
    /// </summary>
    /// <exception cref="XmlException">An ec:InclusiveNamespaces of another shape than the profile allows.</exception>
    private static ReferenceParameters? ReadReference(XmlElement reference)
    {
        var transforms = NextElement(reference.FirstChild);
        var digestMethod = NextElement(transforms?.NextSibling);
        var digestValue = NextElement(digestMethod?.NextSibling);
        if (transforms is null || digestMethod is null || digestValue is null || !Is(transforms, "Transforms", NS.Ds)
            || !Is(digestMethod, "DigestMethod", NS.Ds) || !Is(digestValue, "DigestValue", NS.Ds))
        {
            return null;
        }

        var digestAlgorithm = digestMethod.GetAttribute("Algorithm");
        if (ExclusiveC14n.HashForDigestMethod(digestAlgorithm) is not { } digestHash)
        {
            return null;
        }

        IReadOnlyList<string>? prefixes = null;
        var transformCount = 0;
        for (var transform = NextElement(transforms.FirstChild); transform is not null; transform = NextElement(transform.NextSibling))
        {
            if (!Is(transform, "Transform", NS.Ds) || transform.GetAttribute("Algorithm") != NS.ExcC14n)
            {
                return null;
            }

            var own = PrefixList(transform);
            prefixes = prefixes is null ? own : ExclusiveC14n.ChainPrefixLists(prefixes, own);
            transformCount++;
        }

        return prefixes is null || transformCount > SignatureReader.MaxTransformsPerReference
            ? null
            : new ReferenceParameters(digestAlgorithm, digestHash, prefixes, digestValue);
    }

    private static bool CheckReferenceDigest(XmlElement reference, IReadOnlyDictionary<string, XmlElement> targets, StreamingDigests? streaming, ref bool precomputedUsed)
    {
        var uri = reference.GetAttribute("URI");
        if (!Is(reference, "Reference", NS.Ds) || uri.Length < 2 || uri[0] != '#' || !targets.TryGetValue(uri[1..], out var target))
        {
            return false;
        }

        if (ReadReference(reference) is not { } parameters)
        {
            return false;
        }

        var (digestAlgorithm, digestHash, prefixes, digestValue) = parameters;
        var expected = DecodeBase64(digestValue);
        if (expected is null)
        {
            return false;
        }

        byte[] actual;
        if (streaming is not null && streaming.RequiresStreamedDigest(target))
        {
            // The element is hollow in the DOM: canonicalising it would digest a shell, so anything but the digest
            // streamed for exactly this element with exactly these parameters is a refusal, not a fallback. Chained
            // transforms are compared by the prefix list they leave, which is what the streamed digest was computed with.
            if (streaming.BodyDigest is not { } precomputed || !ReferenceEquals(target, precomputed.Element)
                || precomputedUsed || !string.Equals(digestAlgorithm, precomputed.DigestAlgorithm, StringComparison.Ordinal)
                || !prefixes.SequenceEqual(precomputed.InclusivePrefixes, StringComparer.Ordinal))
            {
                return false;
            }

            precomputedUsed = true;
            actual = precomputed.Digest;
        }
        else
        {
            actual = ExclusiveC14n.Digest(target, prefixes, digestHash);
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The PrefixList of the ec:InclusiveNamespaces child of a transform or CanonicalizationMethod, if any.</summary>
    private static IReadOnlyList<string> PrefixList(XmlElement method)
    {
        var child = NextElement(method.FirstChild);
        if (child is null)
        {
            return [];
        }

        if (!Is(child, "InclusiveNamespaces", NS.ExcC14n) || NextElement(child.NextSibling) is not null)
        {
            throw new XmlException("Only one ec:InclusiveNamespaces may parameterise exc-c14n.");
        }

        return ExclusiveC14n.ParsePrefixList(child.GetAttribute("PrefixList"));
    }

    private static XmlElement? NextElement(XmlNode? node)
    {
        for (; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>Base64 text (line breaks allowed) of an element that holds only text; null when empty or malformed.</summary>
    private static byte[]? DecodeBase64(XmlElement element)
    {
        var text = TextValue(element);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer.AsSpan(0, written).ToArray() : null;
    }
}
