namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public static class NotificatieToestanden
{
    public const string Wachtend = "wachtend";
    public const string Opgehaald = "opgehaald";
    public const string Geweigerd = "geweigerd";
    public const string Mislukt = "mislukt";
}

/// <summary>An accepted notificatie: the durable job to fetch its dossier.</summary>
public sealed record OsoNotificatie(
    string Koppelsleutel,
    string BronBrin,
    string BronRouteringsKenmerk,
    string DoelBrin,
    string DoelRouteringsKenmerk,
    string LeverancierOin,
    string MessageId,
    DateTimeOffset OntvangenOp);

/// <summary>Storage of notificaties; the Gateway implements it. Adding is idempotent on the koppelsleutel.</summary>
public interface IOsoNotificaties
{
    /// <summary>False when the koppelsleutel was already known: the same answer, no second fetch.</summary>
    Task<bool> VoegToeAsync(OsoNotificatie notificatie, CancellationToken cancellationToken);
}
