using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

public sealed class MetriekOptions
{
    public const string Section = "Metrics";

    /// <summary>How often the gauges read from the store are refreshed.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Metrics:RefreshInterval moet tussen 50 ms en 1 uur liggen.")]
    [ConfigurationKeyName("RefreshInterval")]
    public TimeSpan VernieuwInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Refreshes the store-backed gauges in the background (async all the way), so a Prometheus scrape only reads
/// numbers already in memory. An unreachable store keeps the last values; /health/ready reports the outage.
/// </summary>
public sealed partial class MetriekVernieuwer(
    HulpvraagStore hulpvragen, OutboxStore outbox, GatewayMetrics metrics, IOptions<MetriekOptions> options, TimeProvider clock,
    ILogger<MetriekVernieuwer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VernieuwInterval, clock);
        do
        {
            await VernieuwAsync(stoppingToken);
        }
        while (await WachtAsync(timer, stoppingToken));
    }

    public async Task VernieuwAsync(CancellationToken cancellationToken)
    {
        try
        {
            var perStatus = await hulpvragen.AantalPerStatusAsync(cancellationToken);
            var oudste = await outbox.OudsteWachtendePerKanaalAsync(cancellationToken);
            metrics.Zet(perStatus, oudste, clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (System.Data.Common.DbException ex)
        {
            LogMislukt(logger, ex);
        }
    }

    private static async Task<bool> WachtAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = LogEventIds.MetriekenVernieuwenMislukt, Level = LogLevel.Warning, Message = "Refreshing the store-backed metrics failed; keeping the last values")]
    private static partial void LogMislukt(ILogger logger, Exception exception);
}
