using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Velden;

namespace Hulpvraag.Gateway.Application;

/// <summary>A status change as the back office asks for it (admin API body, helpdesk form, CLI).</summary>
public sealed record StatusWijziging(string? Status, string? Kwalificatie, string? Toelichting, int? VerwachteVersie, bool Heropenen = false);

/// <summary>
/// The back office's status change: role, field limits, then the core rules (<see cref="StatusService"/>), which write
/// the new state, its history entry, its callback and its audit entry in one transaction.
/// </summary>
public sealed class StatusBeheer(StatusService status)
{
    public async Task<Result<Core.Model.Hulpvraag>> WijzigAsync(
        long dossiernummer, StatusWijziging wijziging, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Backoffice))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Backoffice);
        }

        if (string.IsNullOrWhiteSpace(wijziging.Status))
        {
            return Weigeringen.VeldOntbreekt("status", "Geef de nieuwe status op.");
        }

        var fouten = new List<Fout>();
        if (VeldRegels.Tekst(wijziging.Status, "status", VeldRegels.MaxStatus) is { } s)
        {
            fouten.Add(s);
        }

        if (VeldRegels.Tekst(wijziging.Kwalificatie, "kwalificatie", VeldRegels.MaxKwalificatie) is { } k)
        {
            fouten.Add(k);
        }

        if (VeldRegels.Tekst(wijziging.Toelichting, "toelichting", VeldRegels.MaxToelichting, meerdereRegels: true) is { } t)
        {
            fouten.Add(t);
        }

        if (fouten.Count > 0)
        {
            return Result<Core.Model.Hulpvraag>.Fail(fouten);
        }

        return await status.WijzigAsync(dossiernummer,
            new StatusWijzigingVerzoek(wijziging.Status.Trim(), wijziging.Kwalificatie, wijziging.Toelichting, wijziging.Heropenen, wijziging.VerwachteVersie),
            actor.Naam, cancellationToken);
    }
}
