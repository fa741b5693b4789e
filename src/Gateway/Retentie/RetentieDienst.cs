using System.Diagnostics.Metrics;
using System.Globalization;
using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Retentie;

/// <summary>
/// Retention (spec "Retention"): one round per <see cref="RetentieOptions.Interval"/>, run by whichever instance holds
/// the lease, deleting in batches with a pause between them. What a round removed is counted on /metrics
/// (<c>hulpvraag_retentie_verwijderd</c>) and written to the audit trail, one entry per kind.
/// </summary>
public sealed partial class RetentieDienst : BackgroundService
{
    public const string LeaseNaam = "retentie";

    private readonly RetentieStore _store;
    private readonly AuditStore _audit;
    private readonly IOptions<RetentieOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RetentieDienst> _logger;
    private readonly Counter<long> _verwijderd;
    private readonly string _eigenaar = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public RetentieDienst(RetentieStore store, AuditStore audit, IOptions<RetentieOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<RetentieDienst> logger)
    {
        _store = store;
        _audit = audit;
        _options = options;
        _clock = clock;
        _logger = logger;
        _verwijderd = meters.Create(GatewayMetrics.MeterName).CreateCounter<long>("hulpvraag_retentie_verwijderd",
            description: "Rows removed by retention per kind (afgeleverde-callbacks, e-mails, oso-replay, ontvangsten, mislukte-verificaties, limiettellers, afgesloten-hulpvragen, audit)");
    }

    /// <summary>One round, if this instance gets the lease: the rows removed per kind (empty when another instance runs it).</summary>
    public async Task<IReadOnlyDictionary<string, int>> VoerRondeUitAsync(CancellationToken cancellationToken)
    {
        var o = _options.Value;
        var resultaat = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!await _store.NeemLeaseAsync(LeaseNaam, _eigenaar, _clock.GetUtcNow(), o.LeaseDuur, cancellationToken))
        {
            return resultaat;
        }

        try
        {
            var nu = _clock.GetUtcNow();
            await RuimOpAsync(RetentieSoorten.AfgeleverdeCallbacks, nu - o.AfgeleverdeBerichten, resultaat, cancellationToken);
            await RuimOpAsync(RetentieSoorten.Emails, nu - o.AfgeleverdeBerichten, resultaat, cancellationToken);
            // An OSO message's replay entry is kept exactly as long as its Timestamp could still be accepted.
            await RuimOpAsync(RetentieSoorten.OsoReplay, nu, resultaat, cancellationToken);
            await RuimOpAsync(RetentieSoorten.Ontvangsten, nu - o.Ontvangsten, resultaat, cancellationToken);
            await RuimOpAsync(RetentieSoorten.MisluktePogingen, nu - o.Ontvangsten, resultaat, cancellationToken);
            // Failure counters outlive any window (at most a day) by a day.
            await RuimOpAsync(RetentieSoorten.Limiettellers, nu - TimeSpan.FromDays(2), resultaat, cancellationToken);
            await _store.VerwijderVolleEmmersAsync(nu, cancellationToken);
            if (o.AfgeslotenHulpvragen is { } termijn)
            {
                await RuimOpAsync(RetentieSoorten.AfgeslotenHulpvragen, nu - termijn, resultaat, cancellationToken);
            }

            // Last, so this round's own entries are written after the cut and the chain's head stays in the trail.
            await RuimOpAsync(RetentieSoorten.Audit, nu - o.Audit, resultaat, cancellationToken);

            foreach (var (soort, aantal) in resultaat.Where(r => r.Value > 0))
            {
                await _audit.SchrijfAsync(new AuditRegel(_clock.GetUtcNow(), "systeem:retentie", "retentie.verwijderd", soort,
                    string.Create(CultureInfo.InvariantCulture, $"{aantal} verwijderd")), cancellationToken);
            }
        }
        finally
        {
            await _store.GeefLeaseTerugAsync(LeaseNaam, _eigenaar, CancellationToken.None);
        }

        return resultaat;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Value.AfgeslotenHulpvragen is null)
        {
            LogAfgeslotenUit(_logger);
        }

        // A first round soon after start, then one per interval; the lease keeps instances from running it together.
        var wacht = _options.Value.EersteRonde ?? TimeSpan.FromSeconds(Random.Shared.Next(30, 90));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wacht, _clock, stoppingToken);
                var ronde = await VoerRondeUitAsync(stoppingToken);
                if (ronde.Values.Any(v => v > 0))
                {
                    LogRonde(_logger, string.Join(", ", ronde.Select(r => $"{r.Key}={r.Value}")));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                // An outage: the next round picks up where this one stopped (every batch stands on its own).
                LogMislukt(_logger, ex);
            }

            wacht = _options.Value.Interval;
        }
    }

    private async Task RuimOpAsync(string soort, DateTimeOffset grens, Dictionary<string, int> resultaat, CancellationToken ct)
    {
        var o = _options.Value;
        var totaal = 0;
        while (true)
        {
            var n = soort switch
            {
                RetentieSoorten.AfgeslotenHulpvragen => await _store.VerwijderAfgeslotenBatchAsync(grens, Math.Max(1, o.BatchGrootte / 10), ct),
                RetentieSoorten.Audit => await _audit.VerwijderBeginAsync(grens, o.BatchGrootte, ct),
                _ => await _store.VerwijderBatchAsync(soort, grens, o.BatchGrootte, ct),
            };
            totaal += n;
            _verwijderd.Add(n, new KeyValuePair<string, object?>("soort", soort));
            if (n == 0 || (soort != RetentieSoorten.AfgeslotenHulpvragen && n < o.BatchGrootte))
            {
                break;
            }

            if (!await _store.NeemLeaseAsync(LeaseNaam, _eigenaar, _clock.GetUtcNow(), o.LeaseDuur, ct))
            {
                // Lost the lease (a long stall): stop; the holder carries on.
                break;
            }

            if (o.PauzeTussenBatches > TimeSpan.Zero)
            {
                await Task.Delay(o.PauzeTussenBatches, _clock, ct);
            }
        }

        resultaat[soort] = totaal;
    }

    [LoggerMessage(EventId = LogEventIds.RetentieAfgeslotenUit, Level = LogLevel.Warning, Message = "Retentie:AfgeslotenHulpvragen is not set: closed hulpvragen and their attachments are kept indefinitely. Set the term the samenwerkingsverband decided (e.g. 730.00:00:00)")]
    private static partial void LogAfgeslotenUit(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.RetentieRonde, Level = LogLevel.Information, Message = "Retention round removed {Aantallen}")]
    private static partial void LogRonde(ILogger logger, string aantallen);

    [LoggerMessage(EventId = LogEventIds.RetentieMislukt, Level = LogLevel.Warning, Message = "Retention round failed; retried at the next interval")]
    private static partial void LogMislukt(ILogger logger, Exception exception);
}
