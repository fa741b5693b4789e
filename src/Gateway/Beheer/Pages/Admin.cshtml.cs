using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Audit;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>Admin only: people (create → activation link, deactivate, reset TOTP), API keys (shown once, revoke), audit trail.</summary>
[Authorize(Policy = BeheerAuthenticatie.Policies.Admin)]
public sealed class AdminModel(
    GebruikerService gebruikers, ApiKeyStore sleutels, BeheerStore beheer, AuditStore auditStore, AuditVerificatie verificatie, TimeProvider clock) : PageModel
{
    public DateTimeOffset Nu { get; } = clock.GetUtcNow();

    public IReadOnlyList<Gebruiker> Personen { get; private set; } = [];

    public IReadOnlyList<ApiSleutelInfo> Sleutels { get; private set; } = [];

    public IReadOnlyList<AuditRegel> Audit { get; private set; } = [];

    /// <summary>Shown once: the activation link of a new or reset account.</summary>
    public NieuweGebruiker? Activatie { get; private set; }

    /// <summary>Shown once: a new API key.</summary>
    public string? NieuweSleutel { get; private set; }

    public string? Fout { get; private set; }

    public string? Onderwerp { get; private set; }

    /// <summary>The chain's head (number and hash): what an auditor writes down to compare later.</summary>
    public AuditKetenKop? Kop { get; private set; }

    /// <summary>The full walk of the chain, only on request ("Auditketen controleren"): it reads every entry.</summary>
    public AuditVerificatieUitkomst? Controle { get; private set; }

    public async Task OnGetAsync(string? onderwerp, int? controleer, CancellationToken ct)
    {
        Onderwerp = string.IsNullOrWhiteSpace(onderwerp) ? null : onderwerp.Trim();
        if (controleer == 1)
        {
            Controle = await verificatie.ControleerAsync(ct);
        }

        await LaadAsync(ct);
    }

    public async Task<IActionResult> OnPostPersoonAsync(string? email, string? naam, string? rol, CancellationToken ct)
    {
        var r = await gebruikers.MaakAsync(email, naam, rol, BeheerAuthenticatie.Actor(User), ct);
        Activatie = r.Value;
        Fout = r.IsSuccess ? null : $"{r.Fouten[0].Melding} ({r.Fouten[0].Code})";
        return await ToonAsync(ct);
    }

    public async Task<IActionResult> OnPostDeactiveerAsync(string id, CancellationToken ct)
    {
        var r = await gebruikers.DeactiveerAsync(id, BeheerAuthenticatie.Actor(User), ct);
        Fout = r.IsSuccess ? null : r.Fouten[0].Melding;
        return await ToonAsync(ct);
    }

    public async Task<IActionResult> OnPostResetTotpAsync(string id, CancellationToken ct)
    {
        var r = await gebruikers.ResetTotpAsync(id, BeheerAuthenticatie.Actor(User), ct);
        Activatie = r.Value;
        Fout = r.IsSuccess ? null : r.Fouten[0].Melding;
        return await ToonAsync(ct);
    }

    public async Task<IActionResult> OnPostSleutelAsync(string? naam, string? rol, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(naam) || naam.Length > 100 || rol is null || !Rollen.Alle.Contains(rol))
        {
            Fout = "Geef de sleutel een naam (hoogstens 100 tekens) en kies een rol.";
            return await ToonAsync(ct);
        }

        NieuweSleutel = (await sleutels.MaakAsync(naam.Trim(), rol, BeheerAuthenticatie.Actor(User), ct)).Sleutel;
        return await ToonAsync(ct);
    }

    public async Task<IActionResult> OnPostIntrekkenAsync(string id, CancellationToken ct)
    {
        Fout = await sleutels.TrekInAsync(id, BeheerAuthenticatie.Actor(User), ct) ? null : "Geen actieve sleutel met dit id.";
        return await ToonAsync(ct);
    }

    private async Task<IActionResult> ToonAsync(CancellationToken ct)
    {
        if (Fout is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LaadAsync(ct);
        return Page();
    }

    private async Task LaadAsync(CancellationToken ct)
    {
        Personen = await gebruikers.LijstAsync(ct);
        Sleutels = await sleutels.LijstAsync(ct);
        Audit = await beheer.AuditAsync(null, Onderwerp, 200, ct);
        Kop = Controle?.Kop ?? await auditStore.KopAsync(ct);
    }
}
