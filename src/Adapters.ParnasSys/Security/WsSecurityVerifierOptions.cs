namespace Hulpvraag.Adapters.ParnasSys.Security;

public sealed record WsSecurityVerifierOptions
{
    /// <summary>The inbound endpoint accepts at most 1 MiB (spec); pulled documentResponses pass a larger limit.</summary>
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    /// <summary>Decides whether the signer certificate is trusted: <see cref="ChainTrustPolicy"/> in production.</summary>
    public required ISignerTrustPolicy TrustPolicy { get; init; }

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan MessageTtl { get; init; } = TimeSpan.FromSeconds(300);
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>The OSO dossier nests about 12 levels inside the Body; 64 leaves room without allowing stack-deep documents.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The full official example dossier has about 800 elements.</summary>
    public int MaxElements { get; init; } = 50_000;

    /// <summary>Counts namespace declarations too, as XmlReader reports them as attributes.</summary>
    public int MaxAttributesPerElement { get; init; } = 64;

    /// <summary>When set, wsa:To must carry <c>?oin=</c> with this value (Digikoppeling fault 0011 otherwise).</summary>
    public string? ExpectedRecipientOin { get; init; }

    /// <summary>
    /// When set, a wsa:From must carry the signing certificate's OIN (Digikoppeling fault 0011 otherwise). Off for
    /// recorded third-party vectors, whose senders sign for another organisation's OIN; on for OSO traffic.
    /// </summary>
    public bool RequireSenderIsSigner { get; init; }

    /// <summary>
    /// Checks wsu:Created/Expires against the clock. Only the conformance test over recorded vectors turns this
    /// off (their timestamps are from 2023); production code must leave it on.
    /// </summary>
    public bool EnforceTimestampWindow { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TrustPolicy);
        ArgumentOutOfRangeException.ThrowIfLessThan(ClockSkew, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MessageTtl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxElements, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttributesPerElement, 8);
    }
}
