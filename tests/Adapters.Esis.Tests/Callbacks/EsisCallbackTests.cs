using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Storage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Hulpvraag.Adapters.Esis.Tests.Callbacks;

/// <summary>Status callbacks to a WireMock.Net stand-in for Esis: signed, retried, and dead when refused for good.</summary>
public sealed class EsisCallbackTests : IAsyncLifetime
{
    private const string Code = "12AB00-regenboog-2026-x7";
    private readonly WireMockServer _esis = WireMockServer.Start();
    private EsisGateway _gw = null!;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        _gw = await EsisGateway.StartAsync();
        (_, _secret) = await _gw.RegistreerAsync(Code, callbackUrl: _esis.Url + "/swv", omgeving: "test");
    }

    public async Task DisposeAsync()
    {
        await _gw.DisposeAsync();
        _esis.Stop();
        _esis.Dispose();
    }

    [Fact]
    public async Task StatusChange_IsDeliveredWithAValidSignature()
    {
        _esis.Given(Request.Create().WithPath("/swv/aanvragen/C-1/status").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var dossier = await MaakEnWijzigAsync("C-1");

        var ontvangen = await WachtOpAsync(1);

        var verzoek = ontvangen[0].RequestMessage!;
        var body = verzoek.Body!;
        var handtekening = verzoek.Headers!["X-Gateway-Signature"].Single();
        var t = handtekening.Split(',')[0]["t=".Length..];
        var v1 = handtekening.Split(',')[1]["v1=".Length..];
        var verwacht = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        Assert.Equal(verwacht, v1);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(dossier, json.GetProperty("dossiernummer").GetInt64());
        Assert.Equal("C-1", json.GetProperty("aanvraagId").GetString());
        Assert.Equal("dossier-incompleet", json.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("Dossier incompleet SCP", json.GetProperty("status").GetProperty("weergave").GetString());
        Assert.Equal("Het OPP ontbreekt.", json.GetProperty("status").GetProperty("toelichting").GetString());
        Assert.True(Guid.TryParse(json.GetProperty("gebeurtenisId").GetString(), out _));
        Assert.Matches(@"^HulpvraagGateway/\d+(\.\d+)*", verzoek.Headers!["User-Agent"].Single());
    }

    [Fact]
    public async Task StatusChange_ReceiverFailsTwice_GetsTheSameGebeurtenisIdThreeTimes()
    {
        _esis.Given(Request.Create().WithPath("/swv/aanvragen/C-2/status").UsingPost()).InScenario("flaky").WillSetStateTo("1")
            .RespondWith(Response.Create().WithStatusCode(503));
        _esis.Given(Request.Create().WithPath("/swv/aanvragen/C-2/status").UsingPost()).InScenario("flaky").WhenStateIs("1").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(500));
        _esis.Given(Request.Create().WithPath("/swv/aanvragen/C-2/status").UsingPost()).InScenario("flaky").WhenStateIs("2")
            .RespondWith(Response.Create().WithStatusCode(200));
        await MaakEnWijzigAsync("C-2");

        var ontvangen = await WachtOpAsync(3);
        await WachtOpToestandAsync("afgeleverd");

        var ids = ontvangen.Select(o => JsonDocument.Parse(o.RequestMessage!.Body!).RootElement.GetProperty("gebeurtenisId").GetString()).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task StatusChange_ReceiverAnswers400_CallbackIsDeadWithTheAnswerRecorded()
    {
        _esis.Given(Request.Create().WithPath("/swv/aanvragen/C-3/status").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "text/plain").WithBody("echo: Het OPP ontbreekt."));
        await MaakEnWijzigAsync("C-3");

        var fout = await WachtOpToestandAsync("dood");

        // Status, type and length of the answer; never its body (a receiver echoing the request would leak the toelichting).
        Assert.Equal("HTTP 400 Bad Request (text/plain, 24 bytes)", fout);
        Assert.Single(_esis.LogEntries);
    }

    private async Task<long> MaakEnWijzigAsync(string aanvraagId)
    {
        var put = await _gw.PutAsync(aanvraagId, Code, EsisVoorbeelden.Aanvraag());
        var dossier = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("dossiernummer").GetInt64();
        var (response, _) = await _gw.AdminAsync(HttpMethod.Post, $"/admin/v1/hulpvragen/{dossier}/status",
            new { status = "dossier-incompleet", kwalificatie = "SCP", toelichting = "Het OPP ontbreekt." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return dossier;
    }

    private async Task<IReadOnlyList<WireMock.Logging.ILogEntry>> WachtOpAsync(int aantal)
    {
        for (var i = 0; i < 300 && _esis.LogEntries.Count() < aantal; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(_esis.LogEntries.Count() >= aantal, $"expected {aantal} callbacks, got {_esis.LogEntries.Count()}");
        return _esis.LogEntries.ToList();
    }

    private async Task<string> WachtOpToestandAsync(string toestand)
    {
        await using var c = await _gw.Service<DbConnectionFactory>().OpenAsync(default);
        for (var i = 0; i < 300; i++)
        {
            var rij = await c.QuerySingleOrDefaultAsync<(string Toestand, string? Fout)>("SELECT toestand, laatste_fout FROM aflevering WHERE kanaal = 'esis-callback'");
            if (rij.Toestand == toestand)
            {
                return rij.Fout ?? "";
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"callback never reached '{toestand}'");
    }
}
