using System.Text.Json;
using System.Text.RegularExpressions;
using Hulpvraag.Gateway.Cli;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>Sign-in as the spec says: activation with TOTP enrolment, password + code, lockout, cookie and headers.</summary>
[Collection(BeheerCollectie.Naam)]
public sealed class AanmeldenTests(BeheerOmgeving omgeving)
{
    [Fact]
    public async Task Activeren_LinkUitDeCli_WachtwoordEnTotp_DaarnaInloggenToontOverzicht()
    {
        var email = $"{BeheerOmgeving.Uniek("nieuw")}@swv.example";
        using var uit = new StringWriter();
        var exit = await GatewayCli.RunAsync(["gebruiker", "create", "--email", email, "--naam", "Nieuwe Collega", "--rol", "helpdesk", "--json", .. omgeving.CliOpslag], uit);
        Assert.True(exit == 0, uit.ToString());
        var activatieUrl = JsonDocument.Parse(uit.ToString()).RootElement.GetProperty("activatieUrl").GetString()!;
        Assert.StartsWith(omgeving.Basis.ToString().TrimEnd('/') + "/beheer/activeren/", activatieUrl, StringComparison.Ordinal);
        var page = await omgeving.NieuwePaginaAsync();
        var activatiePad = new Uri(activatieUrl).AbsolutePath;

        await page.GotoAsync(activatiePad);
        await BeheerOmgeving.ToegankelijkAsync(page);
        await BeheerOmgeving.ScreenshotAsync(page, "activeren");
        var geheim = (await page.GetByTestId("totp-geheim").InnerTextAsync()).Trim();
        var qr = await page.Context.APIRequest.GetAsync($"{activatiePad}/qr.png");
        Assert.Equal("image/png", qr.Headers["content-type"]);
        await page.GetByLabel("Nieuw wachtwoord").FillAsync("een-lang-en-goed-wachtwoord");
        await page.GetByLabel("Herhaal wachtwoord").FillAsync("een-lang-en-goed-wachtwoord");
        await page.GetByLabel("Code uit de authenticator-app").FillAsync(BeheerOmgeving.Code(geheim, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activeren" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw account is actief")).ToBeVisibleAsync();

        await omgeving.MeldAanAsync(page, new Persoon(email, "een-lang-en-goed-wachtwoord", geheim, "helpdesk"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" })).ToBeVisibleAsync();
        // The link is spent: a second visit shows the refusal, not a new enrolment.
        var opnieuw = await page.GotoAsync(activatiePad);
        Assert.Equal(404, opnieuw!.Status);
    }

    [Fact]
    public async Task Activeren_WachtwoordMetEmailadres_WordtGeweigerd()
    {
        var email = $"{BeheerOmgeving.Uniek("zwak")}@swv.example";
        var nieuw = await omgeving.Service<GebruikerService>().MaakAsync(email, "Zwak", "helpdesk", "test", default);
        var page = await omgeving.NieuwePaginaAsync();
        await page.GotoAsync(new Uri(nieuw.Value!.ActivatieUrl).AbsolutePath);
        var geheim = (await page.GetByTestId("totp-geheim").InnerTextAsync()).Trim();

        await page.GetByLabel("Nieuw wachtwoord").FillAsync(email + "123");
        await page.GetByLabel("Herhaal wachtwoord").FillAsync(email + "123");
        await page.GetByLabel("Code uit de authenticator-app").FillAsync(BeheerOmgeving.Code(geheim, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activeren" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("e-mailadres niet bevatten");
    }

    [Fact]
    public async Task Inloggen_VijfKeerFout_AccountGeblokkeerdOokMetGoedWachtwoord()
    {
        var p = await omgeving.MaakPersoonAsync("backoffice");
        var page = await omgeving.NieuwePaginaAsync();
        await page.GotoAsync("/beheer/inloggen");
        await BeheerOmgeving.ToegankelijkAsync(page);
        await BeheerOmgeving.ScreenshotAsync(page, "inloggen");

        for (var i = 1; i <= GebruikerService.MaxMislukt; i++)
        {
            await page.GetByLabel("E-mailadres").FillAsync(p.Email);
            await page.GetByLabel("Wachtwoord").FillAsync("fout-wachtwoord-" + i);
            await page.GetByLabel("Code uit de authenticator-app").FillAsync(BeheerOmgeving.Code(p.TotpGeheim, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(
                i < GebruikerService.MaxMislukt ? "klopt niet" : "geblokkeerd");
        }

        await page.GetByLabel("E-mailadres").FillAsync(p.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(p.Wachtwoord);
        await page.GetByLabel("Code uit de authenticator-app").FillAsync(BeheerOmgeving.Code(p.TotpGeheim, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("geblokkeerd");
        var audit = await omgeving.Service<Hulpvraag.Gateway.Storage.AuditStore>().RecentAsync(500, default);
        Assert.Equal(GebruikerService.MaxMislukt, audit.Count(a => a.Actor == $"persoon:{p.Email}" && a.Actie == "gebruiker.aanmelding-mislukt"));
        Assert.Single(audit, a => a.Actor == $"persoon:{p.Email}" && a.Actie == "gebruiker.geblokkeerd");
    }

    [Fact]
    public async Task Inloggen_OnbekendEmailadres_ZelfdeMeldingAlsFoutWachtwoord()
    {
        var page = await omgeving.NieuwePaginaAsync();
        await page.GotoAsync("/beheer/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync("niemand@swv.example");
        await page.GetByLabel("Wachtwoord").FillAsync("wat-dan-ook-12345");
        await page.GetByLabel("Code uit de authenticator-app").FillAsync("123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Aanmelden is niet gelukt: het e-mailadres, het wachtwoord of de code klopt niet.");
    }

    [Fact]
    public async Task Sessie_CookieEnBeveiligingsheaders_ZoalsDeSpec()
    {
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        var response = await page.GotoAsync("/beheer/hulpvragen");

        var headers = await response!.AllHeadersAsync();
        Assert.Equal("default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Equal("no-store", headers["cache-control"]);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == BeheerAuthenticatie.CookieNaam);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        // The stylesheet really loaded: the header has the stylesheet's background colour, not the browser default.
        var achtergrond = await page.Locator("header.kop").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(21, 66, 115)", achtergrond);
    }

    [Fact]
    public async Task Uitloggen_DaarnaIsBeheerWeerDicht()
    {
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("U bent uitgelogd.")).ToBeVisibleAsync();
        await page.GotoAsync("/beheer/hulpvragen");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/beheer/inloggen"));
    }

    [Fact]
    public async Task Sessie_CookieOpAdminApi_WordtNietGeaccepteerd()
    {
        var (page, _) = await omgeving.AangemeldAsync("admin");

        var api = await page.Context.APIRequest.GetAsync("/admin/v1/hulpvragen");

        Assert.Equal(401, api.Status);
    }
}
