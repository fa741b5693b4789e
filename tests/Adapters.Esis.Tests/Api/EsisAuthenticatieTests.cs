using System.Net;
using System.Text.Json;
using Dapper;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

public sealed class EsisAuthenticatieTests : IAsyncLifetime
{
    private const string Code = "12AB00-regenboog-2026-x7";
    private EsisGateway _gw = null!;

    public async Task InitializeAsync()
    {
        _gw = await EsisGateway.StartAsync(settings: new Dictionary<string, string?> { ["Esis:MaxMislukkingenPerAdresEnSchool"] = "5" });
        await _gw.RegistreerAsync(Code);
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task Put_CorrectCode_Is201()
    {
        var response = await _gw.PutAsync("E-1", Code, EsisVoorbeelden.Aanvraag());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Put_EveryKindOfBadCode_GetsTheIdenticalBody()
    {
        var antwoorden = new List<(HttpStatusCode, string)>();
        foreach (var code in new string?[] { "12AB00-regenboog-2026-x8", "99ZZ00-regenboog-2026-x7", "12AB00-kort", "12AB00-" + new string('x', 60), null, "12AB00 regenboog 2026 x7" })
        {
            var r = await _gw.PutAsync("E-2", code, EsisVoorbeelden.Aanvraag());
            antwoorden.Add((r.StatusCode, await r.Content.ReadAsStringAsync()));
        }

        var query = await _gw.PutAsync("E-2", Code, EsisVoorbeelden.Aanvraag(), query: $"?verificatiecode={Code}");
        antwoorden.Add((query.StatusCode, await query.Content.ReadAsStringAsync()));

        Assert.All(antwoorden, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Item1));
        Assert.Single(antwoorden.Select(a => a.Item2).Distinct());
        Assert.Equal("VERIFICATIECODE_ONGELDIG", JsonDocument.Parse(antwoorden[0].Item2).RootElement.GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task Put_ValidCodeWithAnotherSchoolsPayload_Is403AndStoresNothing()
    {
        var response = await _gw.PutAsync("E-3", Code, EsisVoorbeelden.Aanvraag(brin: "34CD"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("SCHOOL_KOMT_NIET_OVEREEN", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM bijlage_inhoud"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM ontvangst WHERE foutcode = 'SCHOOL_KOMT_NIET_OVEREEN'"));
    }

    [Fact]
    public async Task Put_TooManyFailures_Is429WithRetryAfterWhileAnotherSchoolBehindTheSameAddressGetsIn()
    {
        const string codeB = "34CD01-andere-school-2026";
        await _gw.RegistreerAsync(codeB, brin: "34CD", vestiging: "01");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _gw.PutAsync("E-4", "12AB00-geraden-code-" + i, EsisVoorbeelden.Aanvraag())).StatusCode);
        }

        var geblokkeerd = await _gw.PutAsync("E-4", Code, EsisVoorbeelden.Aanvraag());
        var andereSchool = await _gw.PutAsync("E-5", codeB, EsisVoorbeelden.Aanvraag(brin: "34CD", vestiging: "01"));

        Assert.Equal(HttpStatusCode.TooManyRequests, geblokkeerd.StatusCode);
        Assert.True(geblokkeerd.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, andereSchool.StatusCode);
    }

    [Fact]
    public async Task Get_OtherSchoolsRequest_IsNotFound()
    {
        const string codeB = "34CD01-andere-school-2026";
        await _gw.RegistreerAsync(codeB, brin: "34CD", vestiging: "01");
        await _gw.PutAsync("E-6", Code, EsisVoorbeelden.Aanvraag());

        Assert.Equal(HttpStatusCode.OK, (await _gw.GetAsync("E-6", Code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _gw.GetAsync("E-6", codeB)).StatusCode);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var c = await _gw.Service<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
