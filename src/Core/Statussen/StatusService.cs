using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Logboek;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Core.Statussen;

public sealed record StatusWijzigingVerzoek(
    string Status,
    string? Kwalificatie,
    string? Toelichting,
    bool Heropenen,
    int? VerwachteVersie);

/// <summary>
/// A status change: the rules, a history entry and exactly one callback row, written by the store in the same
/// transaction as the change, guarded by the version (optimistic concurrency).
/// </summary>
public sealed class StatusService(IHulpvraagStore store, TimeProvider clock, ILogger<StatusService> logger)
{
    public async Task<Result<Model.Hulpvraag>> WijzigAsync(
        long dossiernummer, StatusWijzigingVerzoek verzoek, string door, CancellationToken cancellationToken)
    {
        var resultaat = await WijzigZonderLogAsync(dossiernummer, verzoek, door, cancellationToken);
        if (resultaat.IsSuccess)
        {
            var h = resultaat.Value!;
            IntakeLog.StatusGewijzigd(logger, h.Dossiernummer, h.Bron.Systeem, IntakeLog.Brin6(h.Bron.Brin, h.Bron.Vestiging),
                h.StatusHistorie.Count > 0 ? h.StatusHistorie[^1].Van : null, h.Status.Code, IntakeLog.DoorSoort(door));
        }
        else
        {
            IntakeLog.StatusGeweigerd(logger, dossiernummer, resultaat.Code!);
        }

        return resultaat;
    }

    private async Task<Result<Model.Hulpvraag>> WijzigZonderLogAsync(
        long dossiernummer, StatusWijzigingVerzoek verzoek, string door, CancellationToken cancellationToken)
    {
        var hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, cancellationToken);
        if (hulpvraag is null)
        {
            return new Fout(FoutCodes.DossierOnbekend, "dossiernummer", $"Er is geen hulpvraag met dossiernummer {dossiernummer}.");
        }

        if (verzoek.VerwachteVersie is { } verwacht && verwacht != hulpvraag.Versie)
        {
            return Verouderd(hulpvraag.Versie);
        }

        // A kwalificatie only exists for statuses with a bracket part ("Doorzetten [functie]").
        var kwalificatie = StatusCatalogus.ZoekOpCode(verzoek.Status)?.HeeftKwalificatie == true ? Schoon(verzoek.Kwalificatie) : null;
        var toelichting = Schoon(verzoek.Toelichting);
        var groep = Titels.TitelCatalogus.ZoekOpCode(hulpvraag.Titel)?.Groep;
        var fout = StatusRegels.Controleer(new StatusOvergang(
            hulpvraag.Status.Code, verzoek.Status, groep, kwalificatie, toelichting, verzoek.Heropenen)
        {
            VanKwalificatie = hulpvraag.Status.Kwalificatie,
            VanToelichting = hulpvraag.Status.Toelichting,
        });
        if (fout is not null)
        {
            return fout;
        }

        var nu = clock.GetUtcNow();
        var status = new StatusInfo(verzoek.Status, kwalificatie, toelichting, nu);
        var item = new StatusHistorieItem(hulpvraag.Status.Code, status.Code, kwalificatie, toelichting, door, nu);
        var staat = hulpvraag with
        {
            Status = status,
            StatusHistorie = [.. hulpvraag.StatusHistorie, item],
            Versie = hulpvraag.Versie + 1,
            BijgewerktOp = nu,
        };
        var mutatie = new HulpvraagMutatie
        {
            NieuweStaat = staat,
            VerwachteVersie = hulpvraag.Versie,
            NieuweHistorie = [item],
            Callbacks = [IntakeService.Callback(staat, CallbackSoorten.Statuswijziging, status, nu)],
            Audit = new AuditRegel(nu, door, verzoek.Heropenen ? "status.heropenen" : "status.wijzigen",
                $"hulpvraag:{dossiernummer}", $"{hulpvraag.Status.Code} -> {status.Code}"),
        };

        return await store.OpslaanAsync(mutatie, cancellationToken) switch
        {
            OpslagUitkomst.Opgeslagen o => Result<Model.Hulpvraag>.Ok(o.Hulpvraag),
            _ => Verouderd(null),
        };
    }

    private static Fout Verouderd(int? huidig) => new(FoutCodes.VersieVerouderd, "verwachteVersie",
        huidig is null
            ? "De hulpvraag is intussen door iemand anders gewijzigd. Laad de hulpvraag opnieuw en probeer het nog eens."
            : $"De hulpvraag is intussen gewijzigd (huidige versie {huidig}). Laad de hulpvraag opnieuw en probeer het nog eens.");

    private static string? Schoon(string? waarde) => string.IsNullOrWhiteSpace(waarde) ? null : waarde.Trim();
}
