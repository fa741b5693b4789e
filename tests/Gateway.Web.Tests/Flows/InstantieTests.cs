using System.Text.RegularExpressions;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>
/// Several instances on one database: the Data Protection key ring lives in the database, so the session cookie and
/// the antiforgery token one instance made are accepted by the other; TOTP secrets are stored encrypted with it.
/// </summary>
[Collection(BeheerCollectie.Naam)]
public sealed partial class InstantieTests(BeheerOmgeving omgeving)
{
    [Fact]
    public async Task TweeInstanties_CookieEnAntiforgeryVanA_WordenDoorBGeaccepteerd()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, persoon) = await omgeving.AangemeldAsync("backoffice");
        await page.GotoAsync($"/beheer/hulpvragen/{dossier}/status");
        var html = await page.ContentAsync();
        var token = AntiforgeryVeld().Match(html).Groups[1].Value;
        var versie = VersieVeld().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        await using var b = await omgeving.TweedeInstantieAsync();
        var basisB = b.Client.BaseAddress!.ToString().TrimEnd('/');
        Assert.NotEqual(omgeving.Basis.ToString().TrimEnd('/'), basisB);

        // The session cookie of A, on B: signed in, not sent to the sign-in page.
        var overzicht = await page.GotoAsync(basisB + "/beheer");
        Assert.Equal(basisB + "/beheer", page.Url.TrimEnd('/'));
        Assert.Equal(200, overzicht!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();

        // The form A rendered (its antiforgery token and cookie), posted to B: accepted, the status changes.
        var antwoord = await page.Context.APIRequest.PostAsync($"{basisB}/beheer/hulpvragen/{dossier}/status", new()
        {
            Form = MaakFormulier(page, token, versie),
            MaxRedirects = 0,
        });
        Assert.Equal(302, antwoord.Status);
        var h = await omgeving.Service<IHulpvraagStore>().FindByDossiernummerAsync(dossier, default);
        Assert.Equal("in-behandeling", h!.Status.Code);
        Assert.Equal($"persoon:{persoon.Email}", h.StatusHistorie[^1].Door);
    }

    [Fact]
    public async Task TotpGeheim_InDeDatabase_VersleuteldEnAlleenMetDeGedeeldeSleutelringTeLezen()
    {
        var persoon = await omgeving.MaakPersoonAsync("helpdesk");
        var db = omgeving.Service<DbConnectionFactory>();

        var opgeslagen = await RuwGeheimAsync(db, persoon.Email);

        Assert.StartsWith(TotpBescherming.Voorvoegsel, opgeslagen, StringComparison.Ordinal);
        Assert.DoesNotContain(persoon.TotpGeheim, opgeslagen, StringComparison.Ordinal);
        // A protector of its own on nothing but the database's key ring reads it: the keys are in the database.
        Assert.Equal(persoon.TotpGeheim, TotpBescherming.Los(db, TimeProvider.System).Ontsleutel(opgeslagen));
        await using var c = await db.OpenAsync(default);
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_sleutel") >= 1);
    }

    [Fact]
    public async Task TotpGeheim_VanVoorV11OnversleuteldOpgeslagen_WordtVersleuteldEnInloggenWerktNog()
    {
        var persoon = await omgeving.MaakPersoonAsync("helpdesk");
        var db = omgeving.Service<DbConnectionFactory>();
        await using (var c = await db.OpenAsync(default))
        {
            // A row as it was stored before V11: the secret in plain text.
            await c.ExecuteAsync("UPDATE gebruiker SET totp_geheim = @geheim WHERE email = @email", new { geheim = persoon.TotpGeheim, email = persoon.Email });
        }

        var aantal = await omgeving.Service<GebruikerStore>().VersleutelOudeTotpGeheimenAsync(default);

        Assert.True(aantal >= 1);
        Assert.StartsWith(TotpBescherming.Voorvoegsel, await RuwGeheimAsync(db, persoon.Email), StringComparison.Ordinal);
        var page = await omgeving.NieuwePaginaAsync();
        await omgeving.MeldAanAsync(page, persoon);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();
    }

    private static IFormData MaakFormulier(IPage page, string token, string versie)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__af", token);
        form.Set("versie", versie);
        form.Set("status", "in-behandeling");
        return form;
    }

    private static async Task<string> RuwGeheimAsync(DbConnectionFactory db, string email)
    {
        await using var c = await db.OpenAsync(default);
        return await c.ExecuteScalarAsync<string>("SELECT totp_geheim FROM gebruiker WHERE email = @email", new { email }) ?? "";
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryVeld();

    [GeneratedRegex("name=\"versie\" value=\"([^\"]+)\"")]
    private static partial Regex VersieVeld();
}
