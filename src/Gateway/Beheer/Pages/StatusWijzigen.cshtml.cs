using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Beheer.Lijsten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>
/// "Status wijzigen" through the same application service as <c>POST /admin/v1/hulpvragen/{n}/status</c>
/// (<see cref="StatusBeheer"/>): its role check, rules and refusals, its history entry, callback row and audit entry in
/// one transaction, with the signed-in person as actor. The form's versie is the expected
/// version, so a change made meanwhile by someone else is refused, never overwritten.
/// </summary>
[Authorize(Policy = BeheerAuthenticatie.Policies.Backoffice)]
public sealed class StatusWijzigenModel(IHulpvraagStore store, StatusBeheer statussen) : PageModel
{
    public Core.Model.Hulpvraag? Hulpvraag { get; private set; }

    public StatusFormulier? Formulier { get; private set; }

    public async Task<IActionResult> OnGetAsync(long dossiernummer, CancellationToken ct)
    {
        Hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, ct);
        if (Hulpvraag is null)
        {
            return NotFound();
        }

        Formulier = StatusFormulier.Voor(Hulpvraag);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long dossiernummer, string? status, string? kwalificatie, string? toelichting, int? versie, CancellationToken ct)
    {
        var (code, heropenen) = StatusKeuze.Lees(status);
        if (string.IsNullOrWhiteSpace(code) || versie is null)
        {
            return BadRequest();
        }

        var r = await statussen.WijzigAsync(dossiernummer,
            new StatusWijziging(code, kwalificatie, toelichting, versie, heropenen), new PersoonActor(User), ct);
        if (r.IsSuccess)
        {
            return Redirect($"/beheer/hulpvragen/{dossiernummer}?gewijzigd=1");
        }

        Hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, ct);
        if (Hulpvraag is null)
        {
            return NotFound();
        }

        var fout = r.Fouten[0];
        var verouderd = fout.Code == FoutCodes.VersieVerouderd;
        Formulier = StatusFormulier.Voor(Hulpvraag) with
        {
            Fout = verouderd
                ? $"Iemand anders heeft deze hulpvraag intussen gewijzigd; de status is nu '{Weergave.Status(Hulpvraag.Status.Code, Hulpvraag.Status.Kwalificatie)}'. " +
                  "Uw wijziging is niet opgeslagen. Bekijk de nieuwe stand en kies opnieuw."
                : $"{fout.Melding} ({fout.Code})",
            // After a refused rule the person's input stays; after someone else's change they must look first.
            GekozenStatus = verouderd ? null : status,
            Kwalificatie = verouderd ? null : kwalificatie,
            Toelichting = verouderd ? null : toelichting,
        };
        Response.StatusCode = verouderd ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
