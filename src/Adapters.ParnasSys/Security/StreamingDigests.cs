using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// What the streaming path tells the cryptographic check: which skeleton elements must not be canonicalised from the
/// DOM (the Body, every shell and every element that contains one: their DOM is hollow) and the one digest that was
/// computed over the streamed bytes instead.
/// </summary>
/// <remarks>
/// A Reference whose target is such an element is accepted only with <see cref="BodyDigest"/>, computed for exactly
/// that element with exactly that Reference's parameters; everything else is a refusal, never a fallback to the DOM.
/// This is the rule issue 8 was about: the Body's digest used to be streamed only when a second, looser id lookup
/// found the Body, and a Body it missed was digested as its empty skeleton.
/// </remarks>
internal sealed class StreamingDigests
{
    private readonly XmlElement _body;
    private readonly IReadOnlySet<XmlNode>? _hollow;

    /// <param name="body">The skeleton's soapenv:Body.</param>
    /// <param name="bodyDigest">The Body digest streamed for the Reference that pinned the Body, or null.</param>
    /// <param name="hollow">Every shell and every ancestor of one.</param>
    public StreamingDigests(XmlElement body, PrecomputedDigest? bodyDigest, IReadOnlySet<XmlNode>? hollow)
    {
        _body = body;
        _hollow = hollow;
        BodyDigest = bodyDigest;
    }

    public PrecomputedDigest? BodyDigest { get; }

    /// <summary>Only for tests that hand in a digest for one element: that element stands for the Body.</summary>
    public static StreamingDigests? For(PrecomputedDigest? digest) => digest is null ? null : new(digest.Element, digest, null);

    public bool RequiresStreamedDigest(XmlElement target) => ReferenceEquals(target, _body) || (_hollow?.Contains(target) ?? false);
}
