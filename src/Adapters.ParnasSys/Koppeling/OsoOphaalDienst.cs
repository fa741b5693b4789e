using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// Works through due notificaties: leased per instance, retried with exponential backoff and jitter, and marked
/// <c>mislukt</c> (visible to the helpdesk, re-drivable) once Oso:FetchHorizon has passed since the notificatie.
/// </summary>
public sealed partial class OsoOphaalDienst(
    IServiceProvider services, IOsoNotificaties notificaties, OsoSleutels sleutels, TimeProvider clock, ILogger<OsoOphaalDienst> logger)
    : BackgroundService
{
    private readonly string _eigenaar = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sleutels.IsIngesteld)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var verwerkt = 0;
            try
            {
                verwerkt = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRondeMislukt(logger, ex);
            }

            if (verwerkt == 0)
            {
                await Task.Delay(sleutels.Opties.FetchPollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await notificaties.ClaimAsync(_eigenaar, 10, TimeSpan.FromMinutes(5), cancellationToken);
        var ophaler = services.GetRequiredService<DossierOphaler>();
        foreach (var (n, pogingen) in batch)
        {
            var uitkomst = await ophaler.OphalenAsync(n, cancellationToken);
            var nu = clock.GetUtcNow();
            switch (uitkomst)
            {
                case OphaalUitkomst.Opgehaald o:
                    await notificaties.AfrondenAsync(n.Koppelsleutel, _eigenaar, NotificatieToestanden.Opgehaald, o.Dossiernummer, null, cancellationToken);
                    break;
                case OphaalUitkomst.Geweigerd g:
                    await notificaties.AfrondenAsync(n.Koppelsleutel, _eigenaar, NotificatieToestanden.Geweigerd, null, $"{g.Code}: {g.Melding}", cancellationToken);
                    break;
                case OphaalUitkomst.Foutmelding f:
                    await notificaties.AfrondenAsync(n.Koppelsleutel, _eigenaar, NotificatieToestanden.Mislukt, null, "Foutmelding van de leverancier: " + f.Tekst, cancellationToken);
                    break;
                case OphaalUitkomst.LaterOpnieuw l when nu - n.OntvangenOp >= sleutels.Opties.FetchHorizon:
                    await notificaties.AfrondenAsync(n.Koppelsleutel, _eigenaar, NotificatieToestanden.Mislukt, null, $"Opgegeven na {sleutels.Opties.FetchHorizon}: {l.Reden}", cancellationToken);
                    LogOpgegeven(logger, n.BronBrin, l.Reden);
                    break;
                case OphaalUitkomst.LaterOpnieuw l:
                    await notificaties.PlanOpnieuwAsync(n.Koppelsleutel, _eigenaar, nu + Wacht(pogingen, sleutels.Opties.FetchMinBackoff), l.Reden, cancellationToken);
                    break;
            }
        }

        return batch.Count;
    }

    /// <summary>Exponential from Oso:FetchMinBackoff, capped at 10 minutes, with equal jitter.</summary>
    internal static TimeSpan Wacht(int pogingen, TimeSpan min)
    {
        var basis = Math.Min(600_000, min.TotalMilliseconds * Math.Pow(2, Math.Clamp(pogingen - 1, 0, 20)));
        return TimeSpan.FromMilliseconds((basis / 2) + (Random.Shared.NextDouble() * basis / 2));
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "OSO fetch round failed")]
    private static partial void LogRondeMislukt(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "OSO dossier from {Brin} could not be fetched before the horizon: {Reden}")]
    private static partial void LogOpgegeven(ILogger logger, string brin, string reden);
}
