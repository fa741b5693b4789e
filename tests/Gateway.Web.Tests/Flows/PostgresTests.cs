using System.Globalization;
using System.Text;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hulpvraag.Gateway.Web.Tests.Flows;

/// <summary>
/// The key flows of /beheer on PostgreSQL (the other classes run on SQLite): sign-in (accounts, the key ring and the
/// encrypted TOTP secret in PostgreSQL), every filter of the Hulpvragen page with paging, the CSV export, the
/// Hulpvraag and School pages, and a status change through the form.
/// </summary>
[Collection(PostgresBeheerCollectie.Naam)]
public sealed class PostgresTests(PostgresBeheerOmgeving omgeving)
{
    [Fact]
    public async Task Hulpvragen_ElkFilterEnVolgendePagina_OpPostgres()
    {
        var (brin, code, eerste) = await omgeving.SchoolMetHulpvraagAsync(achternaam: "Öztürk");
        var tweede = await omgeving.EsisAanvraagAsync(code, BeheerOmgeving.Uniek("E-"), brin, titel: "TLV -Nieuw", achternaam: "Jansen");
        var (page, _) = await omgeving.AangemeldAsync("backoffice");
        var vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string E = eerste.ToString(CultureInfo.InvariantCulture), T = tweede.ToString(CultureInfo.InvariantCulture);

        (string Query, string[] Wel, string[] Niet)[] gevallen =
        [
            ($"school={brin}", [E, T], []),
            ($"school={brin}00", [E, T], []),
            ($"school={brin}&status=aanmelding", [E, T], []),
            ($"school={brin}&status=aanmelding&status=in-behandeling&status=afgerond", [E, T], []),
            ($"school={brin}&status=afgerond", [], [E, T]),
            ($"school={brin}&titel=tlv-nieuw", [T], [E]),
            ($"school={brin}&vanaf={vandaag}&tot={vandaag}", [E, T], []),
            ($"school={brin}&tekst=%C3%96zt", [E], [T]),
        ];
        foreach (var (query, wel, niet) in gevallen)
        {
            var response = await page.GotoAsync("/beheer/hulpvragen?" + query);
            Assert.True(response!.Ok, $"{query}: {response.Status}");
            foreach (var d in wel)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = d, Exact = true })).ToBeVisibleAsync();
            }

            foreach (var d in niet)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = d, Exact = true })).ToHaveCountAsync(0);
            }
        }

        // Keyset paging: the page after the newest one starts below it.
        var nieuwste = await omgeving.Service<IHulpvraagStore>().FindByDossiernummerAsync(tweede, default);
        var volgende = await page.GotoAsync($"/beheer/hulpvragen?school={brin}&na={new LijstCursor(nieuwste!.OntvangenOp, tweede)}");
        Assert.True(volgende!.Ok);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = E, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = T, Exact = true })).ToHaveCountAsync(0);

        var csv = await page.Context.APIRequest.GetAsync($"/beheer/hulpvragen/export.csv?school={brin}&tekst=%C3%96zt");
        var bytes = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var regels = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, regels.Length);
        Assert.StartsWith($"{E};", regels[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWijzigenEnSchoolpagina_OpPostgres()
    {
        var (brin, _, dossier) = await omgeving.SchoolMetHulpvraagAsync();
        var (page, persoon) = await omgeving.AangemeldAsync("backoffice");

        await page.GotoAsync($"/beheer/hulpvragen/{dossier}");
        await page.GetByLabel("Nieuwe status").SelectOptionAsync("in-behandeling");
        await page.GetByRole(AriaRole.Button, new() { Name = "Status wijzigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De status is gewijzigd");
        var h = await omgeving.Service<IHulpvraagStore>().FindByDossiernummerAsync(dossier, default);
        Assert.Equal("in-behandeling", h!.Status.Code);
        Assert.Equal($"persoon:{persoon.Email}", h.StatusHistorie[^1].Door);

        var school = await page.GotoAsync($"/beheer/scholen/{brin}00");
        Assert.True(school!.Ok);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"hulpvraag {dossier}" }).First).ToBeVisibleAsync();
        // Backoffice: the overview and the search (Callbacks and OSO are the helpdesk's pages).
        foreach (var pad in new[] { "/beheer", $"/beheer/zoeken?q={dossier}" })
        {
            var r = await page.GotoAsync(pad);
            Assert.True(r!.Ok, $"{pad}: {r.Status}");
        }
    }

    [Fact]
    public async Task TotpGeheim_OpPostgres_VersleuteldMetDeSleutelringInDeDatabase()
    {
        var persoon = await omgeving.MaakPersoonAsync("admin");
        var db = omgeving.Service<DbConnectionFactory>();
        await using var c = await db.OpenAsync(default);

        var opgeslagen = await c.ExecuteScalarAsync<string>("SELECT totp_geheim FROM gebruiker WHERE email = @email", new { email = persoon.Email }) ?? "";

        Assert.StartsWith(TotpBescherming.Voorvoegsel, opgeslagen, StringComparison.Ordinal);
        Assert.Equal(persoon.TotpGeheim, TotpBescherming.Los(db, TimeProvider.System).Ontsleutel(opgeslagen));
        var page = await omgeving.NieuwePaginaAsync();
        await omgeving.MeldAanAsync(page, persoon);
        var admin = await page.GotoAsync("/beheer/admin?controleer=1");
        Assert.True(admin!.Ok, $"{admin.Status}: {(await admin.TextAsync())[..Math.Min(2000, (await admin.TextAsync()).Length)]}");
        await Assertions.Expect(page.GetByText("Auditketen klopt")).ToBeVisibleAsync();
    }
}
