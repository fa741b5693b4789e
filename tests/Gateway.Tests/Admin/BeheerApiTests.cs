using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin;

/// <summary>The back office's and helpdesk's routes, with the roles that may use them.</summary>
public sealed class BeheerApiTests : IAsyncLifetime
{
    private const string Bootstrap = "bootstrap-sleutel-voor-de-beheer-tests-0123";
    private GatewayTestHost _host = null!;
    private string _helpdesk = "";
    private string _backoffice = "";

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = Bootstrap });
        var keys = _host.Services.GetRequiredService<ApiKeyStore>();
        _helpdesk = (await keys.MaakAsync("helpdesk", Rollen.Helpdesk, "test", default)).Sleutel;
        _backoffice = (await keys.MaakAsync("backoffice", Rollen.Backoffice, "test", default)).Sleutel;
        var intake = _host.Services.GetRequiredService<IntakeService>();
        var status = _host.Services.GetRequiredService<StatusService>();
        await intake.IndienenAsync(TestData.Aanvraag("A-1"), default);
        await intake.IndienenAsync(TestData.Aanvraag("A-2", bijlagen: [TestData.Bijlage(TestData.Pdf("x"), "Verslag.pdf")]) with { Titel = "TLV -Nieuw" }, default);
        var drie = (await intake.IndienenAsync(TestData.Aanvraag("A-3", brin: "34CD") with { Aanvrager = new AanvragerInvoer("=HYPERLINK(\"x\")", "oud@school.nl", null, null) }, default)).Value!.Hulpvraag;
        await status.WijzigAsync(drie.Dossiernummer, new StatusWijzigingVerzoek("dossier-incompleet", "SCP", "OPP ontbreekt", false, null), "test", default);
        await intake.IndienenAsync(TestData.Aanvraag("A-4") with { Titel = "onzin" }, default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Zoek_SeveralStatusesAndBrin_FiltersAndPages()
    {
        var alle = await JsonAsync(await GetAsync("/admin/v1/hulpvragen?status=aanmelding,dossier-incompleet&per=2&pagina=1", _helpdesk));
        Assert.Equal(3, alle.GetProperty("totaal").GetInt64());
        Assert.Equal(2, alle.GetProperty("items").GetArrayLength());

        var school = await JsonAsync(await GetAsync("/admin/v1/hulpvragen?brin=34CD", _backoffice));
        Assert.Equal("dossier-incompleet", Assert.Single(school.GetProperty("items").EnumerateArray()).GetProperty("statusCode").GetString());

        var titel = await JsonAsync(await GetAsync("/admin/v1/hulpvragen?titel=tlv-nieuw&bron=esis", _helpdesk));
        Assert.Equal(1, titel.GetProperty("totaal").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/admin/v1/hulpvragen?status=bestaat-niet", _helpdesk)).StatusCode);
    }

    [Fact]
    public async Task Zoek_AcceptCsv_ExportsTheSameSelectionWithoutFormulas()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/hulpvragen?brin=34CD");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _helpdesk);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await _host.Client.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var regels = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, regels.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", regels[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bijlage_Pdf_IsServedInline()
    {
        var lijst = await JsonAsync(await GetAsync("/admin/v1/hulpvragen?titel=tlv-nieuw", _helpdesk));
        var dossier = lijst.GetProperty("items")[0].GetProperty("dossiernummer").GetInt64();
        var detail = await JsonAsync(await GetAsync($"/admin/v1/hulpvragen/{dossier}", _helpdesk));
        var id = detail.GetProperty("bijlagen")[0].GetProperty("id").GetGuid();

        var response = await GetAsync($"/admin/v1/hulpvragen/{dossier}/bijlagen/{id}", _backoffice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestData.Pdf("x"), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/admin/v1/hulpvragen/{dossier}/bijlagen/{Guid.NewGuid()}", _backoffice)).StatusCode);
    }

    [Fact]
    public async Task Contactpersoon_Personeelswissel_ChangesOnlyOpenHulpvragenOfTheDepartingIb()
    {
        var response = await SendAsync(HttpMethod.Post, "/admin/v1/scholen/12AB/00/contactpersoon", _backoffice,
            new { naam = "M. Jansen", email = "nieuw@regenboog.nl", vervangtEmail = "ib@regenboog.nl" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await JsonAsync(response)).GetProperty("gewijzigd").GetInt32());
        var nogmaals = await SendAsync(HttpMethod.Post, "/admin/v1/scholen/12AB/00/contactpersoon", _backoffice,
            new { naam = "M. Jansen", vervangtEmail = "ib@regenboog.nl" });
        Assert.Equal(0, (await JsonAsync(nogmaals)).GetProperty("gewijzigd").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/admin/v1/scholen/12AB/00/contactpersoon", _helpdesk, new { naam = "x" })).StatusCode);
    }

    [Fact]
    public async Task Diagnose_School_ShowsAcceptedAndRefusedWithCodeAndCallbacks()
    {
        var diagnose = await JsonAsync(await GetAsync("/admin/v1/diagnose?brin=12AB", _helpdesk));

        var ontvangen = diagnose.GetProperty("ontvangen").EnumerateArray().ToList();
        Assert.Contains(ontvangen, o => o.GetProperty("uitkomst").GetString() == "aangemaakt");
        var geweigerd = Assert.Single(ontvangen, o => o.GetProperty("uitkomst").GetString() == "geweigerd");
        Assert.Equal("TITEL_ONBEKEND", geweigerd.GetProperty("foutcode").GetString());
        Assert.False(string.IsNullOrEmpty(geweigerd.GetProperty("melding").GetString()));

        var ander = await JsonAsync(await GetAsync("/admin/v1/diagnose?brin=34CD", _helpdesk));
        Assert.Single(ander.GetProperty("callbacks").EnumerateArray());
    }

    [Fact]
    public async Task Callbacks_DeadOne_IsListedWithReasonAndCanBeRedrivenByTheHelpdesk()
    {
        // The test hulpvraag names no real Esis registration, so its callback cannot be delivered and dies at once.
        JsonElement dood = default;
        for (var i = 0; i < 100 && dood.ValueKind != JsonValueKind.Object; i++)
        {
            var lijst = await JsonAsync(await GetAsync("/admin/v1/callbacks?toestand=dood", _helpdesk));
            dood = lijst.GetArrayLength() > 0 ? lijst[0] : default;
            await Task.Delay(50);
        }

        Assert.Contains("registratie", dood.GetProperty("laatsteFout").GetString(), StringComparison.OrdinalIgnoreCase);
        var id = dood.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/admin/v1/callbacks/{id}/opnieuw", _backoffice)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, $"/admin/v1/callbacks/{id}/opnieuw", _helpdesk)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/admin/v1/callbacks/999999/opnieuw", _helpdesk)).StatusCode);
    }

    [Theory]
    [InlineData("/admin/v1/hulpvragen")]
    [InlineData("/admin/v1/diagnose?brin=12AB")]
    [InlineData("/admin/v1/callbacks")]
    [InlineData("/admin/v1/oso/notificaties?toestand=mislukt")]
    [InlineData("/admin/v1/audit")]
    [InlineData("/admin/v1/esis/registraties")]
    [InlineData("/admin/v1/oso/mandaten")]
    public async Task EveryRoute_WithoutKey_Is401(string pad)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync(new Uri(pad, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Audit_OnlyAdmin_SeesTheTrail()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/admin/v1/audit", _helpdesk)).StatusCode);
        var audit = await JsonAsync(await GetAsync("/admin/v1/audit", Bootstrap));
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actie").GetString() == "apikey.aanmaken");
    }

    private Task<HttpResponseMessage> GetAsync(string pad, string sleutel) => SendAsync(HttpMethod.Get, pad, sleutel);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pad, string sleutel, object? body = null)
    {
        using var request = new HttpRequestMessage(method, pad) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sleutel);
        return await _host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
}
