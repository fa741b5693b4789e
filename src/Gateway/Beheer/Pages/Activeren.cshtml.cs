using Hulpvraag.Gateway.Beheer.Aanmelding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>The one-time activation link: password plus TOTP enrolment (the secret as QR code and as text).</summary>
public sealed class ActiverenModel(GebruikerService gebruikers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public Activatie? Activatie { get; private set; }

    public string? Fout { get; private set; }

    public bool Klaar { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await gebruikers.BeginActivatieAsync(Token, ct);
        Activatie = r.Value;
        if (!r.IsSuccess)
        {
            Fout = r.Fouten[0].Melding;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? wachtwoord, string? herhaling, string? code, CancellationToken ct)
    {
        var r = await gebruikers.ActiveerAsync(Token, wachtwoord, herhaling, code, ct);
        if (r.IsSuccess)
        {
            Klaar = true;
            return Page();
        }

        Fout = r.Fouten[0].Melding;
        // The same enrolment stays on screen, so the person can simply try the next code.
        Activatie = await gebruikers.LopendeActivatieAsync(Token, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
