using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>
/// OpenID Connect sign-in in the browser against a real provider (OpenIddict on its own port): authorization code
/// flow with PKCE, the role taken from the provider's claim, a person without a mapped role refused in Dutch.
/// </summary>
[Collection(OidcCollectie.Naam)]
public sealed class OidcTests(OidcOmgeving omgeving)
{
    [Fact]
    public async Task InloggenViaOidc_BackofficeClaim_AangemeldMetCodeFlowPkceEnRolUitClaim()
    {
        var email = $"{BeheerOmgeving.Uniek("oidc-bo")}@swv.example";
        omgeving.Aanbieder.Volgende = new OidcPersoon(BeheerOmgeving.Uniek("sub-"), email, "Bo Backoffice", ["Medewerkers", "SWV-Zorgloket"]);
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var page = await omgeving.NieuwePaginaAsync();

        await MeldAanViaOidcAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();
        var verzoek = LaatsteVerzoek();
        Assert.Equal("code", verzoek["response_type"]);
        Assert.Equal("S256", verzoek["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(verzoek["code_challenge"]));
        Assert.Single(await page.Context.CookiesAsync(), c => c.Name == BeheerAuthenticatie.CookieNaam && c.HttpOnly);
        // The sign-in form redirects to the IdP: form-action allows exactly that origin besides 'self'.
        var headers = await (await page.GotoAsync("/beheer/inloggen"))!.AllHeadersAsync();
        Assert.Equal($"default-src 'self'; frame-ancestors 'none'; form-action 'self' {omgeving.Aanbieder.Authority}; base-uri 'none'",
            headers["content-security-policy"]);
        // "SWV-Zorgloket" maps to backoffice: the status form opens; the admin page is not for this role.
        var status = await page.GotoAsync($"/beheer/hulpvragen/{dossier}/status");
        Assert.Equal(200, status!.Status);
        await Assertions.Expect(page.GetByLabel("Nieuwe status")).ToBeVisibleAsync();
        var admin = await page.GotoAsync("/beheer/admin");
        Assert.Equal(403, admin!.Status);
    }

    [Fact]
    public async Task InloggenViaOidc_HelpdeskClaim_StatusWijzigenGeeft403()
    {
        omgeving.Aanbieder.Volgende = new OidcPersoon(BeheerOmgeving.Uniek("sub-"), $"{BeheerOmgeving.Uniek("oidc-hd")}@swv.example", "Hans Helpdesk", ["SWV-Helpdesk"]);
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var page = await omgeving.NieuwePaginaAsync();

        await MeldAanViaOidcAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();
        var status = await page.GotoAsync($"/beheer/hulpvragen/{dossier}/status");
        Assert.Equal(403, status!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task InloggenViaOidc_GeenGekoppeldeRol_NederlandsePaginaEnGeenSessie()
    {
        omgeving.Aanbieder.Volgende = new OidcPersoon(BeheerOmgeving.Uniek("sub-"), $"{BeheerOmgeving.Uniek("oidc-geen")}@swv.example", "Gerda Gast", ["Leerkrachten"]);
        var page = await omgeving.NieuwePaginaAsync();
        await page.GotoAsync("/beheer/inloggen");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Inloggen via {OidcOmgeving.Weergavenaam}" }).ClickAsync();

        await Assertions.Expect(page.GetByText("aan uw account is geen rol voor de Hulpvraag Gateway gekoppeld")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == BeheerAuthenticatie.CookieNaam);
        await page.GotoAsync("/beheer/hulpvragen");
        Assert.EndsWith("/beheer/inloggen", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task MeldAanViaOidcAsync(IPage page)
    {
        await page.GotoAsync("/beheer/inloggen");
        var aangemeld = page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/beheer");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Inloggen via {OidcOmgeving.Weergavenaam}" }).ClickAsync();
        await aangemeld;
    }

    private IReadOnlyDictionary<string, string?> LaatsteVerzoek()
    {
        lock (omgeving.Aanbieder.Verzoeken)
        {
            return omgeving.Aanbieder.Verzoeken[^1];
        }
    }
}
