using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>
/// The School page's forms (personeelswissel, OSO mandate and endpoints) and the e-mails of a hulpvraag: each write
/// through the application service of the admin API, with its refusals and its audit entry.
/// </summary>
[Collection(BeheerCollectie.Naam)]
public sealed class SchoolFormulierTests(BeheerOmgeving omgeving)
{
    private const string Oin = "00000001234567890000";

    [Fact]
    public async Task Personeelswissel_Backoffice_NieuweContactpersoonOpOpenHulpvraagEnAudit()
    {
        var (brin, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, persoon) = await omgeving.AangemeldAsync("backoffice");
        await page.GotoAsync($"/beheer/scholen/{brin}00");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mandaat opslaan" })).ToHaveCountAsync(0);

        await page.GetByLabel("E-mailadres van de vertrekkende contactpersoon").FillAsync("ib@regenboog.nl");
        await page.GetByLabel("Naam nieuwe contactpersoon").FillAsync("M. Jansen");
        await page.GetByLabel("E-mailadres nieuwe contactpersoon").FillAsync("m.jansen@regenboog.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contactpersoon wisselen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("bij 1 open hulpvraag");
        var h = await omgeving.Service<IHulpvraagStore>().FindByDossiernummerAsync(dossier, default);
        Assert.Equal("m.jansen@regenboog.nl", h!.Aanvrager.Email);
        var audit = await omgeving.Service<AuditStore>().RecentAsync(500, default);
        Assert.Contains(audit, a => a.Actie == "school.contactpersoon" && a.Onderwerp == $"school:{brin}00" && a.Actor == $"persoon:{persoon.Email}");
    }

    [Fact]
    public async Task Personeelswissel_OngeldigEmailadres_GeweigerdMetCodeNietsGewijzigd()
    {
        var (brin, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("admin");
        await page.GotoAsync($"/beheer/scholen/{brin}00");

        await page.GetByLabel("Naam nieuwe contactpersoon").FillAsync("M. Jansen");
        // The browser's own check would stop "geen-adres"; the server must refuse it too, so the form is posted as is.
        await page.GetByLabel("E-mailadres nieuwe contactpersoon").EvaluateAsync("e => e.type = 'text'");
        await page.GetByLabel("E-mailadres nieuwe contactpersoon").FillAsync("geen-adres");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contactpersoon wisselen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("VELD_ONGELDIG");
        var h = await omgeving.Service<IHulpvraagStore>().FindByDossiernummerAsync(dossier, default);
        Assert.Equal("ib@regenboog.nl", h!.Aanvrager.Email);
    }

    [Fact]
    public async Task OsoMandaatEnEndpoint_Helpdesk_OpslaanTonenVerwijderenMetAudit()
    {
        var (brin, _, _) = await omgeving.SchoolMetHulpvraagAsync();
        var kenmerk = $"000000070001{brin}0001";
        var (page, persoon) = await omgeving.AangemeldAsync("helpdesk");
        await page.GotoAsync($"/beheer/scholen/{brin}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Contactpersoon wisselen" })).ToHaveCountAsync(0);

        await page.GetByText("Mandaat wijzigen").ClickAsync();
        await page.GetByLabel("OIN van de leverancier", new() { Exact = true }).FillAsync(Oin);
        await page.GetByLabel("Naam van de leverancier").FillAsync("Topicus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mandaat opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het OSO-mandaat is opgeslagen.");
        await Assertions.Expect(page.GetByText($"Topicus (OIN {Oin})")).ToBeVisibleAsync();

        await page.GetByText("Endpoint toevoegen of wijzigen").ClickAsync();
        await page.GetByLabel("Routeringskenmerk").FillAsync(kenmerk);
        await page.GetByLabel("URL van het endpoint").FillAsync("https://oso.topicus.example/ontvang");
        await page.GetByLabel("OIN van de leverancier van het endpoint").FillAsync(Oin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Endpoint opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het OSO-endpoint is opgeslagen.");
        await Assertions.Expect(page.GetByText("https://oso.topicus.example/ontvang")).ToBeVisibleAsync();
        await BeheerOmgeving.ToegankelijkAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Endpoint verwijderen {kenmerk}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het OSO-endpoint is verwijderd.");
        await Assertions.Expect(page.GetByText("https://oso.topicus.example/ontvang")).ToHaveCountAsync(0);
        var audit = (await omgeving.Service<AuditStore>().RecentAsync(500, default)).Where(a => a.Actor == $"persoon:{persoon.Email}").ToList();
        Assert.Equal(3, audit.Count(a => a.Actie.StartsWith("oso.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OsoMandaat_OngeldigOin_GeweigerdMetCodeGeenMandaat()
    {
        var (brin, _, _) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");
        await page.GotoAsync($"/beheer/scholen/{brin}");

        await page.GetByText("Mandaat wijzigen").ClickAsync();
        await page.GetByLabel("OIN van de leverancier", new() { Exact = true }).FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mandaat opslaan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("OIN van de leverancier bestaat uit 20 cijfers");
        Assert.Null(await omgeving.Service<Hulpvraag.Adapters.ParnasSys.Koppeling.IOsoRegister>().MandaatAsync(brin, default));
    }

    [Fact]
    public async Task Emails_OntvangstbevestigingVerstuurd_OpHulpvraagpaginaEnInDeTijdlijn()
    {
        var (brin, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        await WachtOpAfgeleverdeEmailAsync(dossier);
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");
        var emails = page.GetByRole(AriaRole.Region, new() { Name = "E-mails aan de contactpersoon" });
        await Assertions.Expect(emails.GetByRole(AriaRole.Cell, new() { Name = "afgeleverd", Exact = false })).ToBeVisibleAsync();
        await page.GotoAsync($"/beheer/scholen/{brin}00");
        await Assertions.Expect(page.GetByText("E-mail aan de contactpersoon").First).ToBeVisibleAsync();
    }

    private async Task WachtOpAfgeleverdeEmailAsync(long dossier)
    {
        var store = omgeving.Service<EmailStore>();
        for (var i = 0; i < 600; i++)
        {
            if ((await store.ZoekAsync(null, dossier, null, 10, default)).Any(e => e.Toestand == "afgeleverd"))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No e-mail of hulpvraag {dossier} was delivered within a minute.");
    }
}
