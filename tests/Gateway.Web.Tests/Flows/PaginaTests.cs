using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>Every page with real data: axe finds no serious or critical violation, it fits 400 px, and (optionally) its screenshot.</summary>
[Collection(BeheerCollectie.Naam)]
public sealed class PaginaTests(BeheerOmgeving omgeving)
{
    [Fact]
    public async Task ElkePagina_MetGegevens_ToegankelijkEnLeesbaarOp1280En400()
    {
        var pdf = TestData.Pdf("onderzoeksverslag");
        var (brin, code, dossier) = await omgeving.SchoolMetHulpvraagAsync(pdf, achternaam: "Yılmaz");
        await omgeving.EsisAanvraagAsync(code, BeheerOmgeving.Uniek("E-"), brin, titel: "TLV -Nieuw", achternaam: "de Groot");
        await omgeving.Service<StatusBeheer>().WijzigAsync(dossier,
            new StatusWijziging("doorzetten", "Orthopedagoog", "Doorgezet voor observatie in de klas.", null), RolActor.Cli("test"), default);
        var (page, _) = await omgeving.AangemeldAsync("admin");

        string[] paginas = ["/beheer", "/beheer/hulpvragen", $"/beheer/hulpvragen/{dossier}", $"/beheer/hulpvragen/{dossier}/status",
            $"/beheer/scholen/{brin}00", "/beheer/callbacks", "/beheer/oso", "/beheer/admin", "/beheer/zoeken?q=onbekend-iets"];
        string[] namen = ["overzicht", "hulpvragen", "hulpvraag", "status-wijzigen", "school", "callbacks", "oso", "beheer", "zoeken"];
        for (var i = 0; i < paginas.Length; i++)
        {
            var response = await page.GotoAsync(paginas[i]);
            Assert.True(response!.Ok, $"{paginas[i]}: {response.Status}");
            await Assertions.Expect(page.GetByLabel("Zoeken", new() { Exact = true })).ToBeVisibleAsync();
            await BeheerOmgeving.ToegankelijkAsync(page);
            await BeheerOmgeving.ScreenshotAsync(page, namen[i]);
        }

        // At 400 px every page fits: nothing wider than the viewport (tables scroll inside their own box).
        await page.SetViewportSizeAsync(400, 800);
        foreach (var pad in paginas)
        {
            await page.GotoAsync(pad);
            var breedte = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(breedte <= 400, $"{pad} is {breedte} px wide at a 400 px viewport; too wide: " + await TeBreedAsync(page));
        }
    }

    /// <summary>
    /// The innermost elements sticking out past the viewport, to name the culprit in the failure message; positioned
    /// ones first (an absolutely positioned element escapes a scrolling table box unless that box is positioned).
    /// </summary>
    private static Task<string> TeBreedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const uit = e => e.getBoundingClientRect().right > window.innerWidth + 0.5;
            return [...document.querySelectorAll('body *')]
                .filter(e => uit(e) && ![...e.children].some(uit))
                .map(e => ({ e, p: getComputedStyle(e).position }))
                .sort((a, b) => (b.p === 'absolute') - (a.p === 'absolute'))
                .slice(0, 5)
                .map(({ e, p }) => `${e.tagName.toLowerCase()}.${e.className} (${p}) ${Math.round(e.getBoundingClientRect().right)}px`).join(', ');
        }
        """);

    [Fact]
    public async Task Callbacks_DodeCallback_HelpdeskZetHemOpnieuw()
    {
        var n = BeheerOmgeving.Uniek("");
        var brin = $"9{n.Length % 10}ZZ";
        var code = $"{brin}00-dood-2026-{n}";
        await omgeving.RegistreerEsisAsync(code, brin, callbackUrl: omgeving.Esis.Url + "/bestaat-niet");
        var dossier = await omgeving.EsisAanvraagAsync(code, BeheerOmgeving.Uniek("E-"), brin);
        await omgeving.Service<StatusBeheer>().WijzigAsync(dossier, new StatusWijziging("in-behandeling", null, null, null), RolActor.Cli("test"), default);
        await WachtTotDoodAsync(dossier);
        var (page, persoon) = await omgeving.AangemeldAsync("helpdesk");

        await page.GotoAsync("/beheer/callbacks");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = dossier.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .GetByRole(AriaRole.Button, new() { Name = "Opnieuw" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 callback(s) opnieuw ingepland");
        var audit = await omgeving.Service<Hulpvraag.Gateway.Storage.AuditStore>().RecentAsync(500, default);
        Assert.Contains(audit, a => a.Actie == "callback.opnieuw" && a.Actor == $"persoon:{persoon.Email}");
    }

    [Fact]
    public async Task Beheer_AdminMaaktPersoon_ActiveringslinkEenKeerGetoond()
    {
        var (page, _) = await omgeving.AangemeldAsync("admin");
        await page.GotoAsync("/beheer/admin");
        var email = $"{BeheerOmgeving.Uniek("collega")}@swv.example";

        await page.GetByText("Persoon toevoegen").First.ClickAsync();
        await page.GetByLabel("E-mailadres van de persoon").FillAsync(email);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Nieuwe Collega");
        await page.GetByLabel("Rol", new() { Exact = true }).SelectOptionAsync("backoffice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Persoon toevoegen" }).ClickAsync();

        var link = await page.GetByTestId("activatie-url").InnerTextAsync();
        Assert.Contains("/beheer/activeren/", link, StringComparison.Ordinal);
        await page.GotoAsync("/beheer/admin");
        await Assertions.Expect(page.GetByTestId("activatie-url")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Beheer_Backoffice_Krijgt403()
    {
        var (page, _) = await omgeving.AangemeldAsync("backoffice");

        var response = await page.GotoAsync("/beheer/admin");

        Assert.Equal(403, response!.Status);
    }

    private async Task WachtTotDoodAsync(long dossier)
    {
        var outbox = omgeving.Service<Hulpvraag.Gateway.Outbox.OutboxStore>();
        for (var i = 0; i < 600; i++)
        {
            if ((await outbox.ZoekAsync("dood", null, null, 500, default)).Any(c => c.Dossiernummer == dossier))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"The callback of {dossier} did not go dead.");
    }
}
