using System.Net;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>The helpdesk's school page: Esis registration with the callback secret shown once, and the diagnose timeline.</summary>
[Collection(BeheerCollectie.Naam)]
public sealed class SchoolTests(BeheerOmgeving omgeving)
{
    [Fact]
    public async Task Registreren_Helpdesk_ZietCallbackGeheimPreciesEenKeer()
    {
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");
        await page.GotoAsync("/beheer/scholen/34CD01");

        await page.GetByLabel("Vestiging", new() { Exact = true }).FillAsync("01");
        await page.GetByLabel("Omgeving", new() { Exact = true }).SelectOptionAsync("productie");
        await page.GetByLabel("Verificatiecode", new() { Exact = true }).FillAsync("34CD01-zonnebloem-2026-q4");
        await page.GetByLabel("Herhaal verificatiecode", new() { Exact = true }).FillAsync("34CD01-zonnebloem-2026-q4");
        await page.GetByLabel("Callback-URL", new() { Exact = true }).FillAsync("https://esis.example/swv");
        await page.GetByLabel("E-mailadres contactpersoon", new() { Exact = true }).FillAsync("ib@zonnebloem.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppeling registreren" }).ClickAsync();

        var geheim = await page.GetByTestId("callback-geheim").InnerTextAsync();
        Assert.True(geheim.Trim().Length >= 32, geheim);
        await Assertions.Expect(page.GetByText("maar één keer getoond")).ToBeVisibleAsync();
        await BeheerOmgeving.ToegankelijkAsync(page);
        await BeheerOmgeving.ScreenshotAsync(page, "school-registratie");
        await page.GotoAsync("/beheer/scholen/34CD01");
        await Assertions.Expect(page.GetByTestId("callback-geheim")).ToHaveCountAsync(0);
        Assert.DoesNotContain(geheim.Trim(), await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "https://esis.example/swv" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Registreren_CodesVerschillen_WordtGeweigerdZonderOpslaan()
    {
        var (page, _) = await omgeving.AangemeldAsync("admin");
        await page.GotoAsync("/beheer/scholen/56EF00");

        await page.GetByLabel("Verificatiecode", new() { Exact = true }).FillAsync("56EF00-eik-2026-aa11");
        await page.GetByLabel("Herhaal verificatiecode", new() { Exact = true }).FillAsync("56EF00-eik-2026-aa12");
        await page.GetByLabel("Callback-URL", new() { Exact = true }).FillAsync("https://esis.example/swv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppeling registreren" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("niet gelijk");
        await Assertions.Expect(page.GetByTestId("callback-geheim")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Geen Esis-koppelingen geregistreerd.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Diagnose_GeweigerdeEnAangenomenAanvragen_StaanInDeTijdlijn()
    {
        var (brin, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        await page.GetByLabel("Zoeken").FillAsync(brin + "00");
        await page.GetByLabel("Zoeken").PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"School {brin}00" })).ToBeVisibleAsync();
        // The receipt and its e-mail both link to the hulpvraag.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"hulpvraag {dossier}" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "actief" })).ToBeVisibleAsync();
        await BeheerOmgeving.ToegankelijkAsync(page);
    }

    [Fact]
    public async Task Blokkade_SchoolStuurtFouteCodes_HelpdeskZietPogingenEnHeftBlokkadeOp()
    {
        var (brin, code, _) = await omgeving.SchoolMetHulpvraagAsync();
        HttpStatusCode laatste = default;
        for (var i = 0; i < 8 && laatste != HttpStatusCode.TooManyRequests; i++)
        {
            laatste = await omgeving.EsisPogingAsync($"{brin}00-verkeerd-2026-{i}", brin);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, laatste);
        Assert.Equal(HttpStatusCode.TooManyRequests, await omgeving.EsisPogingAsync(code, brin));
        var (page, persoon) = await omgeving.AangemeldAsync("helpdesk");

        await page.GotoAsync($"/beheer/scholen/{brin}00");
        await Assertions.Expect(page.GetByText("Mislukte poging").First).ToBeVisibleAsync();
        await BeheerOmgeving.ToegankelijkAsync(page);
        await BeheerOmgeving.ScreenshotAsync(page, "school-blokkade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Blokkade opheffen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De blokkade is opgeheven");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Blokkade opheffen" })).ToHaveCountAsync(0);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await omgeving.EsisPogingAsync(code, brin));
        var audit = await omgeving.Service<Hulpvraag.Gateway.Storage.AuditStore>().RecentAsync(500, default);
        Assert.Contains(audit, a => a.Actie == "esis.blokkade.opheffen" && a.Actor == $"persoon:{persoon.Email}");
    }

    [Fact]
    public async Task Registreren_Backoffice_MagNietSchrijven()
    {
        var (page, _) = await omgeving.AangemeldAsync("backoffice");

        await page.GotoAsync("/beheer/scholen/78GH00");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Koppeling registreren" })).ToHaveCountAsync(0);
    }
}
