namespace Hulpvraag.Gateway.Werkwachtrij;

/// <summary>
/// How one leased work queue runs. Every queue (outbox, OSO pull, later retention) is the same loop with its own
/// figures; the queue's options class (Callbacks:*, Oso:Fetch*) is validated at start-up and fills one of these.
/// </summary>
public sealed record WerkWachtrijOpties
{
    /// <summary>Name in logs and metrics.</summary>
    public required string Naam { get; init; }

    public int BatchSize { get; init; } = 100;

    public int MaxParallel { get; init; } = 16;

    /// <summary>How long a claimed item stays with this instance; longer than one attempt, so a live attempt keeps it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An item still failing this long after it started waiting is dead.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// An attempt without an outcome after this long gives its slot back while it runs on; null: never (every attempt
    /// holds its slot to the end).
    /// </summary>
    public TimeSpan? TraagNa { get; init; }

    /// <summary>Slow attempts one destination may have running before it gets no new items.</summary>
    public int MaxTragePerBestemming { get; init; } = 4;

    public bool Aan { get; init; } = true;
}
