using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.Esis.Registraties;

/// <summary>One school location's link with one Esis environment, as stored: hashes and an encrypted secret only.</summary>
public sealed record EsisRegistratie
{
    public required Guid Id { get; init; }
    public required string Brin { get; init; }
    public required string Vestiging { get; init; }
    public string Brin6 => Brin + Vestiging;
    public required string Omgeving { get; init; }
    public required string CodeHash { get; init; }
    public required int CodeSleutelversie { get; init; }
    public string? OudeCodeHash { get; init; }
    public int? OudeCodeSleutelversie { get; init; }
    public DateTimeOffset? OudeCodeGeldigTot { get; init; }
    public required string CallbackUrl { get; init; }
    public required string CallbackSecretVersleuteld { get; init; }
    public string? ContactEmail { get; init; }
    public required DateTimeOffset AangemaaktOp { get; init; }
    public DateTimeOffset? LaatstGebruiktOp { get; init; }
    public DateTimeOffset? IngetrokkenOp { get; init; }
}

/// <summary>The store of Esis registrations; the Gateway implements it with Dapper. Every write carries its audit entry.</summary>
public interface IEsisRegistraties
{
    Task<IReadOnlyList<EsisRegistratie>> ActiefVoorBrin6Async(string brin6, CancellationToken cancellationToken);

    Task<EsisRegistratie?> VindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<EsisRegistratie>> LijstAsync(string? brin, CancellationToken cancellationToken);

    /// <summary>False when an active registration for the same BRIN6 and environment exists (unique index).</summary>
    Task<bool> VoegToeAsync(EsisRegistratie registratie, AuditRegel audit, CancellationToken cancellationToken);

    Task<bool> VervangCodeAsync(Guid id, string nieuweHash, int nieuweVersie, string oudeHash, int oudeVersie, DateTimeOffset oudeGeldigTot, AuditRegel audit, CancellationToken cancellationToken);

    Task<bool> TrekInAsync(Guid id, DateTimeOffset op, AuditRegel audit, CancellationToken cancellationToken);

    Task RegistreerGebruikAsync(Guid id, DateTimeOffset op, CancellationToken cancellationToken);
}
