using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>The back office's work on a hulpvraag: status through the form, conflicts, attachments, the list and its export.</summary>
[Collection(BeheerCollectie.Naam)]
public sealed class HulpvraagTests(BeheerOmgeving omgeving)
{
    [Fact]
    public async Task StatusWijzigen_AlleenToegestaneOvergangen_CallbackKomtAanBijEsis()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var aanvraagPad = $"/swv/aanvragen/*/status";
        omgeving.Esis.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(aanvraagPad)).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200));
        var (page, persoon) = await omgeving.AangemeldAsync("backoffice");

        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");
        var opties = await page.GetByLabel("Nieuwe status").Locator("option").AllInnerTextsAsync();
        // From "Aanmelding" for an Ambulante Begeleiding: no TLV-only or final-only-by-reopen choices.
        Assert.DoesNotContain(opties, o => o.StartsWith("TLV afgegeven", StringComparison.Ordinal));
        Assert.DoesNotContain(opties, o => o.Contains("heropenen", StringComparison.Ordinal));
        Assert.Contains(opties, o => o.StartsWith("Dossier incompleet [functie]", StringComparison.Ordinal));
        await BeheerOmgeving.ToegankelijkAsync(page);
        await page.GetByLabel("Nieuwe status").SelectOptionAsync(new SelectOptionValue { Value = "dossier-incompleet" });
        await page.GetByLabel("Kwalificatie").FillAsync("SCP");
        await page.GetByLabel("Toelichting").FillAsync("Het OPP ontbreekt.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Status wijzigen" }).ClickAsync();

        await Assertions.Expect(page.GetByText("De status is gewijzigd")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier incompleet SCP");
        var callback = await WachtOpCallbackAsync(dossier);
        var status = JsonDocument.Parse(callback).RootElement.GetProperty("status");
        Assert.Equal("dossier-incompleet", status.GetProperty("code").GetString());
        Assert.Equal("Het OPP ontbreekt.", status.GetProperty("toelichting").GetString());
        var audit = await omgeving.Service<Hulpvraag.Gateway.Storage.AuditStore>().RecentAsync(500, default);
        Assert.Contains(audit, a => a.Onderwerp == $"hulpvraag:{dossier}" && a.Actor == $"persoon:{persoon.Email}" && a.Actie == "status.wijzigen");
    }

    [Fact]
    public async Task StatusWijzigen_VerplichteToelichtingOntbreekt_RegelWordtGenoemd()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("backoffice");
        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");

        await page.GetByLabel("Nieuwe status").SelectOptionAsync(new SelectOptionValue { Value = "afgewezen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Status wijzigen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("STATUSOVERGANG_NIET_TOEGESTAAN");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("toelichting");
    }

    [Fact]
    public async Task StatusWijzigen_TweeMensenTegelijk_TweedeKrijgtMeldingNietsOverschreven()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (eerste, _) = await omgeving.AangemeldAsync("backoffice");
        var (tweede, _) = await omgeving.AangemeldAsync("admin");
        await eerste.GotoAsync($"/beheer/hulpvragen/{dossier}");
        await tweede.GotoAsync($"/beheer/hulpvragen/{dossier}");

        await eerste.GetByLabel("Nieuwe status").SelectOptionAsync(new SelectOptionValue { Value = "in-behandeling" });
        await eerste.GetByRole(AriaRole.Button, new() { Name = "Status wijzigen" }).ClickAsync();
        await Assertions.Expect(eerste.GetByText("De status is gewijzigd")).ToBeVisibleAsync();
        await tweede.GetByLabel("Nieuwe status").SelectOptionAsync(new SelectOptionValue { Value = "wacht" });
        await tweede.GetByLabel("Toelichting").FillAsync("Wacht op gesprek met ouders.");
        await tweede.GetByRole(AriaRole.Button, new() { Name = "Status wijzigen" }).ClickAsync();

        await Assertions.Expect(tweede.GetByRole(AriaRole.Alert)).ToContainTextAsync("Iemand anders heeft deze hulpvraag intussen gewijzigd");
        await Assertions.Expect(tweede.GetByRole(AriaRole.Alert)).ToContainTextAsync("In behandeling");
        var h = await omgeving.Service<Hulpvraag.Core.Ports.IHulpvraagStore>().FindByDossiernummerAsync(dossier, default);
        Assert.Equal("in-behandeling", h!.Status.Code);
    }

    [Fact]
    public async Task StatusWijzigen_Helpdesk_Krijgt403Pagina()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");
        await Assertions.Expect(page.GetByLabel("Nieuwe status")).ToHaveCountAsync(0);
        var response = await page.GotoAsync($"/beheer/hulpvragen/{dossier}/status");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
        await BeheerOmgeving.ToegankelijkAsync(page);
    }

    [Fact]
    public async Task Bijlage_Pdf_WordtInlineGetoond()
    {
        var pdf = TestData.Pdf("toetsoverzicht");
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync(pdf);
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");
        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");

        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Bekijken Toetsoverzicht groep 5.pdf" }).GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(href!);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.StartsWith("inline", response.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal(pdf, await response.BodyAsync());
    }

    [Fact]
    public async Task Hulpvragen_FilterOpSchoolEnExport_CsvMetBomEnJuisteRegels()
    {
        var (brin, code, eerste) = await omgeving.SchoolMetHulpvraagAsync(achternaam: "Öztürk");
        var tweede = await omgeving.EsisAanvraagAsync(code, BeheerOmgeving.Uniek("E-"), brin, achternaam: "Jansen");
        var (page, _) = await omgeving.AangemeldAsync("backoffice");

        await page.GotoAsync("/beheer/hulpvragen");
        await page.GetByLabel("School (BRIN of BRIN6)").FillAsync(brin + "00");
        await page.GetByLabel("Zoektekst").FillAsync("Özt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = eerste.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = tweede.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true })).ToHaveCountAsync(0);
        await BeheerOmgeving.ToegankelijkAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exporteer CSV" }).ClickAsync());
        var pad = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(pad);
        await download.DeleteAsync();

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var regels = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, regels.Length);
        Assert.StartsWith("dossiernummer;", regels[0], StringComparison.Ordinal);
        Assert.StartsWith($"{eerste};", regels[1], StringComparison.Ordinal);
        Assert.Contains("Daan van de Öztürk", regels[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zoeken_Dossiernummer_SpringtNaarDeHulpvraag()
    {
        var (_, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, _) = await omgeving.AangemeldAsync("helpdesk");

        await page.GetByLabel("Zoeken").FillAsync(dossier.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Zoeken").PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/beheer/hulpvragen/{dossier}$"));
    }

    private async Task<string> WachtOpCallbackAsync(long dossier)
    {
        for (var i = 0; i < 600; i++)
        {
            var entry = omgeving.Esis.LogEntries.FirstOrDefault(e =>
                e.RequestMessage?.Body is { } body && JsonDocument.Parse(body).RootElement.GetProperty("dossiernummer").GetInt64() == dossier);
            if (entry is not null)
            {
                return entry.RequestMessage!.Body!;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No Esis callback arrived for dossier {dossier}.");
    }
}
