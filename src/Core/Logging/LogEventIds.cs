namespace Hulpvraag.Core.Logging;

/// <summary>
/// The central list of log event ids: one number per event across all projects, grouped per area, so an operator can
/// filter or alert on an id and a new event cannot silently reuse one. New <c>[LoggerMessage]</c> events take their id
/// from here.
/// </summary>
/// <remarks>
/// Ranges: 1000–1999 start-up, storage and audit; 3000–3999 outbox and work queues; 4000–4999 the edge, limits,
/// retention and outages; 5000–5099 OSO inbound (endpoint and WS-Security verification); 5100–5199 the OSO pull;
/// 5200–5299 the OSO work queue; 6000–6999 e-mail.
/// </remarks>
public static class LogEventIds
{
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
}
