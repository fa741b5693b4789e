using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Werkwachtrij;

/// <summary>
/// One leased work queue: claims due items as leases (so a crashed instance's items come back by themselves), runs up
/// to MaxParallel attempts side by side, and records each outcome in the store: done, retry later (exponential backoff
/// with jitter, never below MinBackoff), or dead once MaxAge has passed. Durable retry lives in the store, not in
/// memory. Used by the outbox dispatcher (every channel) and the OSO pull.
/// </summary>
public sealed partial class WerkWachtrij<T>(
    WerkWachtrijOpties opties, IWerkOpslag<T> opslag, IWerkUitvoerder<T> uitvoerder, TimeProvider clock, ILogger logger,
    Func<TimeSpan, CancellationToken, Task>? wachtOpSignaal = null)
{
    /// <summary>Unique per process, so leases say who holds an item.</summary>
    public string Eigenaar { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public WerkWachtrijOpties Opties => opties;

    /// <summary>
    /// Keeps up to MaxParallel attempts in flight and claims only as many items as there are free slots (so a claimed
    /// item always starts at once, well inside its lease). An attempt slower than TraagNa gives its slot back while it
    /// runs on, and a destination with MaxTragePerBestemming slow ones is left out of the claim: one destination that
    /// hangs holds up nobody else, while a busy healthy one still gets every slot.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!opties.Aan || !uitvoerder.IsActief)
        {
            LogUit(logger, opties.Naam);
            return;
        }

        // Slow attempts give their slot back, but not without bound: with many destinations down at once they count again.
        var maxTraag = opties.MaxParallel * 4;

        // Only this loop touches the list: no locks.
        var bezig = new List<(Task Taak, string Bestemming, long Start)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            bezig.RemoveAll(b => b.Taak.IsCompleted);
            var nu = clock.GetTimestamp();
            var traag = opties.TraagNa is { } traagNa
                ? bezig.Where(b => clock.GetElapsedTime(b.Start, nu) >= traagNa).ToList()
                : [];
            var vrij = opties.MaxParallel - (bezig.Count - Math.Min(traag.Count, maxTraag));
            var geclaimd = 0;
            if (vrij > 0)
            {
                try
                {
                    var vol = traag.GroupBy(b => b.Bestemming, StringComparer.Ordinal)
                        .Where(g => g.Count() >= opties.MaxTragePerBestemming).Select(g => g.Key).ToList();
                    var batch = await opslag.ClaimAsync(Eigenaar, Math.Min(vrij, opties.BatchSize), opties.LeaseDuration, vol, stoppingToken);
                    foreach (var werk in batch)
                    {
                        bezig.Add((VerwerkAsync(werk, stoppingToken), werk.Bestemming, clock.GetTimestamp()));
                    }

                    geclaimd = batch.Count;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // The store being unreachable is an outage, not a reason to stop working for good.
                    LogRondeMislukt(logger, opties.Naam, ex);
                }
            }

            // Wakes for new items, a finished attempt, or (at the poll interval) an attempt that has turned slow.
            if (geclaimd == 0 || geclaimd >= vrij)
            {
                var wacht = wachtOpSignaal is null
                    ? Task.Delay(opties.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default)
                    : wachtOpSignaal(opties.PollInterval, stoppingToken);
                await (bezig.Count == 0 ? wacht : Task.WhenAny(wacht, Task.WhenAny(bezig.Select(b => b.Taak))));
            }
        }

        await Task.WhenAll(bezig.Select(b => b.Taak.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <summary>Claims one batch and works it off; returns how many items it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await opslag.ClaimAsync(Eigenaar, opties.BatchSize, opties.LeaseDuration, [], cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = opties.MaxParallel, CancellationToken = cancellationToken },
            async (werk, ct) => await VerwerkAsync(werk, ct));
        return batch.Count;
    }

    private async Task VerwerkAsync(GeclaimdWerk<T> werk, CancellationToken cancellationToken)
    {
        WerkUitkomst uitkomst;
        try
        {
            uitkomst = await uitvoerder.VoerUitAsync(werk, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A bug or outage in one attempt costs that attempt, not the loop; the item is retried like any failure.
            LogPogingMislukt(logger, opties.Naam, werk.Sleutel, ex);
            uitkomst = new WerkUitkomst.LaterOpnieuw(ex.GetType().Name);
        }

        try
        {
            await LegVastAsync(werk, uitkomst, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The lease runs out and the item comes back: at worst a repeat, never a loss.
            LogRondeMislukt(logger, opties.Naam, ex);
        }
    }

    private async Task LegVastAsync(GeclaimdWerk<T> werk, WerkUitkomst uitkomst, CancellationToken cancellationToken)
    {
        var nu = clock.GetUtcNow();
        switch (uitkomst)
        {
            case WerkUitkomst.LaterOpnieuw l when nu - werk.Sinds >= opties.MaxAge:
                var dood = new WerkUitkomst.Dood($"Opgegeven na {opties.MaxAge}: {l.Reden}") { Poging = l.Poging };
                await opslag.AfrondenAsync(werk, Eigenaar, dood, cancellationToken);
                uitvoerder.Vastgelegd(werk, dood, null);
                break;
            case WerkUitkomst.LaterOpnieuw l:
                var wacht = Backoff(werk.Pogingen, opties.MinBackoff, opties.MaxBackoff);
                await opslag.PlanOpnieuwAsync(werk, Eigenaar, nu + wacht, l.Reden, l.Poging, cancellationToken);
                uitvoerder.Vastgelegd(werk, l, wacht);
                break;
            default:
                await opslag.AfrondenAsync(werk, Eigenaar, uitkomst, cancellationToken);
                uitvoerder.Vastgelegd(werk, uitkomst, null);
                break;
        }
    }

    /// <summary>Exponential backoff with jitter: a random wait between half the step and the step, never below MinBackoff.</summary>
    public static TimeSpan Backoff(int pogingen, TimeSpan min, TimeSpan max) => WerkBackoff.Bereken(pogingen, min, max);

    [LoggerMessage(EventId = LogEventIds.WerkWachtrijRondeMislukt, Level = LogLevel.Error, Message = "Work queue {Wachtrij}: round failed; retrying after the poll interval")]
    private static partial void LogRondeMislukt(ILogger logger, string wachtrij, Exception exception);

    [LoggerMessage(EventId = LogEventIds.WerkWachtrijUit, Level = LogLevel.Information, Message = "Work queue {Wachtrij} is off in this instance")]
    private static partial void LogUit(ILogger logger, string wachtrij);

    [LoggerMessage(EventId = LogEventIds.WerkWachtrijPogingMislukt, Level = LogLevel.Error, Message = "Work queue {Wachtrij}: attempt for {Sleutel} failed unexpectedly; it is retried")]
    private static partial void LogPogingMislukt(ILogger logger, string wachtrij, string sleutel, Exception exception);
}

public static class WerkBackoff
{
    /// <summary>
    /// The step doubles per attempt from <paramref name="min"/> up to <paramref name="max"/>; the wait is drawn between
    /// half the step and the step ("equal jitter", so retries of many items spread out) but never below
    /// <paramref name="min"/>: the configured minimum is a promise to the receiver.
    /// </summary>
    public static TimeSpan Bereken(int pogingen, TimeSpan min, TimeSpan max)
    {
        var exponent = Math.Clamp(pogingen - 1, 0, 30);
        var stap = Math.Max(min.TotalMilliseconds, Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent)));
        var onder = Math.Max(min.TotalMilliseconds, stap / 2);
        return TimeSpan.FromMilliseconds(onder + (Random.Shared.NextDouble() * (stap - onder)));
    }
}
