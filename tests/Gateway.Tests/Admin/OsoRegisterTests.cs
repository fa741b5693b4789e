using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Cli;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin;

public sealed class OsoRegisterTests : IAsyncLifetime
{
    private const string Bootstrap = "bootstrap-sleutel-voor-de-oso-tests-0123456";
    private readonly string _db = new SqliteTarget().NewConnectionString();
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(new SqliteTarget(), _db, new Dictionary<string, string?> { ["Admin:BootstrapKey"] = Bootstrap });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Mandaat_PutGetDelete_RoundTripsAndAudits()
    {
        var put = await SendAsync(HttpMethod.Put, "/admin/v1/oso/mandaten/12ab", new { leverancierOin = "00000001234567890000", leverancierNaam = "Topicus" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var get = await SendAsync(HttpMethod.Get, "/admin/v1/oso/mandaten/12AB");
        var json = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("00000001234567890000", json.GetProperty("leverancierOin").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/admin/v1/oso/mandaten/12AB")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/admin/v1/oso/mandaten/12AB")).StatusCode);
        var audit = await _host.Services.GetRequiredService<Gateway.Storage.AuditStore>().RecentAsync(10, default);
        Assert.Contains(audit, a => a.Actie == "oso.mandaat.zetten" && a.Onderwerp == "mandaat:12AB");
        Assert.Contains(audit, a => a.Actie == "oso.mandaat.verwijderen");
    }

    [Fact]
    public async Task Mandaat_InvalidOin_Is422NamingTheField()
    {
        var response = await SendAsync(HttpMethod.Put, "/admin/v1/oso/mandaten/12AB", new { leverancierOin = "123" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("leverancierOin", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fouten")[0].GetProperty("veld").GetString());
    }

    [Fact]
    public async Task Endpoint_PutAndList_ShowsIt()
    {
        var put = await SendAsync(HttpMethod.Put, "/admin/v1/oso/endpoints/0000000700012AB00001",
            new { brin = "12AB", url = "https://parnassys.example/oso", leverancierOin = "00000001234567890000" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var lijst = await (await SendAsync(HttpMethod.Get, "/admin/v1/oso/endpoints")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://parnassys.example/oso", lijst[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Endpoint_BackofficeKey_IsForbidden()
    {
        var sleutel = await _host.Services.GetRequiredService<ApiKeyStore>().MaakAsync("bo", Rollen.Backoffice, "test", default);

        var response = await SendAsync(HttpMethod.Put, "/admin/v1/oso/endpoints/0000000700012AB00001",
            new { brin = "12AB", url = "https://parnassys.example/oso", leverancierOin = "00000001234567890000" }, sleutel.Sleutel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cli_MandaatAndEndpoint_SetListRemove()
    {
        Assert.Equal(GatewayCli.Ok, (await CliAsync("oso", "mandaat", "set", "--brin", "34CD", "--leverancier-oin", "00000001234567890000")).Code);
        Assert.Contains("34CD", (await CliAsync("oso", "mandaat", "list")).Uit, StringComparison.Ordinal);
        Assert.Equal(GatewayCli.Geweigerd, (await CliAsync("oso", "mandaat", "set", "--brin", "34CD", "--leverancier-oin", "kort")).Code);
        Assert.Equal(GatewayCli.Ok, (await CliAsync("oso", "endpoint", "set", "--kenmerk", "0000000700034CD00001", "--brin", "34CD", "--url", "https://ps.example/oso", "--leverancier-oin", "00000001234567890000")).Code);
        Assert.Contains("https://ps.example/oso", (await CliAsync("oso", "endpoint", "list")).Uit, StringComparison.Ordinal);
        Assert.Equal(GatewayCli.Ok, (await CliAsync("oso", "endpoint", "remove", "0000000700034CD00001")).Code);
        Assert.Equal(GatewayCli.NietGevonden, (await CliAsync("oso", "mandaat", "remove", "99ZZ")).Code);
    }

    private async Task<(int Code, string Uit)> CliAsync(params string[] args)
    {
        using var uit = new StringWriter();
        var code = await GatewayCli.RunAsync([.. args, "--Storage:Provider", "sqlite", "--ConnectionStrings:Gateway", _db], uit);
        return (code, uit.ToString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pad, object? body = null, string sleutel = Bootstrap)
    {
        using var request = new HttpRequestMessage(method, pad) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sleutel);
        return await _host.Client.SendAsync(request);
    }
}
