namespace Hulpvraag.Core.Logging;

/// <summary>
/// The central list of log event ids: one number per event across all projects, grouped per area, so an operator can
/// filter or alert on an id and a new event cannot silently reuse one. Every <c>[LoggerMessage]</c> in src takes its
/// id from here; <c>LogEventIdsTests</c> refuses a number used twice or one missing from this list.
/// </summary>
/// <remarks>
/// Ranges: 1000–1099 start-up and configuration; 1100–1199 metrics; 1200–1299 storage moves (verhuis);
/// 2000–2099 intake; 2100–2199 status changes; 3000–3099 outbox and work queues; 3100–3199 the audit chain;
/// 4000–4099 Esis set-up; 4100–4199 limits; 4200–4299 retention; 4300–4399 outages; 4400–4499 the web edge;
/// 5000–5099 OSO inbound (endpoint and WS-Security verification); 5100–5199 the OSO pull; 5200–5299 the OSO work
/// queue; 6000–6999 e-mail.
/// </remarks>
public static class LogEventIds
{
    // Start-up, migrations and configuration.
    public const int MigratieEvolve = 1001;
    public const int MigratieKlaar = 1002;
    public const int ConfiguratieGeweigerd = 1090;
    public const int VerouderdeSleutel = 1095;

    // Metrics.
    public const int MetriekenVernieuwenMislukt = 1101;

    // Storage moves (gateway verhuis).
    public const int VerhuisTabelGekopieerd = 1201;

    // Intake (both source systems) and status changes.
    public const int IntakeAangemaakt = 2001;
    public const int IntakeBijgewerkt = 2002;
    public const int IntakeOngewijzigd = 2003;
    public const int IntakeGeweigerd = 2004;
    public const int StatusGewijzigd = 2101;
    public const int StatusGeweigerd = 2102;

    // The outbox and the leased work queues.
    public const int AfleveringKlaar = 3001;
    public const int AfleveringOpnieuw = 3002;
    public const int AfleveringDood = 3003;
    public const int WerkWachtrijRondeMislukt = 3004;
    public const int WerkWachtrijUit = 3005;
    public const int WerkWachtrijPogingMislukt = 3006;

    // The audit chain.
    public const int AuditKop = 3101;
    public const int AuditKopNietGelezen = 3102;

    // Esis set-up.
    public const int EsisPepperGegenereerd = 4001;
    public const int EsisPepperUitBestand = 4002;

    // Limits.
    public const int GedeeldeLimietOnbereikbaar = 4101;

    // Retention.
    public const int RetentieAfgeslotenUit = 4201;
    public const int RetentieRonde = 4202;
    public const int RetentieMislukt = 4203;

    // Outages and bugs at the edge.
    public const int Storing = 4301;
    public const int DatabaseFout = 4302;

    // The web edge: framing and binding refusals.
    public const int BerichtGeweigerd = 4401;
    public const int ClientAfgebroken = 4402;

    // OSO inbound: the endpoint and the WS-Security verifier.
    public const int OsoBerichtGeweigerd = 5001;
    public const int OsoNotificatieOntvangen = 5002;
    public const int OsoVerificatieGeweigerd = 5003;
    public const int OsoVerificatieGeslaagd = 5004;

    // The OSO pull: documentRequest and the dossier it returns.
    public const int OsoDossierOpgehaald = 5101;
    public const int OsoDossierGeweigerd = 5102;

    // The OSO work queue.
    public const int OsoOphalenOpgegeven = 5202;

    // E-mail.
    public const int EmailAan = 6001;
    public const int EmailUit = 6002;
}
