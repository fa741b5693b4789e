using System.Collections.Concurrent;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Writes the "delivered" outcomes of the outbox together: while one statement is on its way, the outcomes that come
/// in meanwhile queue and go in the next one (group commit, without a timer: a lone outcome is written at once). With
/// MaxParallel deliveries finishing side by side this turns one UPDATE and one commit per delivered row into one per
/// bundle, which is what the channel-generic outbox (more indexes per row) needed to stay as cheap per callback as
/// the old callback table (docs/performance.md, issue 9). Each waiter hears whether its own row was still its lease.
/// </summary>
internal sealed class AfgeleverdBundel
{
    /// <summary>At most this many rows per statement, so one statement stays short.</summary>
    internal const int MaxPerStatement = 200;

    private readonly ConcurrentQueue<(long Id, string Eigenaar, TaskCompletionSource<bool> Klaar)> _wachtend = new();
    private int _schrijft;

    public Task<bool> ZetAsync(long id, string eigenaar,
        Func<IReadOnlyList<(long Id, string Eigenaar)>, Task<IReadOnlySet<long>>> schrijf, CancellationToken cancellationToken)
    {
        var klaar = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _wachtend.Enqueue((id, eigenaar, klaar));
        if (Interlocked.CompareExchange(ref _schrijft, 1, 0) == 0)
        {
            // This caller becomes the writer until the queue is empty; its own outcome is in the first bundle.
            _ = SchrijfAllesAsync(schrijf);
        }

        return klaar.Task.WaitAsync(cancellationToken);
    }

    private async Task SchrijfAllesAsync(Func<IReadOnlyList<(long Id, string Eigenaar)>, Task<IReadOnlySet<long>>> schrijf)
    {
        do
        {
            while (!_wachtend.IsEmpty)
            {
                var bundel = new List<(long Id, string Eigenaar, TaskCompletionSource<bool> Klaar)>();
                while (bundel.Count < MaxPerStatement && _wachtend.TryDequeue(out var rij))
                {
                    bundel.Add(rij);
                }

                try
                {
                    var gezet = await schrijf(bundel.Select(r => (r.Id, r.Eigenaar)).ToList());
                    foreach (var r in bundel)
                    {
                        r.Klaar.TrySetResult(gezet.Contains(r.Id));
                    }
                }
                catch (Exception ex)
                {
                    // An outage fails this bundle's waiters like a single write would; their leases bring the rows back.
                    foreach (var r in bundel)
                    {
                        r.Klaar.TrySetException(ex);
                    }
                }
            }

            Volatile.Write(ref _schrijft, 0);

            // An outcome queued after the last look but before the flag was down would otherwise wait for the next caller.
        }
        while (!_wachtend.IsEmpty && Interlocked.CompareExchange(ref _schrijft, 1, 0) == 0);
    }
}
