using System.Collections.Concurrent;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// One round trip for many requests (group commit, without a timer): while one bundle is on its way to the database,
/// the requests that come in meanwhile queue and go together in the next one; a lone request goes at once, so nothing
/// waits for company. On two cores a round trip and a commit cost more CPU than a small statement itself (~100 µs on
/// each side, docs/performance.md), so with many requests side by side one round trip (and one commit) per bundle
/// instead of per request is the largest saving there is. Used for the outbox's "delivered" outcomes, and on
/// PostgreSQL for the Esis sign-in read and new hulpvragen.
/// </summary>
/// <typeparam name="TItem">One request's write or read.</typeparam>
/// <typeparam name="TUitkomst">Its outcome, answered to its own caller only.</typeparam>
internal sealed class RondeBundel<TItem, TUitkomst>
{
    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TUitkomst> Klaar)> _wachtend = new();
    private readonly int _maxPerBundel;
    private readonly int _maxSchrijvers;
    private readonly Func<Exception, bool> _losOpnieuw;
    private int _schrijvers;

    /// <param name="maxPerBundel">At most this many requests per bundle, so one statement or batch stays short.</param>
    /// <param name="maxSchrijvers">
    /// How many bundles may be on their way at once. One keeps bundles largest; more keep a slow commit from holding up
    /// every request behind it (with one writer the intake waited on the database's commit latency, not on its CPU).
    /// </param>
    /// <param name="losOpnieuw">
    /// Which failures of a bundle are one request's own (a constraint, a deadlock between two bundles): those are
    /// then tried one by one, so one bad request fails only its own caller. Any other failure (an outage) fails the whole
    /// bundle at once, as each alone would have failed.
    /// </param>
    public RondeBundel(int maxPerBundel, int maxSchrijvers, Func<Exception, bool> losOpnieuw)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerBundel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSchrijvers, 1);
        _maxPerBundel = maxPerBundel;
        _maxSchrijvers = maxSchrijvers;
        _losOpnieuw = losOpnieuw;
    }

    /// <summary>
    /// Queues <paramref name="item"/>; <paramref name="voerUit"/> sends a bundle and answers one outcome per item, in
    /// order. The round trip itself is not cancelled with the caller (others share it); the caller stops waiting.
    /// </summary>
    public Task<TUitkomst> VoerUitAsync(TItem item, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TUitkomst>>> voerUit,
        CancellationToken cancellationToken)
    {
        var klaar = new TaskCompletionSource<TUitkomst>(TaskCreationOptions.RunContinuationsAsynchronously);
        _wachtend.Enqueue((item, klaar));
        if (WordSchrijver())
        {
            // This caller becomes a writer until the queue is empty; its own request is in its first bundle.
            _ = VoerAllesUitAsync(voerUit);
        }

        return klaar.Task.WaitAsync(cancellationToken);
    }

    private async Task VoerAllesUitAsync(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TUitkomst>>> voerUit)
    {
        do
        {
            while (true)
            {
                var bundel = new List<(TItem Item, TaskCompletionSource<TUitkomst> Klaar)>();
                while (bundel.Count < _maxPerBundel && _wachtend.TryDequeue(out var rij))
                {
                    bundel.Add(rij);
                }

                // Taken first, looked at after: with two writers the other may have emptied the queue in between.
                if (bundel.Count == 0)
                {
                    break;
                }

                await VoerBundelUitAsync(bundel, voerUit);
            }

            Interlocked.Decrement(ref _schrijvers);

            // A request queued after the last look but before the count went down would otherwise wait for the next caller.
        }
        while (!_wachtend.IsEmpty && WordSchrijver());
    }

    private bool WordSchrijver()
    {
        while (true)
        {
            var schrijvers = Volatile.Read(ref _schrijvers);
            if (schrijvers >= _maxSchrijvers)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _schrijvers, schrijvers + 1, schrijvers) == schrijvers)
            {
                return true;
            }
        }
    }

    private async Task VoerBundelUitAsync(List<(TItem Item, TaskCompletionSource<TUitkomst> Klaar)> bundel,
        Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TUitkomst>>> voerUit)
    {
        try
        {
            var uitkomsten = await voerUit(bundel.ConvertAll(r => r.Item));
            if (uitkomsten.Count != bundel.Count)
            {
                throw new InvalidOperationException($"A bundle of {bundel.Count} requests answered {uitkomsten.Count} outcomes.");
            }

            for (var i = 0; i < bundel.Count; i++)
            {
                bundel[i].Klaar.TrySetResult(uitkomsten[i]);
            }
        }
        catch (Exception ex) when (bundel.Count > 1 && _losOpnieuw(ex))
        {
            foreach (var rij in bundel)
            {
                await VoerBundelUitAsync([rij], voerUit);
            }
        }
        catch (Exception ex)
        {
            foreach (var rij in bundel)
            {
                rij.Klaar.TrySetException(ex);
            }
        }
    }
}
