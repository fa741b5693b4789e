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

    /// <summary>Due fetch jobs, leased to <paramref name="eigenaar"/> so several instances never fetch one at the same time.</summary>
    Task<IReadOnlyList<GeclaimdeNotificatie>> ClaimAsync(string eigenaar, int max, TimeSpan lease, CancellationToken cancellationToken);

    Task AfrondenAsync(string koppelsleutel, string eigenaar, string toestand, long? dossiernummer, string? fout, CancellationToken cancellationToken);

    Task PlanOpnieuwAsync(string koppelsleutel, string eigenaar, DateTimeOffset volgendePoging, string fout, CancellationToken cancellationToken);

    Task<OsoNotificatie?> VindAsync(string koppelsleutel, CancellationToken cancellationToken);
}

public sealed record GeclaimdeNotificatie(OsoNotificatie Notificatie, int Pogingen);
