using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>OSO: failing notificaties with re-drive (the admin API's own store call and audit entry), mandates and endpoints.</summary>
[Authorize(Policy = BeheerAuthenticatie.Policies.Helpdesk)]
public sealed class OsoModel(BeheerStore beheer, OsoRegisterStore register, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificatieOverzicht> Mislukt { get; private set; } = [];

    public IReadOnlyList<OsoMandaat> Mandaten { get; private set; } = [];

    public IReadOnlyList<OsoEndpoint> Endpoints { get; private set; } = [];

    public string? Melding { get; private set; }

    public async Task OnGetAsync(string? opnieuw, CancellationToken ct)
    {
        Melding = opnieuw switch
        {
            null => null,
            "0" => "Deze notificatie kon niet opnieuw worden ingepland (niet mislukt of al opgepakt).",
            _ => "De notificatie is opnieuw ingepland; de gateway haalt het dossier nu opnieuw op.",
        };
        Mislukt = [.. await beheer.NotificatiesAsync("mislukt", null, null, ct), .. await beheer.NotificatiesAsync("geweigerd", null, null, ct)];
        Mandaten = await register.MandatenAsync(ct);
        Endpoints = await register.EndpointsAsync(ct);
    }

    public async Task<IActionResult> OnPostOpnieuwAsync(string koppelsleutel, CancellationToken ct)
    {
        var sleutel = koppelsleutel.Trim().ToUpperInvariant();
        var ok = sleutel.Length is > 0 and <= 100 && await beheer.NotificatieOpnieuwAsync(sleutel,
            new AuditRegel(clock.GetUtcNow(), BeheerAuthenticatie.Actor(User), "oso.notificatie.opnieuw", $"notificatie:{sleutel}", null), ct);
        return Redirect($"/beheer/oso?opnieuw={(ok ? 1 : 0)}");
    }
}
