using System.Globalization;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>
/// The School page's other forms: the personeelswissel (backoffice) and the OSO mandate and endpoints (helpdesk). Each
/// goes through the application service the admin API uses, so rules, refusals and the audit entry are the same.
/// </summary>
public sealed partial class SchoolModel
{
    /// <summary>The personeelswissel form: backoffice and admin.</summary>
    public bool MagWisselen { get; private set; }

    public async Task<IActionResult> OnPostPersoneelswisselAsync(
        string school, string? vestiging, string? naam, string? email, string? telefoon, string? functie, string? vervangtEmail, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        var wissel = new ContactpersoonWissel(naam, email, telefoon, functie, vervangtEmail);
        var r = await contactpersonen.WisselAsync(Brin, vestiging ?? Vestiging ?? "", wissel, new PersoonActor(User), ct);
        return r.IsSuccess
            ? Redirect($"/beheer/scholen/{school}?melding=gewisseld&aantal={r.Value}")
            : await WeigeringAsync(r.Fouten, ct);
    }

    public async Task<IActionResult> OnPostMandaatAsync(
        string school, string? leverancierOin, string? leverancierNaam, DateOnly? geldigVanaf, DateOnly? geldigTot, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        var gegevens = new MandaatGegevens(leverancierOin, leverancierNaam,
            geldigVanaf is { } v ? Weergave.BeginVanDag(v) : null, geldigTot is { } t ? Weergave.BeginVanDag(t) : null);
        var r = await osoBeheer.ZetMandaatAsync(Brin, gegevens, new PersoonActor(User), ct);
        return r.IsSuccess ? Redirect($"/beheer/scholen/{school}?melding=mandaat") : await WeigeringAsync(r.Fouten, ct);
    }

    public async Task<IActionResult> OnPostMandaatVerwijderenAsync(string school, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        var r = await osoBeheer.VerwijderMandaatAsync(Brin, new PersoonActor(User), ct);
        return r.IsSuccess ? Redirect($"/beheer/scholen/{school}?melding=mandaat-verwijderd") : await WeigeringAsync(r.Fouten, ct);
    }

    public async Task<IActionResult> OnPostEndpointAsync(string school, string? routeringsKenmerk, string? url, string? leverancierOin, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        var r = await osoBeheer.ZetEndpointAsync(routeringsKenmerk ?? "", new EndpointGegevens(Brin, url, leverancierOin), new PersoonActor(User), ct);
        return r.IsSuccess ? Redirect($"/beheer/scholen/{school}?melding=endpoint") : await WeigeringAsync(r.Fouten, ct);
    }

    public async Task<IActionResult> OnPostEndpointVerwijderenAsync(string school, string? routeringsKenmerk, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        // Only this school's endpoints can be removed from its page; the service decides who may.
        var eigen = (await oso.EndpointsAsync(ct)).Any(e => e.Brin == Brin && e.RouteringsKenmerk == routeringsKenmerk);
        var r = eigen || !await MagAsync()
            ? await osoBeheer.VerwijderEndpointAsync(routeringsKenmerk ?? "", new PersoonActor(User), ct)
            : Weigeringen.NietGevonden("routeringsKenmerk", $"Dit endpoint hoort niet bij school {Brin}.");
        return r.IsSuccess ? Redirect($"/beheer/scholen/{school}?melding=endpoint-verwijderd") : await WeigeringAsync(r.Fouten, ct);
    }

    private static string? FormulierMelding(string? melding, int? aantal) => melding switch
    {
        "gewisseld" => aantal == 1
            ? "De nieuwe contactpersoon staat nu bij 1 open hulpvraag."
            : $"De nieuwe contactpersoon staat nu bij {(aantal ?? 0).ToString(CultureInfo.InvariantCulture)} open hulpvragen.",
        "mandaat" => "Het OSO-mandaat is opgeslagen.",
        "mandaat-verwijderd" => "Het OSO-mandaat is verwijderd; OSO-berichten van deze school worden nu geweigerd.",
        "endpoint" => "Het OSO-endpoint is opgeslagen.",
        "endpoint-verwijderd" => "Het OSO-endpoint is verwijderd.",
        _ => null,
    };

    /// <summary>A refusal from the service: 403 page when the role is missing, otherwise the page with the coded texts.</summary>
    private async Task<IActionResult> WeigeringAsync(IReadOnlyList<Fout> fouten, CancellationToken ct)
    {
        if (fouten.Any(f => f.Code == FoutCodes.GeenToegang))
        {
            return Forbid(BeheerAuthenticatie.Scheme);
        }

        Fouten = fouten.Select(f => $"{f.Melding} ({f.Code})").ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LaadAsync(ct);
        return Page();
    }
}
