using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Audit;

/// <summary>
/// Logs the head of the audit chain at start and once a day. The logs are kept elsewhere (journal, log service), so an
/// old head hash proves that no entry before it was rewritten later, even by someone who recomputed every hash.
/// </summary>
internal sealed partial class AuditKopLogger(AuditStore store, TimeProvider clock, ILogger<AuditKopLogger> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var kop = await store.KopAsync(stoppingToken);
                LogKop(logger, kop.KopVolgnummer, kop.KopHash);
            }
            catch (System.Data.Common.DbException ex)
            {
                // The store is down: /health/ready shows it; try again at the next tick.
                LogNietGelezen(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = LogEventIds.AuditKop, Level = LogLevel.Information, Message = "Audit chain head #{Volgnummer} {KopHash}")]
    private static partial void LogKop(ILogger logger, long volgnummer, string kopHash);

    [LoggerMessage(EventId = LogEventIds.AuditKopNietGelezen, Level = LogLevel.Warning, Message = "Audit chain head could not be read ({Fout}); next attempt in a day")]
    private static partial void LogNietGelezen(ILogger logger, string fout);
}
