using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Werkwachtrij;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Hulpvraag.Gateway.Outbox;

/// <summary>
/// Delivers due outbox rows through the deliverer of their channel (Esis callback, OSO terugkoppeling, e-mail) and
/// records the outcome in the row: delivered, retry later, or dead. The claim/lease/backoff loop is the shared
/// <see cref="WerkWachtrij{T}"/>; this class adds what is particular to delivering: one resilience pipeline per
/// destination and the channel's deliverer.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService, IWerkUitvoerder<Aflevering>
{
    /// <summary>
    /// One pipeline per destination: an attempt timeout, and a circuit breaker so a dead or hanging receiver fails fast
    /// instead of holding delivery slots the others need.
    /// </summary>
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    private readonly Dictionary<string, IAflevering> _afleveringen;
    private readonly WerkWachtrij<Aflevering> _wachtrij;
    private readonly CallbackOptions _opties;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(
        OutboxStore store,
        OutboxSignal signal,
        IEnumerable<IAflevering> afleveringen,
        IOptions<CallbackOptions> options,
        TimeProvider clock,
        GatewayMetrics metrics,
        ILogger<OutboxDispatcher> logger)
    {
        _opties = options.Value;
        _metrics = metrics;
        _logger = logger;
        // As DI does for a single service, the last registration for a channel wins (tests put their own in front).
        _afleveringen = afleveringen.GroupBy(a => a.Kanaal, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        _wachtrij = new WerkWachtrij<Aflevering>(new WerkWachtrijOpties
        {
            Naam = "outbox",
            BatchSize = _opties.BatchSize,
            MaxParallel = _opties.MaxParallel,
            LeaseDuration = _opties.LeaseDuration,
            PollInterval = _opties.PollInterval,
            MinBackoff = _opties.MinBackoff,
            MaxBackoff = _opties.MaxBackoff,
            MaxAge = _opties.MaxAge,
            TraagNa = _opties.TraagNa,
            MaxTragePerBestemming = _opties.MaxTragePerBestemming,
            Aan = _opties.DispatcherEnabled,
        }, store, this, clock, logger, signal.WaitAsync);
    }

    /// <summary>Unique per process, so leases say who holds a row.</summary>
    public string Eigenaar => _wachtrij.Eigenaar;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _wachtrij.RunAsync(stoppingToken);

    /// <summary>Claims one batch and delivers it; returns how many rows it handled.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => _wachtrij.RunOnceAsync(cancellationToken);

    public async Task<WerkUitkomst> VoerUitAsync(GeclaimdWerk<Aflevering> werk, CancellationToken cancellationToken)
    {
        var rij = werk.Werk;
        if (!_afleveringen.TryGetValue(rij.Kanaal, out var aflevering))
        {
            return new WerkUitkomst.LaterOpnieuw($"Geen aflevering ingesteld voor kanaal '{rij.Kanaal}'.");
        }

        var pipeline = _pipelines.GetOrAddPipeline<AfleverUitkomst>(werk.Bestemming, b => b
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AfleverUitkomst>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = _opties.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result is AfleverUitkomst.LaterOpnieuw),
            })
            .AddTimeout(_opties.AttemptTimeout));
        AfleverUitkomst uitkomst;
        try
        {
            uitkomst = await pipeline.ExecuteAsync(async ct => await aflevering.AfleverenAsync(rij, ct), cancellationToken);
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
            uitkomst = new AfleverUitkomst.LaterOpnieuw($"Geen antwoord binnen {_opties.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex)
        {
            // The type only: an exception message may carry what a receiver answered.
            uitkomst = new AfleverUitkomst.LaterOpnieuw($"{ex.GetType().Name} bij afleveren.");
        }

        // The attempt's record (an e-mail's recipient and SMTP answer) travels with the outcome into the one state update.
        WerkUitkomst werkUitkomst = uitkomst switch
        {
            AfleverUitkomst.Afgeleverd => new WerkUitkomst.Klaar(AfleverToestanden.Afgeleverd),
            AfleverUitkomst.Overgeslagen o => new WerkUitkomst.Klaar(AfleverToestanden.Overgeslagen, o.Reden),
            AfleverUitkomst.Onbestelbaar o => new WerkUitkomst.Dood(o.Reden),
            AfleverUitkomst.LaterOpnieuw l => new WerkUitkomst.LaterOpnieuw(l.Reden),
            _ => new WerkUitkomst.LaterOpnieuw("Onbekende uitkomst."),
        };
        return uitkomst.Poging is null ? werkUitkomst : werkUitkomst with { Poging = uitkomst.Poging };
    }

    public void Vastgelegd(GeclaimdWerk<Aflevering> werk, WerkUitkomst uitkomst, TimeSpan? wacht)
    {
        var rij = werk.Werk;
        switch (uitkomst)
        {
            case WerkUitkomst.Klaar k:
                _metrics.Aflevering(rij.Kanaal, k.Toestand);
                LogKlaar(_logger, rij.GebeurtenisId, rij.Kanaal, rij.Dossiernummer, k.Toestand, werk.Pogingen);
                break;
            case WerkUitkomst.Dood d:
                _metrics.Aflevering(rij.Kanaal, AfleverToestanden.Dood);
                LogDood(_logger, rij.GebeurtenisId, rij.Kanaal, rij.Dossiernummer, d.Reden);
                break;
            case WerkUitkomst.LaterOpnieuw l:
                _metrics.Aflevering(rij.Kanaal, "opnieuw");
                LogOpnieuw(_logger, rij.GebeurtenisId, rij.Kanaal, werk.Pogingen, wacht ?? TimeSpan.Zero, l.Reden);
                break;
        }
    }

    /// <summary>Exponential backoff with jitter, never below the minimum (see <see cref="WerkBackoff"/>).</summary>
    public static TimeSpan Backoff(int pogingen, TimeSpan min, TimeSpan max) => WerkBackoff.Bereken(pogingen, min, max);

    [LoggerMessage(EventId = LogEventIds.AfleveringKlaar, Level = LogLevel.Information, Message = "Delivery {GebeurtenisId} on {Kanaal} for dossier {Dossiernummer}: {Toestand} (attempt {Poging})")]
    private static partial void LogKlaar(ILogger logger, Guid gebeurtenisId, string kanaal, long? dossiernummer, string toestand, int poging);

    [LoggerMessage(EventId = LogEventIds.AfleveringOpnieuw, Level = LogLevel.Warning, Message = "Delivery {GebeurtenisId} on {Kanaal} failed (attempt {Poging}); retry in {Wacht}: {Reden}")]
    private static partial void LogOpnieuw(ILogger logger, Guid gebeurtenisId, string kanaal, int poging, TimeSpan wacht, string reden);

    [LoggerMessage(EventId = LogEventIds.AfleveringDood, Level = LogLevel.Error, Message = "Delivery {GebeurtenisId} on {Kanaal} for dossier {Dossiernummer} is dead: {Reden}")]
    private static partial void LogDood(ILogger logger, Guid gebeurtenisId, string kanaal, long? dossiernummer, string reden);
}
