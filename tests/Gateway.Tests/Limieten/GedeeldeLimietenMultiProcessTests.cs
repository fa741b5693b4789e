using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Limieten;

/// <summary>
/// Three real gateway processes on one PostgreSQL, requests spread round robin: the Esis failure limits and the
/// per-address request limit hold as for one instance, and a lockout lifted on one instance is lifted on all.
/// Each test uses its own client address (believed from X-Forwarded-For: loopback is configured as the proxy).
/// </summary>
public sealed class GedeeldeLimietenMultiProcessTests : IAsyncLifetime
{
    private const string Pepper = "gedeelde-pepper-voor-gedeelde-limieten-0123456789";
    private const string Code = "12AB00-juiste-code-gedeeld-1";
    private const int Burst = 20;
    private readonly string _connectionString = PostgresServer.CreateDatabase();
    private ServiceProvider _services = null!;
    private GatewayProcessen _gateways = null!;
    private string _helpdeskSleutel = "";

    public async Task InitializeAsync()
    {
        _services = await new PostgresTarget().CreateServicesAsync(_connectionString, settings: new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper },
            configure: s => s.AddGatewayEsis(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Storage:Provider"] = "postgres" }).Build()));
        var registratie = await _services.GetRequiredService<RegistratieService>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "productie", Code, "https://esis.example/swv", null), "test", default);
        Assert.True(registratie.IsSuccess);
        _helpdeskSleutel = (await _services.GetRequiredService<ApiKeyStore>().MaakAsync("helpdesk", "helpdesk", "test", default)).Sleutel;
        _gateways = await GatewayProcessen.StartAsync(3, _connectionString, new Dictionary<string, string>
        {
            ["Esis:CodePepper"] = Pepper,
            ["Proxy:KnownProxies:0"] = "127.0.0.1",
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_gateways is not null)
        {
            await _gateways.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    [Fact]
    public async Task WrongCodesRoundRobin_ThreeInstances_FifthFailureLocksOutOnEveryInstanceAndOneLiftFreesAll()
    {
        const string adres = "198.51.100.23";
        var g = _gateways.Clients;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await EsisAsync(g[i % 3], adres, $"12AB00-verkeerde-code-{i:000}")).StatusCode);
        }

        var zesde = await EsisAsync(g[5 % 3], adres, "12AB00-verkeerde-code-006");
        var juistNaBlokkade = await Task.WhenAll(g.Select(c => EsisAsync(c, adres, Code)));
        var blokkade = await AdminAsync(g[1], HttpMethod.Get, "/admin/v1/scholen/12AB00/blokkade");
        var opheffen = await AdminAsync(g[0], HttpMethod.Post, "/admin/v1/scholen/12AB00/blokkade/opheffen");
        var juistNaOpheffen = await Task.WhenAll(g.Skip(1).Select(c => EsisAsync(c, adres, Code)));
        var pogingen = await AdminAsync(g[2], HttpMethod.Get, "/admin/v1/scholen/12AB/mislukte-pogingen");

        Assert.Equal(HttpStatusCode.TooManyRequests, zesde.StatusCode);
        Assert.All(juistNaBlokkade, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal("198.51.100.0/24", blokkade.GetProperty("adressen")[0].GetProperty("adres").GetString());
        Assert.True(opheffen.GetProperty("wasGeblokkeerd").GetBoolean());
        // Authenticated now: the aanvraag itself is unknown (404), not refused (401/429).
        Assert.All(juistNaOpheffen, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(5, pogingen.GetArrayLength());
        Assert.All(pogingen.EnumerateArray(), p => Assert.Equal(("code-onjuist", "198.51.100.0/24"), (p.GetProperty("reden").GetString(), p.GetProperty("adres").GetString())));
    }

    [Fact]
    public async Task WrongCodesAllAtOnce_ThreeInstances_OnlyTheLimitIsAnsweredAsWrongAndTheRightCodeIsRefusedAfter()
    {
        const string adres = "192.0.2.151";
        var g = _gateways.Clients;
        var start = new TaskCompletionSource();
        var pogingen = Enumerable.Range(0, 15).Select(async i =>
        {
            await start.Task;
            return (await EsisAsync(g[i % 3], adres, $"12AB00-gelijktijdig-fout-{i:000}")).StatusCode;
        }).ToList();
        start.SetResult();
        var statussen = await Task.WhenAll(pogingen);
        var juist = await EsisAsync(g[0], adres, Code);
        var lijst = await AdminAsync(g[2], HttpMethod.Get, "/admin/v1/scholen/12AB/mislukte-pogingen");

        // Per-process or check-then-count would answer many of them 401 (each a verdict on a guess): five, as for one.
        Assert.Equal(5, statussen.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statussen.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, juist.StatusCode);
        Assert.Equal(5, lijst.EnumerateArray().Count(p => p.GetProperty("adres").GetString() == "192.0.2.0/24"));
    }

    [Fact]
    public async Task RequestsRoundRobin_ThreeInstances_RateLimitHoldsAsForOne()
    {
        const string adres = "203.0.113.77";
        var g = _gateways.Clients;
        var klok = Stopwatch.StartNew();
        var doorgelaten = 0;
        for (var i = 0; i < 3 * Burst; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/oso/bestaat-niet");
            request.Headers.Add("X-Forwarded-For", adres);
            var response = await g[i % 3].SendAsync(request);
            doorgelaten += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
        }

        var seconden = (int)Math.Ceiling(klok.Elapsed.TotalSeconds);

        // One bucket of Burst tokens refilled at 1/s, whichever instance counts: per-process buckets would let all 60 through.
        Assert.InRange(doorgelaten, Burst, Burst + seconden + 1);
    }

    private static async Task<HttpResponseMessage> EsisAsync(HttpClient client, string adres, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/esis/v1/aanvragen/E-gedeeld-1");
        request.Headers.Add("X-Forwarded-For", adres);
        request.Headers.Add("X-Esis-Verificatiecode", code);
        return await client.SendAsync(request);
    }

    private async Task<JsonElement> AdminAsync(HttpClient client, HttpMethod method, string pad)
    {
        using var request = new HttpRequestMessage(method, pad);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _helpdeskSleutel);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
