using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>Everything about one hulpvraag; the status form only for backoffice and admin.</summary>
public sealed class HulpvraagModel(IHulpvraagStore store, BeheerLeveringStore leveringen, BeheerStore beheer, EmailStore emails, IAuthorizationService autorisatie) : PageModel
{
    public Core.Model.Hulpvraag? Hulpvraag { get; private set; }

    public IReadOnlyList<Levering> Leveringen { get; private set; } = [];

    public IReadOnlyList<AuditRegel> Audit { get; private set; } = [];

    /// <summary>The status e-mails to the school's contact person (the address itself stays out of this list).</summary>
    public IReadOnlyList<EmailOverzicht> Emails { get; private set; } = [];

    public bool MagStatusWijzigen { get; private set; }

    public bool Gewijzigd { get; private set; }

    public StatusFormulier? Formulier { get; private set; }

    public async Task<IActionResult> OnGetAsync(long dossiernummer, int? gewijzigd, CancellationToken ct)
    {
        Hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, ct);
        if (Hulpvraag is null)
        {
            return NotFound();
        }

        Gewijzigd = gewijzigd == 1;
        Leveringen = await leveringen.VanHulpvraagAsync(dossiernummer, ct);
        Emails = await emails.ZoekAsync(null, dossiernummer, null, 200, ct);
        Audit = await beheer.AuditAsync(null, $"hulpvraag:{dossiernummer}", 200, ct);
        MagStatusWijzigen = (await autorisatie.AuthorizeAsync(User, BeheerAuthenticatie.Policies.Backoffice)).Succeeded;
        Formulier = StatusFormulier.Voor(Hulpvraag);
        return Page();
    }

    public static bool KanInline(string contentType) =>
        contentType.StartsWith("application/pdf", StringComparison.Ordinal) || contentType.StartsWith("image/", StringComparison.Ordinal)
        || contentType.StartsWith("text/plain", StringComparison.Ordinal);
}
