using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Gateway.Application;

/// <summary>
/// The helpdesk's "koppeling activeren": register, rotate and revoke a school's Esis verification code. The rules
/// (code rules, callback-URL rules, e-mail rule) and the audit entry in the same transaction live in
/// <see cref="RegistratieService"/>; this adds who may.
/// </summary>
public sealed class EsisRegistratieBeheer(RegistratieService registraties)
{
    public async Task<Result<NieuweRegistratie>> RegistreerAsync(RegistratieVerzoek verzoek, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Helpdesk)
            ? await registraties.RegistreerAsync(verzoek, actor.Naam, cancellationToken)
            : Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);

    /// <summary>Rotation: the new code is valid at once, the old one until <paramref name="oudeGeldigTot"/> (default: Esis:RotatieOverlap).</summary>
    public async Task<Result<RegistratieOverzicht>> VervangAsync(
        Guid id, string? nieuweCode, DateTimeOffset? oudeGeldigTot, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Helpdesk)
            ? await registraties.VervangAsync(id, nieuweCode, oudeGeldigTot, actor.Naam, cancellationToken)
            : Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);

    public async Task<Result<RegistratieOverzicht>> TrekInAsync(Guid id, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Helpdesk)
            ? await registraties.TrekInAsync(id, actor.Naam, cancellationToken)
            : Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);

    /// <summary>Never with codes or secrets. <paramref name="brin"/>: BRIN (4) or null for all.</summary>
    public async Task<Result<IReadOnlyList<RegistratieOverzicht>>> LijstAsync(string? brin, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        var b = string.IsNullOrWhiteSpace(brin) ? null : brin.Trim().ToUpperInvariant();
        if (b is not null && !Core.Intake.AanvraagValidatie.IsBrin(b))
        {
            return Weigeringen.VeldOngeldig("brin", $"'{Zoekvragen.Kort(b)}' is geen BRIN-nummer; gebruik twee cijfers en twee hoofdletters, bijvoorbeeld 12AB.");
        }

        return Result<IReadOnlyList<RegistratieOverzicht>>.Ok(await registraties.LijstAsync(b, cancellationToken));
    }
}
