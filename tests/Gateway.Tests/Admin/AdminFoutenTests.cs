using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hulpvraag.Core.Intake;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin;

/// <summary>Every refusal of the admin API is problem details with a code and Dutch text, naming the value it did not understand.</summary>
public sealed class AdminFoutenTests : IAsyncLifetime
{
    private const string Bootstrap = "bootstrap-sleutel-voor-de-fouten-tests-0123";
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = Bootstrap });
        var intake = _host.Services.GetRequiredService<IntakeService>();
        await intake.IndienenAsync(TestData.Aanvraag("F-1") with { Titel = "TLV -Nieuw" }, default);
        await intake.IndienenAsync(TestData.Aanvraag("F-2") with { Vestiging = "01" }, default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/admin/v1/hulpvragen?ontvangenVanaf=gisteren", "ontvangenVanaf", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen?ontvangenTot=31-12-2026", "ontvangenTot", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen?bron=somtoday", "bron", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen?titel=foo", "titel", "TITEL_ONBEKEND")]
    [InlineData("/admin/v1/hulpvragen?brin=12AB0", "brin", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen?pagina=abc", "pagina", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen?per=100000", "per", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/callbacks?toestand=junk", "toestand", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/callbacks?bestemming=somtoday", "bestemming", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/oso/notificaties?toestand=junk", "toestand", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/diagnose?brin=12AB&vanaf=gisteren", "vanaf", "VELD_ONGELDIG")]
    [InlineData("/admin/v1/audit?max=veel", "max", "VELD_ONGELDIG")]
    public async Task Get_UnknownOrMalformedFilterValue_Is422NamingIt(string pad, string veld, string code)
    {
        var (response, json) = await GetAsync(pad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal(veld, json.GetProperty("fouten")[0].GetProperty("veld").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("TLV -Nieuw")]
    [InlineData("tlv – nieuw")]
    [InlineData("tlv-nieuw")]
    public async Task Get_TitelAsDisplayTextOrCode_FindsTheHulpvraag(string titel)
    {
        var (response, json) = await GetAsync($"/admin/v1/hulpvragen?titel={Uri.EscapeDataString(titel)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, json.GetProperty("totaal").GetInt64());
    }

    [Fact]
    public async Task Get_Brin6_SelectsOneLocation()
    {
        var (_, alle) = await GetAsync("/admin/v1/hulpvragen?brin=12AB");
        var (_, een) = await GetAsync("/admin/v1/hulpvragen?brin=12ab01");

        Assert.Equal(2, alle.GetProperty("totaal").GetInt64());
        Assert.Equal("01", Assert.Single(een.GetProperty("items").EnumerateArray()).GetProperty("vestiging").GetString());
    }

    [Fact]
    public async Task Get_CsvWithBadFilter_IsACodedProblemNotText()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/hulpvragen?ontvangenVanaf=gisteren");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("VELD_ONGELDIG", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("POST", "/admin/v1/callbacks/999/opnieuw")]
    [InlineData("POST", "/admin/v1/oso/notificaties/ONBEKEND/opnieuw")]
    [InlineData("GET", "/admin/v1/oso/mandaten/99ZZ")]
    [InlineData("DELETE", "/admin/v1/oso/endpoints/00000000000000000000")]
    [InlineData("DELETE", "/admin/v1/esis/registraties/0190f7c4-0000-7000-8000-000000000000")]
    public async Task Write_UnknownThing_Is404WithCode(string methode, string pad)
    {
        using var request = new HttpRequestMessage(new HttpMethod(methode), pad);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("NIET_GEVONDEN", json.GetProperty("code").GetString());
        Assert.StartsWith("Er is geen", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("brin=12")]
    [InlineData("brin=12AB0")]
    [InlineData("brin=12AB001")]
    [InlineData("brin=regenboog")]
    public async Task Diagnose_NotABrinOrBrin6_IsRefusedWithACode(string query)
    {
        var (response, json) = await GetAsync($"/admin/v1/diagnose?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(query.Length == 0 ? "VERPLICHT_VELD_ONTBREEKT" : "VELD_ONGELDIG", json.GetProperty("code").GetString());
        Assert.Equal("brin", json.GetProperty("fouten")[0].GetProperty("veld").GetString());
    }

    [Fact]
    public async Task Diagnose_Brin6_ShowsOnlyThatLocation()
    {
        var (response, json) = await GetAsync("/admin/v1/diagnose?brin=12ab01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("01", json.GetProperty("vestiging").GetString());
        Assert.Equal("F-2", Assert.Single(json.GetProperty("ontvangen").EnumerateArray()).GetProperty("referentie").GetString());
    }

    [Theory]
    [InlineData("geen")]
    [InlineData("ib@regenboog.nl\r\nBcc: alle@example.org")]
    [InlineData("twee@adres.nl,derde@adres.nl")]
    public async Task Contactpersoon_InvalidEmail_Is422AndChangesNothing(string email)
    {
        var (response, json) = await SendAsync(HttpMethod.Post, "/admin/v1/scholen/12AB/00/contactpersoon", new { naam = "M. Jansen", email });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("email", json.GetProperty("fouten")[0].GetProperty("veld").GetString());
        var (_, audit) = await GetAsync("/admin/v1/audit?onderwerp=school:12AB00");
        Assert.Equal(0, audit.GetArrayLength());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "productie", "intern")]
    [InlineData("https://169.254.169.254/latest/meta-data", "productie", "intern")]
    [InlineData("https://[::ffff:10.0.0.1]/swv", "productie", "intern")]
    [InlineData("https://2852039166/swv", "productie", "intern")]
    [InlineData("https://localhost/swv", "test", "intern")]
    [InlineData("http://esis.example/swv", "productie", "https://")]
    [InlineData("http://esis.example/swv", "test", "https://")]
    [InlineData("https://esis.example/swv?x=1", "productie", "querystring")]
    public async Task Registreer_UnsafeCallbackUrl_Is422WithTheBrokenRule(string url, string omgeving, string inTekst)
    {
        var (response, json) = await RegistreerAsync(url, omgeving, "ib@regenboog.nl");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fout = json.GetProperty("fouten")[0];
        Assert.Equal("callbackUrl", fout.GetProperty("veld").GetString());
        Assert.Contains(inTekst, fout.GetProperty("melding").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registreer_TenKilobyteUrl_Is422NamingTheLimit()
    {
        var (response, json) = await RegistreerAsync("https://esis.example/" + new string('a', 10_000), "productie", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("2000", json.GetProperty("fouten")[0].GetProperty("melding").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registreer_ContactEmailWithCrlfBcc_Is422()
    {
        var (response, json) = await RegistreerAsync("https://esis.example/swv", "productie", "ib@regenboog.nl\r\nBcc: alle@example.org");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("contactEmail", json.GetProperty("fouten")[0].GetProperty("veld").GetString());
    }

    private Task<(HttpResponseMessage, JsonElement)> RegistreerAsync(string url, string omgeving, string? email) =>
        SendAsync(HttpMethod.Post, "/admin/v1/esis/registraties",
            new { brin = "12AB", vestiging = "00", omgeving, verificatiecode = "12AB00-regenboog-2026-x7", callbackUrl = url, contactEmail = email });

    private Task<(HttpResponseMessage, JsonElement)> GetAsync(string pad) => SendAsync(HttpMethod.Get, pad);

    private async Task<(HttpResponseMessage, JsonElement)> SendAsync(HttpMethod method, string pad, object? body = null)
    {
        using var request = new HttpRequestMessage(method, pad) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);
        var response = await _host.Client.SendAsync(request);
        var tekst = await response.Content.ReadAsStringAsync();
        return (response, tekst.Length == 0 ? default : JsonDocument.Parse(tekst).RootElement.Clone());
    }
}
