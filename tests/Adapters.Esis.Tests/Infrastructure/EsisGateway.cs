using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Hulpvraag.Adapters.Esis.Tests.Infrastructure;

/// <summary>Captures every log event the gateway writes, at the most verbose level.</summary>
public sealed class VangLogs : ILogEventSink
{
    public ConcurrentQueue<string> Regels { get; } = new();

    public void Emit(LogEvent logEvent)
    {
        using var w = new StringWriter();
        new Serilog.Formatting.Json.JsonFormatter(renderMessage: true).Format(logEvent, w);
        Regels.Enqueue(w.ToString());
    }

    /// <summary>
    /// Waits until a captured event satisfies <paramref name="verwacht"/>: a test that asserts on "nothing secret in the
    /// logs" must first know the lines it is about have arrived. Fails (rather than passes) when they never do.
    /// </summary>
    public async Task WachtOpAsync(Func<string, bool> verwacht, string omschrijving, TimeSpan? uiterlijk = null)
    {
        using var cts = new CancellationTokenSource(uiterlijk ?? TimeSpan.FromSeconds(60));
        while (!Regels.Any(verwacht))
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("De verwachte logregel kwam niet: " + omschrijving);
            }
        }
    }
}

/// <summary>The real gateway with the Esis API, plus the helpdesk's registration of a school's code.</summary>
public sealed class EsisGateway : IAsyncDisposable
{
    public const string Bootstrap = "bootstrap-sleutel-voor-de-esis-tests-0123";

    private EsisGateway(GatewayTestHost host, VangLogs logs)
    {
        Host = host;
        Logs = logs;
    }

    public GatewayTestHost Host { get; }

    public VangLogs Logs { get; }

    public HttpClient Client => Host.Client;

    public static async Task<EsisGateway> StartAsync(StorageTarget? target = null, IDictionary<string, string?>? settings = null)
    {
        var logs = new VangLogs();
        var alle = new Dictionary<string, string?>
        {
            ["Admin:BootstrapKey"] = Bootstrap,
            ["Esis:CodePepper"] = "pepper-voor-de-tests-met-genoeg-tekens-0123456789",
            ["Logging:MinimumLevel"] = "Verbose",
            ["Logging:AspNetCoreLevel"] = "Verbose",
            ["Callbacks:MinBackoff"] = "00:00:00.050",
            ["Callbacks:MaxBackoff"] = "00:00:00.200",
            ["Callbacks:PollInterval"] = "00:00:00.050",
            // The WireMock stand-in for Esis listens on this machine: allowed here, never by default.
            ["Callbacks:ToegestaneNetwerken:0"] = "127.0.0.0/8",
            ["Callbacks:ToegestaneNetwerken:1"] = "::1/128",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            alle[k] = v;
        }

        var host = await GatewayTestHost.StartAsync(target ?? new SqliteTarget(), settings: alle,
            configure: b => b.Services.AddSingleton<ILogEventSink>(logs));
        return new EsisGateway(host, logs);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> AdminAsync(HttpMethod method, string pad, object? body = null)
    {
        using var request = new HttpRequestMessage(method, pad) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);
        var response = await Client.SendAsync(request);
        var tekst = await response.Content.ReadAsStringAsync();
        return (response, tekst.Length == 0 ? default : JsonDocument.Parse(tekst).RootElement.Clone());
    }

    /// <summary>Registers a code for a school, as the helpdesk does; returns the registration id and callback secret.</summary>
    public async Task<(Guid Id, string Secret)> RegistreerAsync(string code, string brin = "12AB", string vestiging = "00", string callbackUrl = "https://esis.example/swv", string omgeving = "productie")
    {
        var (response, json) = await AdminAsync(HttpMethod.Post, "/admin/v1/esis/registraties",
            new { brin, vestiging, omgeving, verificatiecode = code, callbackUrl, contactEmail = "ib@regenboog.nl" });
        response.EnsureSuccessStatusCode();
        return (json.GetProperty("registratie").GetProperty("id").GetGuid(), json.GetProperty("callbackSecret").GetString()!);
    }

    public Task<HttpResponseMessage> PutAsync(string aanvraagId, string? code, JsonNode body, string? query = null) =>
        SendAsync(HttpMethod.Put, $"/esis/v1/aanvragen/{aanvraagId}{query}", code, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string aanvraagId, string? code) =>
        SendAsync(HttpMethod.Get, $"/esis/v1/aanvragen/{aanvraagId}", code, null);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pad, string? code, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, pad) { Content = content };
        if (code is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Esis-Verificatiecode", code);
        }

        return await Client.SendAsync(request);
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

public static class EsisVoorbeelden
{
    public static byte[] Pdf(string tekst = "hallo", int opvulling = 0) => TestData.Pdf(tekst, opvulling);

    public static JsonObject Bijlage(byte[] inhoud, string naam = "Toetsoverzicht groep 5.pdf", string categorie = "toetsgegevens") => new()
    {
        ["bestandsnaam"] = naam,
        ["omschrijving"] = "Toetsoverzicht voor ouders",
        ["categorie"] = categorie,
        ["contentType"] = "application/pdf",
        ["inhoud"] = Convert.ToBase64String(inhoud),
    };

    public static JsonObject Aanvraag(string brin = "12AB", string vestiging = "00", string titel = "Ambulante Begeleiding", params JsonObject[] bijlagen) => new()
    {
        ["samenwerkingsverband"] = "PO2806",
        ["school"] = new JsonObject { ["brin"] = brin, ["vestiging"] = vestiging, ["naam"] = "OBS De Regenboog" },
        ["contactpersoon"] = new JsonObject { ["naam"] = "J. de Vries", ["email"] = "ib@regenboog.nl", ["telefoon"] = "0101234567" },
        ["korteOmschrijving"] = titel,
        ["zorgvraag"] = "Op het gebied van gedrag",
        ["oppToevoegen"] = false,
        ["niveau"] = "leerling",
        ["leerling"] = new JsonObject
        {
            ["leerlingId"] = "E-778", ["roepnaam"] = "Daan", ["voornamen"] = "Daan Pieter", ["tussenvoegsel"] = "van de",
            ["achternaam"] = "Berg", ["geboortedatum"] = "2017-03-17", ["geslacht"] = "man", ["groep"] = "5",
        },
        ["bijlagen"] = new JsonArray(bijlagen.Select(b => (JsonNode)b).ToArray()),
    };
}
