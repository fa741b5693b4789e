using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;

namespace Hulpvraag.Core.Ports;

/// <summary>
/// The store the core needs. A <see cref="HulpvraagMutatie"/> is applied in ONE transaction: the row, its new
/// attachments, history entries, callback rows and the ontvangst/audit entries together, or nothing.
/// </summary>
public interface IHulpvraagStore
{
    Task<Model.Hulpvraag?> FindByBronAsync(BronSleutel sleutel, CancellationToken cancellationToken);

    Task<Model.Hulpvraag?> FindByDossiernummerAsync(long dossiernummer, CancellationToken cancellationToken);

    /// <summary>Creates (when <see cref="HulpvraagMutatie.VerwachteVersie"/> is null) or updates with optimistic concurrency.</summary>
    Task<OpslagUitkomst> OpslaanAsync(HulpvraagMutatie mutatie, CancellationToken cancellationToken);

    /// <summary>Records a refused request: the only trace a refusal leaves (no hulpvraag, no attachment).</summary>
    Task RegistreerOntvangstAsync(OntvangstRegel regel, CancellationToken cancellationToken);
}

public sealed record HulpvraagMutatie
{
    /// <summary>The complete new state. On create its Dossiernummer is ignored: the store issues one.</summary>
    public required Model.Hulpvraag NieuweStaat { get; init; }

    public int? VerwachteVersie { get; init; }
    public IReadOnlyList<NieuweBijlage> NieuweBijlagen { get; init; } = [];
    public IReadOnlyList<StatusHistorieItem> NieuweHistorie { get; init; } = [];
    public IReadOnlyList<CallbackOpdracht> Callbacks { get; init; } = [];
    public OntvangstRegel? Ontvangst { get; init; }
    public AuditRegel? Audit { get; init; }
}

public sealed record NieuweBijlage(BijlageInfo Info, IBijlageInhoud Inhoud);

public abstract record OpslagUitkomst
{
    private OpslagUitkomst() { }

    public sealed record Opgeslagen(Model.Hulpvraag Hulpvraag) : OpslagUitkomst;

    /// <summary>Someone else created the same (systeem, brin, referentie) or changed the version first.</summary>
    public sealed record Conflict : OpslagUitkomst;
}

public static class CallbackSoorten
{
    public const string Ontvangen = "ontvangen";
    public const string Statuswijziging = "statuswijziging";
    public const string Geweigerd = "geweigerd";
}

/// <summary>
/// One status callback to the source system, self-contained so it can also report a refusal that left no hulpvraag.
/// <see cref="Dossiernummer"/> is filled by the store on create.
/// </summary>
public sealed record CallbackOpdracht
{
    public required Guid GebeurtenisId { get; init; }
    public required string Soort { get; init; }
    public required string Systeem { get; init; }
    /// <summary>
    /// The <see cref="Bron.Koppelsleutel"/> the callback goes back through. Kept as "kanaal" in the JSON payload, the name
    /// delivery rows written before the rename carry.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("kanaal")]
    public string? Koppelsleutel { get; init; }
    public required string Referentie { get; init; }
    public required string Brin { get; init; }
    public required string Vestiging { get; init; }
    public long? Dossiernummer { get; init; }
    public string? StatusCode { get; init; }
    public string? Weergave { get; init; }
    public string? Kwalificatie { get; init; }
    public string? Toelichting { get; init; }
    public string? Foutcode { get; init; }
    public required DateTimeOffset GewijzigdOp { get; init; }

    /// <summary>Callbacks that share this key are delivered in the order they were written.</summary>
    public string VolgordeSleutel => $"{Systeem}:{Brin}:{Referentie}";
}

public static class OntvangstUitkomsten
{
    public const string Aangemaakt = "aangemaakt";
    public const string Bijgewerkt = "bijgewerkt";
    public const string Ongewijzigd = "ongewijzigd";
    public const string Geweigerd = "geweigerd";
}

/// <summary>What arrived from a school and what became of it: the helpdesk's answer to "is mijn hulpvraag aangekomen?". No pupil data.</summary>
public sealed record OntvangstRegel(
    DateTimeOffset Op,
    string Systeem,
    string? Brin,
    string? Vestiging,
    string? Referentie,
    string Uitkomst,
    long? Dossiernummer,
    string? Foutcode,
    string? Melding);

/// <summary>Who did what to which subject; never pupil data in <see cref="Details"/>.</summary>
public sealed record AuditRegel(DateTimeOffset Op, string Actor, string Actie, string Onderwerp, string? Details);
