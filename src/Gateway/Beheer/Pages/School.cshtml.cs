using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Beheer.Lijsten;
using Hulpvraag.Gateway.Limieten;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>
/// One school (BRIN, or BRIN6 for one location): its Esis registrations, OSO mandate and endpoints, and the diagnose
/// timeline. Writes (helpdesk, admin) go through the same services as the admin API.
/// </summary>
public sealed partial class SchoolModel(
    RegistratieService registraties, BeheerStore beheer, OutboxStore outbox, OsoRegisterStore oso, BlokkadeBeheer blokkades,
    OsoRegisterBeheer osoBeheer, ContactpersoonBeheer contactpersonen, EmailStore emails,
    IAuthorizationService autorisatie, TimeProvider clock) : PageModel
{
    public string Brin { get; private set; } = "";

    public string? Vestiging { get; private set; }

    public bool MagSchrijven { get; private set; }

    public IReadOnlyList<RegistratieOverzicht> Registraties { get; private set; } = [];

    public OsoMandaat? Mandaat { get; private set; }

    public IReadOnlyList<OsoEndpoint> Endpoints { get; private set; } = [];

    public IReadOnlyList<TijdlijnRegel> Tijdlijn { get; private set; } = [];

    public int Dagen { get; private set; } = 30;

    /// <summary>Active Esis lockouts of this school's locations (failed verification codes).</summary>
    public IReadOnlyList<Blokkade> Blokkades { get; private set; } = [];

    /// <summary>Shown once, right after registration: the callback secret never leaves the gateway again.</summary>
    public NieuweRegistratie? Nieuw { get; private set; }

    public string? Melding { get; private set; }

    public IReadOnlyList<string> Fouten { get; private set; } = [];

    public RegistratieVerzoek Invoer { get; private set; } = new(null, null, "productie", null, null, null);

    public async Task<IActionResult> OnGetAsync(string school, int? dagen, string? melding, int? aantal, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        Dagen = Math.Clamp(dagen ?? 30, 1, 365);
        Melding = melding switch
        {
            "ingetrokken" => "De koppeling is ingetrokken; de verificatiecode werkt niet meer.",
            "vervangen" => "De nieuwe verificatiecode werkt nu; de oude nog tot de getoonde datum.",
            "opgeheven" => "De blokkade is opgeheven; de school kan het meteen opnieuw proberen.",
            _ => FormulierMelding(melding, aantal),
        };
        await LaadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRegistreerAsync(
        string school, string? vestiging, string? omgeving, string? verificatiecode, string? herhaling, string? callbackUrl, string? contactEmail,
        CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        if (!await MagAsync())
        {
            return Forbid(BeheerAuthenticatie.Scheme);
        }

        Invoer = new RegistratieVerzoek(Brin, vestiging, omgeving, null, callbackUrl, contactEmail);
        if (!string.Equals(verificatiecode, herhaling, StringComparison.Ordinal))
        {
            Fouten = ["De twee verificatiecodes zijn niet gelijk. Typ de code van de school twee keer precies hetzelfde."];
        }
        else
        {
            var r = await registraties.RegistreerAsync(Invoer with { Verificatiecode = verificatiecode }, BeheerAuthenticatie.Actor(User), ct);
            if (r.IsSuccess)
            {
                Nieuw = r.Value;
                Invoer = new(null, null, "productie", null, null, null);
            }
            else
            {
                Fouten = r.Fouten.Select(f => $"{f.Melding} ({f.Code})").ToList();
            }
        }

        Response.StatusCode = Fouten.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
        await LaadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVervangAsync(string school, Guid id, string? verificatiecode, string? herhaling, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        if (!await MagAsync())
        {
            return Forbid(BeheerAuthenticatie.Scheme);
        }

        if (!string.Equals(verificatiecode, herhaling, StringComparison.Ordinal))
        {
            Fouten = ["De twee verificatiecodes zijn niet gelijk."];
        }
        else
        {
            var r = await registraties.VervangAsync(id, verificatiecode, null, BeheerAuthenticatie.Actor(User), ct);
            if (r.IsSuccess)
            {
                return Redirect($"/beheer/scholen/{school}?melding=vervangen");
            }

            Fouten = r.Fouten.Select(f => $"{f.Melding} ({f.Code})").ToList();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LaadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIntrekkenAsync(string school, Guid id, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        if (!await MagAsync())
        {
            return Forbid(BeheerAuthenticatie.Scheme);
        }

        var r = await registraties.TrekInAsync(id, BeheerAuthenticatie.Actor(User), ct);
        if (r.IsSuccess)
        {
            return Redirect($"/beheer/scholen/{school}?melding=ingetrokken");
        }

        Fouten = r.Fouten.Select(f => $"{f.Melding} ({f.Code})").ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LaadAsync(ct);
        return Page();
    }

    /// <summary>"Blokkade opheffen" through the same service as <c>POST /admin/v1/scholen/{brin6}/blokkade/opheffen</c>.</summary>
    public async Task<IActionResult> OnPostOpheffenAsync(string school, string brin6, CancellationToken ct)
    {
        if (!LeesSchool(school))
        {
            return NotFound();
        }

        var r = await blokkades.HefOpAsync(brin6, new PersoonActor(User), ct);
        if (r.IsSuccess)
        {
            return Redirect($"/beheer/scholen/{school}?melding=opgeheven");
        }

        if (r.Code == FoutCodes.GeenToegang)
        {
            return Forbid(BeheerAuthenticatie.Scheme);
        }

        Fouten = r.Fouten.Select(f => $"{f.Melding} ({f.Code})").ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LaadAsync(ct);
        return Page();
    }

    private bool LeesSchool(string school)
    {
        var s = school.ToUpperInvariant();
        if (s.Length is 4 or 6 && AanvraagValidatie.IsBrin(s[..4]) && (s.Length == 4 || AanvraagValidatie.IsVestiging(s[4..])))
        {
            Brin = s[..4];
            Vestiging = s.Length == 6 ? s[4..] : null;
            return true;
        }

        return false;
    }

    private async Task<bool> MagAsync() => (await autorisatie.AuthorizeAsync(User, BeheerAuthenticatie.Policies.Helpdesk)).Succeeded;

    private async Task LaadAsync(CancellationToken ct)
    {
        MagSchrijven = await MagAsync();
        MagWisselen = (await autorisatie.AuthorizeAsync(User, BeheerAuthenticatie.Policies.Backoffice)).Succeeded;
        Registraties = (await registraties.LijstAsync(Brin, ct)).Where(r => Vestiging is null || r.Vestiging == Vestiging).ToList();
        Mandaat = await oso.MandaatAsync(Brin, ct);
        Endpoints = (await oso.EndpointsAsync(ct)).Where(e => e.Brin == Brin).ToList();
        var vanaf = clock.GetUtcNow().AddDays(-Dagen);
        var actor = new PersoonActor(User);
        var vestigingen = Vestiging is not null ? [Vestiging] : Registraties.Select(r => r.Vestiging).Append("00").Distinct().ToList();
        var lijst = new List<Blokkade>();
        foreach (var v in vestigingen)
        {
            if ((await blokkades.BlokkadeAsync(Brin + v, actor, ct)).Value is { Actief: true } b)
            {
                lijst.Add(b);
            }
        }

        Blokkades = lijst;
        var pogingen = (await blokkades.MisluktePogingenAsync(Brin + Vestiging, vanaf, actor, ct)).Value ?? [];
        Tijdlijn = SchoolTijdlijn.Bouw(pogingen,
            (await beheer.OntvangstenAsync(Brin, vanaf, ct)).Where(o => Vestiging is null || o.Vestiging is null || o.Vestiging == Vestiging),
            await beheer.NotificatiesAsync(null, Brin, vanaf, ct),
            (await outbox.ZoekAsync(null, null, Brin, 500, ct)).Where(c => c.AangemaaktOp >= vanaf && (Vestiging is null || c.Vestiging == Vestiging)),
            (await emails.ZoekAsync(null, null, Brin, 500, ct)).Where(e => e.AangemaaktOp >= vanaf));
    }
}
