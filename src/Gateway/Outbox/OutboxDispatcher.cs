using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Hulpvraag.Gateway.Outbox;

/// <summary>
/// Delivers due callback rows through the delivery of their source system and records the outcome in the row:
/// delivered, retry later (exponential backoff with jitter, until MaxAge), or dead. Durable retry lives in the row,
/// not in memory, so a crash at any point costs at most a repeat with the same gebeurtenisId.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    OutboxSignal signal,
    IEnumerable<ICallbackAflevering> afleveringen,
    IOptions<CallbackOptions> options,
    TimeProvider clock,
    GatewayMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// One pipeline per destination (source system and school): an attempt timeout, and a circuit breaker so a dead or
    /// hanging school system fails fast instead of holding delivery slots the other schools need.
    /// </summary>
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    private readonly Dictionary<string, ICallbackAflevering> _afleveringen =
        afleveringen.ToDictionary(a => a.Systeem, StringComparer.Ordinal);

    /// <summary>Unique per process, so leases say who holds a row.</summary>
    public string Eigenaar { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Keeps up to MaxParallel deliveries in flight and claims only as many rows as there are free slots (so a claimed
    /// row always starts at once, well inside its lease). A delivery slower than TraagNa gives its slot back while it
    /// runs on to its attempt timeout, and a destination with MaxTragePerBestemming slow ones is left out of the claim:
    /// a school whose system hangs holds up nobody else, also before its circuit opens, while a busy healthy school
    /// still gets every slot.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var opties = options.Value;
        if (!opties.DispatcherEnabled)
        {
            LogDisabled(logger);
            return;
        }

        // Slow deliveries give their slot back, but not without bound: with many schools down at once they count again.
        var maxTraag = opties.MaxParallel * 4;

        // Only this loop touches the list: no locks.
        var bezig = new List<(Task Taak, string Bestemming, long Start)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            bezig.RemoveAll(b => b.Taak.IsCompleted);
            var nu = clock.GetTimestamp();
            var traag = bezig.Where(b => clock.GetElapsedTime(b.Start, nu) >= opties.TraagNa).ToList();
            var vrij = opties.MaxParallel - (bezig.Count - Math.Min(traag.Count, maxTraag));
            var geclaimd = 0;
            if (vrij > 0)
            {
                try
                {
                    var vol = traag.GroupBy(b => b.Bestemming, StringComparer.Ordinal)
                        .Where(g => g.Count() >= opties.MaxTragePerBestemming).Select(g => g.Key).ToList();
                    var batch = await store.ClaimAsync(Eigenaar, Math.Min(vrij, opties.BatchSize), opties.LeaseDuration, vol, stoppingToken);
                    foreach (var rij in batch)
                    {
                        bezig.Add((LeverAfAsync(rij, stoppingToken), OutboxStore.Bestemming(rij.Opdracht), clock.GetTimestamp()));
                    }

                    geclaimd = batch.Count;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // The store being unreachable is an outage, not a reason to stop delivering for good.
                    LogDispatchFailed(logger, ex);
                }
            }

            // Wakes for new rows, a finished delivery, or (at the poll interval) a delivery that has turned slow.
            if (geclaimd == 0 || geclaimd >= vrij)
            {
                var wacht = signal.WaitAsync(opties.PollInterval, stoppingToken);
                await (bezig.Count == 0 ? wacht : Task.WhenAny(wacht, Task.WhenAny(bezig.Select(b => b.Taak))));
            }
        }

        await Task.WhenAll(bezig.Select(b => b.Taak.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <summary>Claims one batch and delivers it; returns how many rows it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var opties = options.Value;
        var batch = await store.ClaimAsync(Eigenaar, opties.BatchSize, opties.LeaseDuration, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        // Every row in a batch has its own volgorde_sleutel (only the oldest per key is claimable), so they may run side by side.
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = opties.MaxParallel, CancellationToken = cancellationToken },
            async (rij, ct) => await LeverAfAsync(rij, ct));
        return batch.Count;
    }

    private async Task LeverAfAsync(GeclaimdeCallback rij, CancellationToken cancellationToken)
    {
        var opties = options.Value;
        AfleverUitkomst uitkomst;
        if (!_afleveringen.TryGetValue(rij.Opdracht.Systeem, out var aflevering))
        {
            uitkomst = new AfleverUitkomst.LaterOpnieuw($"Geen aflevering ingesteld voor bronsysteem '{rij.Opdracht.Systeem}'.");
        }
        else
        {
            var pipeline = _pipelines.GetOrAddPipeline<AfleverUitkomst>(OutboxStore.Bestemming(rij.Opdracht), b => b
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AfleverUitkomst>
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 3,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = opties.BreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result is AfleverUitkomst.LaterOpnieuw),
                })
                .AddTimeout(opties.AttemptTimeout));
            try
            {
                uitkomst = await pipeline.ExecuteAsync(async ct => await aflevering.AfleverenAsync(rij.Opdracht, ct), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (BrokenCircuitException)
            {
                uitkomst = new AfleverUitkomst.LaterOpnieuw("Circuit open: deze bestemming faalde de laatste tijd steeds; later opnieuw.");
            }
            catch (TimeoutRejectedException)
            {
                uitkomst = new AfleverUitkomst.LaterOpnieuw($"Geen antwoord binnen {opties.AttemptTimeout.TotalSeconds:0.#} s.");
            }
            catch (Exception ex)
            {
                uitkomst = new AfleverUitkomst.LaterOpnieuw($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        var nu = clock.GetUtcNow();
        switch (uitkomst)
        {
            case AfleverUitkomst.Afgeleverd:
                await store.MarkeerAfgeleverdAsync(rij.Id, Eigenaar, cancellationToken);
                metrics.Callback(rij.Opdracht.Systeem, CallbackToestanden.Afgeleverd);
                LogDelivered(logger, rij.Opdracht.GebeurtenisId, rij.Opdracht.Systeem, rij.Opdracht.Dossiernummer, rij.Pogingen);
                break;
            case AfleverUitkomst.Onbestelbaar o:
                await store.MarkeerDoodAsync(rij.Id, Eigenaar, o.Reden, cancellationToken);
                metrics.Callback(rij.Opdracht.Systeem, CallbackToestanden.Dood);
                LogDead(logger, rij.Opdracht.GebeurtenisId, rij.Opdracht.Systeem, rij.Opdracht.Dossiernummer, o.Reden);
                break;
            case AfleverUitkomst.LaterOpnieuw l when nu - rij.AangemaaktOp >= opties.MaxAge:
                await store.MarkeerDoodAsync(rij.Id, Eigenaar, $"Ouder dan {opties.MaxAge}: {l.Reden}", cancellationToken);
                metrics.Callback(rij.Opdracht.Systeem, CallbackToestanden.Dood);
                LogDead(logger, rij.Opdracht.GebeurtenisId, rij.Opdracht.Systeem, rij.Opdracht.Dossiernummer, l.Reden);
                break;
            case AfleverUitkomst.LaterOpnieuw l:
                var wacht = Backoff(rij.Pogingen, opties.MinBackoff, opties.MaxBackoff);
                await store.PlanOpnieuwAsync(rij.Id, Eigenaar, nu + wacht, l.Reden, cancellationToken);
                metrics.Callback(rij.Opdracht.Systeem, "opnieuw");
                LogRetry(logger, rij.Opdracht.GebeurtenisId, rij.Opdracht.Systeem, rij.Pogingen, wacht, l.Reden);
                break;
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half fixed, half random, so retries of many rows spread out.</summary>
    public static TimeSpan Backoff(int pogingen, TimeSpan min, TimeSpan max)
    {
        var exponent = Math.Clamp(pogingen - 1, 0, 30);
        var basis = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        var ms = (basis / 2) + (Random.Shared.NextDouble() * basis / 2);
        return TimeSpan.FromMilliseconds(Math.Max(ms, min.TotalMilliseconds / 2));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Callback {GebeurtenisId} delivered to {Systeem} for dossier {Dossiernummer} (attempt {Poging})")]
    private static partial void LogDelivered(ILogger logger, Guid gebeurtenisId, string systeem, long? dossiernummer, int poging);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Callback {GebeurtenisId} to {Systeem} failed (attempt {Poging}); retry in {Wacht}: {Reden}")]
    private static partial void LogRetry(ILogger logger, Guid gebeurtenisId, string systeem, int poging, TimeSpan wacht, string reden);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Callback {GebeurtenisId} to {Systeem} for dossier {Dossiernummer} is dead: {Reden}")]
    private static partial void LogDead(ILogger logger, Guid gebeurtenisId, string systeem, long? dossiernummer, string reden);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Outbox dispatch round failed; retrying after the poll interval")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Outbox dispatcher disabled by Callbacks:DispatcherEnabled")]
    private static partial void LogDisabled(ILogger logger);
}
