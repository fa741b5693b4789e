using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// The exc-c14n digest of an element computed while its bytes streamed past (the element itself stays an empty
/// shell in the DOM). Trusted for a Reference only when element (by identity), digest algorithm and the
/// InclusiveNamespaces PrefixList all match what the Reference asks for.
/// </summary>
internal sealed record PrecomputedDigest(XmlElement Element, string DigestAlgorithm, IReadOnlyList<string> InclusivePrefixes, byte[] Digest);
