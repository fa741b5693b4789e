namespace Hulpvraag.Core.Ports;

/// <summary>
/// Delivers one status callback to the source system it belongs to. Each adapter offers one for its
/// <see cref="Systeem"/>; the outbox dispatcher picks it by <see cref="CallbackOpdracht.Systeem"/>.
/// </summary>
public interface ICallbackAflevering
{
    string Systeem { get; }

    Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken);
}

public abstract record AfleverUitkomst
{
    private AfleverUitkomst() { }

    public static AfleverUitkomst Geslaagd { get; } = new Afgeleverd();

    public sealed record Afgeleverd : AfleverUitkomst;

    /// <summary>A transient failure (timeout, 5xx, 408, 429, circuit open): the row is retried with backoff.</summary>
    public sealed record LaterOpnieuw(string Reden) : AfleverUitkomst;

    /// <summary>The receiver refused for good (4xx other than 408/429): no retry, visible and re-drivable.</summary>
    public sealed record Onbestelbaar(string Reden) : AfleverUitkomst;
}

/// <summary>Queues a callback that has no hulpvraag change with it (an OSO refusal: "Geweigerd").</summary>
public interface ICallbackWachtrij
{
    Task VoegToeAsync(CallbackOpdracht callback, CancellationToken cancellationToken);
}
