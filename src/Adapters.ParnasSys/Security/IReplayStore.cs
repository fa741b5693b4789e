namespace Hulpvraag.Adapters.ParnasSys.Security;

public enum ReplayCheck
{
    /// <summary>First time this (OIN, MessageID) is seen; it is now remembered.</summary>
    New,

    /// <summary>Seen before with the same content hash: a retransmission.</summary>
    SameContent,

    /// <summary>Seen before with another content hash: a replay or a sender bug; refused.</summary>
    DifferentContent,
}

/// <summary>
/// Durable memory of (signer OIN, wsa:MessageID). Implementations must make remember-and-compare atomic
/// so two concurrent deliveries of one id cannot both be <see cref="ReplayCheck.New"/>.
/// </summary>
public interface IReplayStore
{
    ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct);
}
