namespace Hulpvraag.Core.Ports;

/// <summary>
/// One item taken from a leased work queue: the work, its destination key (items of one destination share a circuit
/// and a slow-work limit), how often it has been tried, and since when it waits (MaxAge counts from there).
/// </summary>
public sealed record GeclaimdWerk<T>(T Werk, string Sleutel, string Bestemming, int Pogingen, DateTimeOffset Sinds);

/// <summary>What became of one attempt. The queue turns <see cref="LaterOpnieuw"/> into a backoff, or into dead past MaxAge.</summary>
public abstract record WerkUitkomst
{
    private WerkUitkomst() { }

    /// <summary>What a delivery attempt recorded (recipient, answer); the store writes it together with the outcome.</summary>
    public AfleverPoging? Poging { get; init; }

    /// <summary>Finished; <paramref name="Toestand"/> is the queue's own word for it (afgeleverd, opgehaald, overgeslagen …).</summary>
    public sealed record Klaar(string Toestand, string? Melding = null, long? Dossiernummer = null) : WerkUitkomst;

    /// <summary>Given up for good: visible, re-drivable.</summary>
    public sealed record Dood(string Reden) : WerkUitkomst;

    public sealed record LaterOpnieuw(string Reden) : WerkUitkomst;
}

/// <summary>Does the work of one queue (deliver a row, fetch a dossier). Expected failures are outcomes, not exceptions.</summary>
public interface IWerkUitvoerder<T>
{
    /// <summary>False switches the queue off in this instance (the OSO pull without OSO configuration).</summary>
    bool IsActief => true;

    Task<WerkUitkomst> VoerUitAsync(GeclaimdWerk<T> werk, CancellationToken cancellationToken);

    /// <summary>What the queue recorded in the end (after MaxAge and backoff); for logs and counters.</summary>
    void Vastgelegd(GeclaimdWerk<T> werk, WerkUitkomst uitkomst, TimeSpan? wacht)
    {
    }
}

/// <summary>The store side of a leased work queue: claims are leases, outcomes land only while the lease is held.</summary>
public interface IWerkOpslag<T>
{
    /// <param name="uitgesloten">Destinations with no free slot: their items stay where they are.</param>
    Task<IReadOnlyList<GeclaimdWerk<T>>> ClaimAsync(string eigenaar, int max, TimeSpan lease, IReadOnlyCollection<string> uitgesloten, CancellationToken cancellationToken);

    /// <summary>Records <see cref="WerkUitkomst.Klaar"/> or <see cref="WerkUitkomst.Dood"/>.</summary>
    Task<bool> AfrondenAsync(GeclaimdWerk<T> werk, string eigenaar, WerkUitkomst uitkomst, CancellationToken cancellationToken);

    /// <param name="poging">What the attempt recorded (an e-mail's SMTP answer), written in the same statement; null for none.</param>
    Task<bool> PlanOpnieuwAsync(GeclaimdWerk<T> werk, string eigenaar, DateTimeOffset volgendePoging, string reden, AfleverPoging? poging, CancellationToken cancellationToken);
}
