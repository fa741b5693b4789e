using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// The work of the OSO pull queue: fetch the dossier of one notificatie. The host runs it in its leased work queue
/// (claimed per instance, retried with exponential backoff and jitter from Oso:FetchMinBackoff up to
/// Oso:FetchMaxBackoff, and marked <c>mislukt</c> — visible to the helpdesk, re-drivable — once Oso:FetchHorizon has
/// passed since the notificatie).
/// </summary>
public sealed partial class OsoOphaalDienst(DossierOphaler ophaler, OsoSleutels sleutels, OsoMetrics metrics, ILogger<OsoOphaalDienst> logger)
    : IWerkUitvoerder<OsoNotificatie>
{
    public bool IsActief => sleutels.IsIngesteld;

    public async Task<WerkUitkomst> VoerUitAsync(GeclaimdWerk<OsoNotificatie> werk, CancellationToken cancellationToken) =>
        await ophaler.OphalenAsync(werk.Werk, cancellationToken) switch
        {
            OphaalUitkomst.Opgehaald o => new WerkUitkomst.Klaar(NotificatieToestanden.Opgehaald, null, o.Dossiernummer),
            OphaalUitkomst.Geweigerd g => new WerkUitkomst.Klaar(NotificatieToestanden.Geweigerd, $"{g.Code}: {g.Melding}"),
            OphaalUitkomst.Foutmelding f => new WerkUitkomst.Dood("Foutmelding van de leverancier: " + f.Tekst),
            OphaalUitkomst.LaterOpnieuw l => new WerkUitkomst.LaterOpnieuw(l.Reden),
            _ => new WerkUitkomst.LaterOpnieuw("Onbekende uitkomst."),
        };

    /// <summary>Called with the outcome as stored: the queue turns a retry past Oso:FetchHorizon into Dood.</summary>
    public void Vastgelegd(GeclaimdWerk<OsoNotificatie> werk, WerkUitkomst uitkomst, TimeSpan? wacht)
    {
        metrics.Ophalen(uitkomst switch
        {
            WerkUitkomst.Klaar { Toestand: NotificatieToestanden.Opgehaald } => OsoMetrics.Opgehaald,
            WerkUitkomst.Klaar => OsoMetrics.Geweigerd,
            WerkUitkomst.Dood => OsoMetrics.Dood,
            _ => OsoMetrics.Mislukt,
        });
        if (uitkomst is WerkUitkomst.Dood d)
        {
            LogOpgegeven(logger, werk.Werk.BronBrin, d.Reden);
        }
    }

    [LoggerMessage(EventId = LogEventIds.OsoOphalenOpgegeven, Level = LogLevel.Error, Message = "OSO dossier from {Brin} could not be fetched: {Reden}")]
    private static partial void LogOpgegeven(ILogger logger, string brin, string reden);
}
