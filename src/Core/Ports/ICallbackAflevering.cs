using System.Text.Json;

namespace Hulpvraag.Core.Ports;

/// <summary>
/// The outbox's channels. A delivery row names its channel; each channel has one deliverer (<see cref="IAflevering"/>)
/// registered in DI. The outbox itself knows nothing of source systems.
/// </summary>
public static class AfleverKanalen
{
    public const string EsisCallback = "esis-callback";
    public const string OsoTerugkoppeling = "oso-terugkoppeling";
    public const string Email = "email";

    /// <summary>The channel a status callback of a source system travels through.</summary>
    public static string VoorCallback(string systeem) =>
        systeem == Model.BronSystemen.ParnasSys ? OsoTerugkoppeling : EsisCallback;
}

/// <summary>
/// One claimed delivery row: the channel, the hulpvraag it belongs to, its destination key (one circuit breaker and one
/// slow-delivery limit per destination) and its payload as the channel wrote it (JSON).
/// </summary>
public sealed record Aflevering(
    long Id,
    Guid GebeurtenisId,
    string Kanaal,
    long? Dossiernummer,
    string Bestemming,
    string Payload,
    int Pogingen,
    DateTimeOffset AangemaaktOp);

/// <summary>Delivers the rows of one channel. The outbox dispatcher picks it by <see cref="Kanaal"/>.</summary>
public interface IAflevering
{
    string Kanaal { get; }

    Task<AfleverUitkomst> AfleverenAsync(Aflevering aflevering, CancellationToken cancellationToken);
}

/// <summary>A channel whose payload is a status callback (<see cref="CallbackOpdracht"/>): the Esis callback, the OSO terugkoppeling.</summary>
public interface ICallbackAflevering : IAflevering
{
    Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken);

    Task<AfleverUitkomst> IAflevering.AfleverenAsync(Aflevering aflevering, CancellationToken cancellationToken) =>
        AfleverenAsync(CallbackPayload.Lees(aflevering.Payload), cancellationToken);
}

/// <summary>The JSON form of a callback in a delivery row (camelCase, as the V5 migration writes the rows it carried over).</summary>
public static class CallbackPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Schrijf(CallbackOpdracht callback) => JsonSerializer.Serialize(callback, Json);

    public static CallbackOpdracht Lees(string payload) =>
        JsonSerializer.Deserialize<CallbackOpdracht>(payload, Json) ?? throw new JsonException("Empty callback payload.");
}

/// <summary>
/// What one attempt learnt about where a delivery went and what the receiver said (the e-mail channel: recipient and SMTP
/// answer). The outbox writes it in the same statement as the attempt's outcome, so it costs no round trip of its own.
/// </summary>
public sealed record AfleverPoging(string? Ontvanger, string? Antwoord);

public abstract record AfleverUitkomst
{
    private AfleverUitkomst() { }

    /// <summary>Recorded with the outcome when the channel has something to say about this attempt; null leaves the row's record as it was.</summary>
    public AfleverPoging? Poging { get; init; }

    public static AfleverUitkomst Geslaagd { get; } = new Afgeleverd();

    public sealed record Afgeleverd : AfleverUitkomst;

    /// <summary>A transient failure (timeout, 5xx, 408, 429, circuit open): the row is retried with backoff.</summary>
    public sealed record LaterOpnieuw(string Reden) : AfleverUitkomst;

    /// <summary>The receiver refused for good (4xx other than 408/429): no retry, visible and re-drivable.</summary>
    public sealed record Onbestelbaar(string Reden) : AfleverUitkomst;

    /// <summary>Deliberately not delivered (an e-mail address that opted out): final, recorded as such.</summary>
    public sealed record Overgeslagen(string Reden) : AfleverUitkomst;
}

/// <summary>Queues a callback that has no hulpvraag change with it (an OSO refusal: "Geweigerd").</summary>
public interface ICallbackWachtrij
{
    Task VoegToeAsync(CallbackOpdracht callback, CancellationToken cancellationToken);
}
