using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>
/// The hostile corpus of issue 14 (bench/hostile/corpus.json, also replayed against a running gateway by
/// bench/hostile/replay.py), per surface: each input with the status and code it must get. Never a 5xx, never an
/// uncoded refusal.
/// </summary>
public sealed partial class VijandigCorpusTests : IClassFixture<VijandigCorpusTests.CorpusGateway>
{
    private const string Code = "12AB00-vijandig-corpus-2026";
    private readonly CorpusGateway _gw;

    public VijandigCorpusTests(CorpusGateway gw) => _gw = gw;

    public sealed class CorpusGateway : IAsyncLifetime
    {
        public EsisGateway Esis { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Esis = await EsisGateway.StartAsync(new SqliteTarget());
            await Esis.RegistreerAsync(Code);
            var voorbereiding = Corpus.Value["voorbereiding"]!.AsObject();
            var antwoord = await StuurAsync(Esis, voorbereiding);
            Assert.True(antwoord.Status is 200 or 201, $"voorbereiding: {antwoord.Status}");
        }

        public async Task DisposeAsync() => await Esis.DisposeAsync();
    }

    private static readonly Lazy<JsonObject> Corpus = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vijandig-corpus.json")))!.AsObject());

    public static TheoryData<string, string> Gevallen()
    {
        var data = new TheoryData<string, string>();
        foreach (var geval in Corpus.Value["gevallen"]!.AsArray())
        {
            var naam = (string)geval!["naam"]!;
            data.Add(naam[..naam.IndexOf(':', StringComparison.Ordinal)], naam);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Gevallen))]
    public async Task Send_HostileInput_GetsTheExpectedStatusAndCode(string oppervlak, string naam)
    {
        var geval = Corpus.Value["gevallen"]!.AsArray().Single(g => (string)g!["naam"]! == naam)!.AsObject();

        var (status, code) = await StuurAsync(_gw.Esis, geval);

        Assert.True(status < 500, $"{oppervlak}/{naam}: {status}");
        Assert.Equal(((int)geval["status"]!, (string?)geval["code"]), (status, code));
    }

    private static async Task<(int Status, string? Code)> StuurAsync(EsisGateway gw, JsonObject geval)
    {
        var body = geval["body"]?.AsObject();
        if (body?["raw"] is { } raw)
        {
            return await RauwAsync(gw, Vervang((string)raw!), body["halfSluiten"]?.GetValue<bool>() == true);
        }

        using var request = new HttpRequestMessage(new HttpMethod((string)geval["methode"]!), Vervang((string)geval["pad"]!));
        if (body is not null)
        {
            var tekst = body["tekst"] is { } t ? Vervang((string)t!)
                : body["json"] is { } j ? Breid(j)!.ToJsonString()
                : Aanvraag(body["aanvraag"]!.AsObject()).ToJsonString();
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(tekst));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", (string?)geval["contentType"] ?? "application/json");
        }

        switch ((string?)geval["auth"])
        {
            case "esis":
                request.Headers.TryAddWithoutValidation("X-Esis-Verificatiecode", Code);
                break;
            case "admin":
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EsisGateway.Bootstrap);
                break;
        }

        if ((string?)geval["accept"] is { } accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await gw.Client.SendAsync(request);
        return ((int)response.StatusCode, CodeUit(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<(int, string?)> RauwAsync(EsisGateway gw, string verzoek, bool halfSluiten)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gw.Client.BaseAddress!.Host, gw.Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(verzoek));
        if (halfSluiten)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        using var lezer = new StreamReader(stream, Encoding.UTF8);
        var antwoord = await lezer.ReadToEndAsync();
        var status = StatusRegel().Match(antwoord);
        return (status.Success ? int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, CodeUit(antwoord));
    }

    private static string? CodeUit(string antwoord) =>
        JsonCode().Match(antwoord) is { Success: true } j ? j.Groups[1].Value
        : SoapCode().Match(antwoord) is { Success: true } s ? s.Groups[1].Value
        : null;

    /// <summary>A valid Esis aanvraag with the case's changes applied by dotted path (null removes the field).</summary>
    private static JsonObject Aanvraag(JsonObject wijzigingen)
    {
        var aanvraag = EsisVoorbeelden.Aanvraag();
        foreach (var (pad, waarde) in wijzigingen)
        {
            var delen = pad.Split('.');
            var ouder = aanvraag;
            foreach (var deel in delen[..^1])
            {
                ouder = ouder[deel]!.AsObject();
            }

            if (waarde is null)
            {
                ouder.Remove(delen[^1]);
            }
            else
            {
                ouder[delen[^1]] = Breid(waarde);
            }
        }

        return aanvraag;
    }

    /// <summary>Expands the corpus generators: <c>{"$herhaal": "x", "aantal": N}</c> and <c>{"$lijst": item, "aantal": N}</c>.</summary>
    private static JsonNode? Breid(JsonNode? knoop) => knoop switch
    {
        JsonObject o when o["$herhaal"] is { } h => JsonValue.Create(new StringBuilder().Insert(0, (string)h!, (int)o["aantal"]!).ToString()),
        JsonObject o when o["$lijst"] is { } l => new JsonArray(Enumerable.Range(0, (int)o["aantal"]!).Select(_ => Breid(l)).ToArray()),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Breid(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Breid).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(Vervang((string)v!)),
        _ => knoop?.DeepClone(),
    };

    private static string Vervang(string tekst) =>
        Herhaal().Replace(tekst.Replace("{code}", Code, StringComparison.Ordinal),
            m => new string(m.Groups[1].Value[0], int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{herhaal:(.):(\d+)\}")]
    private static partial Regex Herhaal();

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3}) ")]
    private static partial Regex StatusRegel();

    [GeneratedRegex("\"code\":\"([A-Z_]+)\"")]
    private static partial Regex JsonCode();

    [GeneratedRegex("<gw:code>([A-Z_]+)</gw:code>")]
    private static partial Regex SoapCode();
}
