using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>Unit-test stand-in for the durable replay store; the real one belongs to the storage layer.</summary>
internal sealed class InMemoryReplayStore : IReplayStore
{
    private readonly Dictionary<(string Oin, string MessageId), (string Hash, DateTimeOffset KeepUntil)> _seen = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    public DateTimeOffset? KeepUntil(string oin, string messageId)
    {
        lock (_gate)
        {
            return _seen.TryGetValue((oin, messageId), out var entry) ? entry.KeepUntil : null;
        }
    }

    public ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue((oin, messageId), out var existing))
            {
                return ValueTask.FromResult(existing.Hash == contentHash ? ReplayCheck.SameContent : ReplayCheck.DifferentContent);
            }

            _seen[(oin, messageId)] = (contentHash, keepUntil);
            return ValueTask.FromResult(ReplayCheck.New);
        }
    }
}
