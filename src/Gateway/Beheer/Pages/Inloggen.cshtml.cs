using Hulpvraag.Gateway.Beheer.Aanmelding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>E-mail, password and the 6-digit code; or the organisation's own IdP when OpenID Connect is configured.</summary>
public sealed class InloggenModel(GebruikerService gebruikers, IOptions<BeheerOptions> options, TimeProvider clock) : PageModel
{
    public bool LokaleAccounts => options.Value.LokaleAccounts;

    public string? OidcNaam => options.Value.Oidc.IsIngesteld ? options.Value.Oidc.Weergavenaam : null;

    public string? Fout { get; private set; }

    public string? Email { get; private set; }

    public bool Uitgelogd { get; private set; }

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? Terug { get; set; }

    public void OnGet(int? uitgelogd) => Uitgelogd = uitgelogd == 1;

    public async Task<IActionResult> OnPostAsync(string? email, string? wachtwoord, string? code, CancellationToken ct)
    {
        if (!LokaleAccounts)
        {
            return NotFound();
        }

        Email = email;
        var adres = HttpContext.Connection.RemoteIpAddress?.ToString();
        var r = await gebruikers.MeldAanAsync(email, wachtwoord, code, adres, ct);
        if (!r.IsSuccess)
        {
            Fout = r.Fouten[0].Melding;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var g = r.Value!;
        var principal = BeheerAuthenticatie.Principal(g.Id, g.Naam, g.Email, [g.Rol], BeheerAuthenticatie.BronLokaal, g.SessieVersie, clock.GetUtcNow());
        await HttpContext.SignInAsync(BeheerAuthenticatie.Scheme, principal);
        return LocalRedirect(Terugpad(Terug));
    }

    public IActionResult OnPostOidc() => OidcNaam is null
        ? NotFound()
        : Challenge(new AuthenticationProperties { RedirectUri = "/beheer/aangemeld?terug=" + Uri.EscapeDataString(Terugpad(Terug)) }, BeheerOidc.Scheme);

    /// <summary>Only a path inside /beheer is followed after sign-in; anything else goes to the Overzicht.</summary>
    public static string Terugpad(string? terug) =>
        terug is { Length: > 0 and < 500 } t && t.StartsWith("/beheer", StringComparison.Ordinal) && !t.StartsWith("//", StringComparison.Ordinal)
            && !t.Contains('\\', StringComparison.Ordinal)
            ? t
            : "/beheer";
}
