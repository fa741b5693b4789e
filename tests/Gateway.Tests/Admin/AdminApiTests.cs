using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hulpvraag.Core.Intake;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private const string Bootstrap = "bootstrap-sleutel-voor-de-tests-0123456789";
    private GatewayTestHost _host = null!;
    private long _dossiernummer;

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = Bootstrap });
        var intake = _host.Services.GetRequiredService<IntakeService>();
        _dossiernummer = (await intake.IndienenAsync(TestData.Aanvraag(), default)).Value!.Hulpvraag.Dossiernummer;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_NoKey_Is401ProblemDetails()
    {
        var response = await _host.Client.GetAsync(new Uri($"/admin/v1/hulpvragen/{_dossiernummer}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NIET_AANGEMELD", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_WrongOrRevokedKey_Is401()
    {
        var keys = _host.Services.GetRequiredService<ApiKeyStore>();
        var sleutel = await keys.MaakAsync("oud", Rollen.Helpdesk, "test", default);
        await keys.TrekInAsync(sleutel.Info.Id, "test", default);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(sleutel.Sleutel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(sleutel.Sleutel[..^2] + "xx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("hgw_0000000000000000_niets")).StatusCode);
    }

    [Theory]
    [InlineData(Rollen.Helpdesk)]
    [InlineData(Rollen.Backoffice)]
    [InlineData(Rollen.Admin)]
    public async Task Get_AnyRole_ReadsTheHulpvraag(string rol)
    {
        var sleutel = await _host.Services.GetRequiredService<ApiKeyStore>().MaakAsync("lezer", rol, "test", default);

        var response = await GetAsync(sleutel.Sleutel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(_dossiernummer, json.GetProperty("dossiernummer").GetInt64());
        Assert.Equal("Aanmelding", json.GetProperty("status").GetProperty("weergave").GetString());
    }

    [Fact]
    public async Task PostStatus_HelpdeskKey_IsForbidden()
    {
        var sleutel = await _host.Services.GetRequiredService<ApiKeyStore>().MaakAsync("helpdesk", Rollen.Helpdesk, "test", default);

        var response = await PostStatusAsync(sleutel.Sleutel, new { status = "in-behandeling" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("GEEN_TOEGANG", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostStatus_MegabyteToelichtingOrNul_Is422NamingTheField()
    {
        var groot = await PostStatusAsync(Bootstrap, new { status = "dossier-incompleet", toelichting = new string('x', 1_000_000) });
        var nul = await PostStatusAsync(Bootstrap, new { status = "dossier-incompleet", toelichting = "OPP\u0000ontbreekt" });

        foreach (var response in new[] { groot, nul })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("VELD_ONGELDIG", json.GetProperty("code").GetString());
            Assert.Equal("toelichting", json.GetProperty("fouten")[0].GetProperty("veld").GetString());
        }

        Assert.Equal(1, (await (await GetAsync(Bootstrap)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versie").GetInt32());
    }

    [Fact]
    public async Task PostStatus_BackofficeKey_ChangesStatusAndAuditsTheKey()
    {
        var sleutel = await _host.Services.GetRequiredService<ApiKeyStore>().MaakAsync("Coordinator Noord", Rollen.Backoffice, "test", default);

        var response = await PostStatusAsync(sleutel.Sleutel, new { status = "dossier-incompleet", kwalificatie = "SCP", toelichting = "Het OPP ontbreekt.", verwachteVersie = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Dossier incompleet SCP", json.GetProperty("status").GetProperty("weergave").GetString());
        Assert.Equal(2, json.GetProperty("versie").GetInt32());
        Assert.Contains(json.GetProperty("statusHistorie").EnumerateArray(), h => h.GetProperty("door").GetString()!.Contains("Coordinator Noord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostStatus_ForbiddenTransition_Is422NamingTheRule()
    {
        var response = await PostStatusAsync(Bootstrap, new { status = "afgewezen" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fout = json.GetProperty("fouten")[0];
        Assert.False(string.IsNullOrEmpty(fout.GetProperty("regel").GetString()));
        Assert.False(string.IsNullOrEmpty(fout.GetProperty("melding").GetString()));
    }

    [Fact]
    public async Task PostStatus_StaleVersion_Is409()
    {
        var response = await PostStatusAsync(Bootstrap, new { status = "in-behandeling", verwachteVersie = 7 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("VERSIE_VEROUDERD", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_UnknownDossier_Is404WithCode()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/hulpvragen/999999");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("DOSSIER_ONBEKEND", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private async Task<HttpResponseMessage> GetAsync(string sleutel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/v1/hulpvragen/{_dossiernummer}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sleutel);
        return await _host.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostStatusAsync(string sleutel, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/hulpvragen/{_dossiernummer}/status") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sleutel);
        return await _host.Client.SendAsync(request);
    }
}
