using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Limieten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit.Abstractions;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>
/// A real gateway process under a steady, bounded Esis and OSO load while its PostgreSQL restarts (pg_ctl restart -m
/// fast) and then stops for 20 s: every 201 and every NotificatieOntvangen was stored, everything else was a 503 (a
/// SOAP fault for OSO), /health/ready follows the database, the instance serves again by itself, the outbox delivers
/// what was queued and the pull fetches every stored notificatie. Runs on a cluster of its own.
/// </summary>
public sealed class PostgresUitvalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Pepper = "pepper-voor-de-uitvaltest-met-genoeg-tekens-01234";
    private const string Code = "12AB00-uitval-test-code-01";
    private readonly EigenPostgres _postgres = new();
    private readonly WireMockServer _esis = WireMockServer.Start();
    private readonly OsoStandIn _oso = new();
    private readonly ConcurrentQueue<(string Koppelsleutel, HttpStatusCode Status, bool Ontvangen, bool Fout, TimeSpan Op)> _osoAntwoorden = new();
    private readonly ConcurrentQueue<(string Id, HttpStatusCode Status, TimeSpan Op)> _antwoorden = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, TimeSpan Op)> _ready = new();
    private readonly Stopwatch _klok = Stopwatch.StartNew();
    private ServiceProvider _services = null!;
    private GatewayProcessen _gateway = null!;
    private string _connectionString = "";
    private int _volgnummer;

    public async Task InitializeAsync()
    {
        _esis.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using (var admin = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await admin.ExecuteAsync("CREATE DATABASE gateway");
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Database = "gateway" }.ToString();
        // The test's own connections are not pooled: after the restart a pooled one would be broken.
        var zonderPool = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _services = await new PostgresTarget().CreateServicesAsync(zonderPool, settings: new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Callbacks:AllowedNetworks:0"] = "127.0.0.0/8" },
            configure: s => s.AddGatewayEsis(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Storage:Provider"] = "postgres", ["Callbacks:AllowedNetworks:0"] = "127.0.0.0/8" }).Build()));
        var instellingen = new Dictionary<string, string>(_oso.Instellingen())
        {
            ["Esis:CodePepper"] = Pepper,
            ["RateLimits:PerAddressPerSecond"] = "0",
            ["Callbacks:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Callbacks:PollInterval"] = "00:00:00.200",
            ["Callbacks:MinBackoff"] = "00:00:00.200",
            ["Callbacks:MaxBackoff"] = "00:00:01",
            // A callback in flight when the database went away keeps its lease (its outcome could not be written) and
            // comes back when the lease ends: a short lease keeps that wait inside the test's patience.
            ["Callbacks:AttemptTimeout"] = "00:00:05",
            ["Callbacks:LeaseDuration"] = "00:00:10",
        };
        _gateway = await GatewayProcessen.StartAsync(1, _connectionString, instellingen);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _esis.Stop();
        _esis.Dispose();
        _oso.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task RestartAndTwentySecondStop_UnderEsisAndOsoLoad_EveryAcknowledgementStoredOthers503ReadyFollowsAndServiceResumes()
    {
        var registratie = await _services.GetRequiredService<RegistratieService>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "test", Code, _esis.Url + "/swv", null), "test", default);
        Assert.True(registratie.IsSuccess, string.Join("; ", registratie.Fouten.Select(f => f.Melding)));
        var register = _services.GetRequiredService<OsoRegisterService>();
        Assert.True((await register.ZetMandaatAsync(OsoStandIn.Brin, OsoStandIn.SupplierOin, "Topicus", null, null, "test", default)).IsSuccess);
        Assert.True((await register.ZetEndpointAsync(OsoStandIn.Kenmerk, OsoStandIn.Brin, _oso.EndpointUrl, OsoStandIn.SupplierOin, "test", default)).IsSuccess);
        var client = _gateway.Clients[0];
        using var stop = new CancellationTokenSource();
        var last = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => LaadAsync(client, stop.Token))
            .Append(LaadOsoAsync(client, stop.Token)).Append(VolgReadyAsync(client, stop.Token)));

        await Task.Delay(2000);
        _postgres.Herstart();
        await Task.Delay(3000);
        var callbacks = await ZetCallbacksKlaarAsync(registratie.Value!.Registratie.Id.ToString(), 20);
        _postgres.Stop();
        var gestopt = _klok.Elapsed;
        await Task.Delay(20_000);
        _postgres.Start();
        var terug = _klok.Elapsed;
        var wachtTot = Stopwatch.StartNew();
        while ((!_antwoorden.Any(a => a.Status == HttpStatusCode.Created && a.Op > terug) || !_osoAntwoorden.Any(a => a.Ontvangen && a.Op > terug))
               && wachtTot.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await Task.Delay(2000);
        await stop.CancelAsync();
        await last;

        var antwoorden = _antwoorden.ToList();
        var opgeslagen = await OpgeslagenAsync();
        var eersteNaTerug = antwoorden.Where(a => a.Status == HttpStatusCode.Created && a.Op > terug).Select(a => a.Op).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"requests: {antwoorden.Count}, 201: {antwoorden.Count(a => a.Status == HttpStatusCode.Created)}, 503: {antwoorden.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)}, stored: {opgeslagen.Count}, first 201 after the database was back: {(eersteNaTerug - terug).TotalSeconds:0.00} s");

        Assert.All(antwoorden, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.All(antwoorden.Where(a => a.Status == HttpStatusCode.Created), a => Assert.Contains(a.Id, opgeslagen));
        Assert.Contains(antwoorden, a => a.Status == HttpStatusCode.ServiceUnavailable && a.Op > gestopt && a.Op < terug);
        Assert.Contains(antwoorden, a => a.Status == HttpStatusCode.Created && a.Op > terug);
        Assert.Contains(_ready, r => r.Status == HttpStatusCode.ServiceUnavailable && r.Op > gestopt && r.Op < terug);
        Assert.Equal(HttpStatusCode.OK, _ready.Last().Status);
        await WachtTotAfgeleverdAsync(callbacks);
        var afgeleverd = await ScalarAsync("SELECT COUNT(*) FROM aflevering WHERE kanaal = 'esis-callback' AND toestand = 'afgeleverd'");
        if (afgeleverd < callbacks.Count)
        {
            output.WriteLine("callbacks not delivered: " + await StandCallbacksAsync());
        }

        Assert.Equal(callbacks.Count, afgeleverd);

        // OSO: every NotificatieOntvangen stored, every other answer a 503 SOAP fault (also while the database was away),
        // and the pull carried on after the outage: every stored notificatie fetched, no fetch left waiting or dead.
        var oso = _osoAntwoorden.ToList();
        var notificaties = await NotificatiesAsync();
        var eersteOsoNaTerug = oso.Where(a => a.Ontvangen && a.Op > terug).Select(a => a.Op).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"OSO notificaties: {oso.Count}, NotificatieOntvangen: {oso.Count(a => a.Ontvangen)}, 503 fault: {oso.Count(a => a.Fout)}, stored: {notificaties.Count}, first NotificatieOntvangen after the database was back: {(eersteOsoNaTerug - terug).TotalSeconds:0.00} s");
        Assert.All(oso, a => Assert.True(a.Ontvangen || (a.Status == HttpStatusCode.ServiceUnavailable && a.Fout), $"{a.Status} at {a.Op}"));
        Assert.All(oso.Where(a => a.Ontvangen), a => Assert.Contains(a.Koppelsleutel, notificaties.Keys));
        Assert.Contains(oso, a => a.Fout && a.Op > gestopt && a.Op < terug);
        Assert.Contains(oso, a => a.Ontvangen && a.Op > terug);
        // A fetch in flight when the database went away keeps its lease (Oso:FetchLease, at least 2 minutes) and is
        // taken again after it; every notificatie acknowledged after the database was back must be fetched now.
        var naTerug = oso.Where(a => a.Ontvangen && a.Op > terug).Select(a => a.Koppelsleutel).ToList();
        var stand = await WachtTotOpgehaaldAsync(naTerug);
        output.WriteLine($"oso_notificatie: {string.Join(", ", stand.Values.GroupBy(t => t).Select(g => $"{g.Key}={g.Count()}"))}; document requests {_oso.DocumentVerzoeken}, terugkoppelingen {_oso.Terugkoppelingen}");
        Assert.All(naTerug, k => Assert.Equal(NotificatieToestanden.Opgehaald, stand[k]));
        Assert.All(stand.Values, t => Assert.Contains(t, new[] { NotificatieToestanden.Opgehaald, NotificatieToestanden.Wachtend }));
        Assert.True(_oso.Terugkoppelingen >= naTerug.Count, $"{_oso.Terugkoppelingen} terugkoppelingen for {naTerug.Count} dossiers fetched after the outage");
    }

    private async Task LaadOsoAsync(HttpClient client, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var bericht = _oso.Notificatie(out var koppelsleutel);
            using var content = new ByteArrayContent(bericht);
            content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
            var response = await client.PostAsync(new Uri("/oso/v1/swv", UriKind.Relative), content, CancellationToken.None);
            var antwoord = await response.Content.ReadAsStringAsync(CancellationToken.None);
            _osoAntwoorden.Enqueue((koppelsleutel, response.StatusCode,
                response.StatusCode == HttpStatusCode.OK && antwoord.Contains("NotificatieOntvangen", StringComparison.Ordinal),
                antwoord.Contains(":Fault", StringComparison.Ordinal) && antwoord.Contains("OPSLAG_ONBEREIKBAAR", StringComparison.Ordinal),
                _klok.Elapsed));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<Dictionary<string, string>> NotificatiesAsync()
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return (await c.QueryAsync<(string Koppelsleutel, string Toestand)>("SELECT koppelsleutel, toestand FROM oso_notificatie"))
            .ToDictionary(r => r.Koppelsleutel, r => r.Toestand, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> WachtTotOpgehaaldAsync(List<string> koppelsleutels)
    {
        var klok = Stopwatch.StartNew();
        var stand = await NotificatiesAsync();
        while (koppelsleutels.Any(k => stand.GetValueOrDefault(k) != NotificatieToestanden.Opgehaald) && klok.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            stand = await NotificatiesAsync();
        }

        return stand;
    }

    private async Task LaadAsync(HttpClient client, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var id = $"E-uitval-{Interlocked.Increment(ref _volgnummer)}";
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/esis/v1/aanvragen/{id}")
            {
                Content = new StringContent(Aanvraag().ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Esis-Verificatiecode", Code);
            var response = await client.SendAsync(request, CancellationToken.None);
            _antwoorden.Enqueue((id, response.StatusCode, _klok.Elapsed));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private async Task VolgReadyAsync(HttpClient client, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var response = await client.GetAsync("/health/ready", CancellationToken.None);
            _ready.Enqueue((response.StatusCode, _klok.Elapsed));
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task<List<Guid>> ZetCallbacksKlaarAsync(string kanaal, int aantal)
    {
        var outbox = _services.GetRequiredService<OutboxStore>();
        var ids = new List<Guid>();
        for (var i = 0; i < aantal; i++)
        {
            var c = new CallbackOpdracht
            {
                GebeurtenisId = Guid.NewGuid(), Soort = CallbackSoorten.Statuswijziging, Systeem = "esis", Koppelsleutel = kanaal, Referentie = $"H-{i}",
                Brin = "12AB", Vestiging = "00", Dossiernummer = 1000 + i, StatusCode = "in-behandeling", Weergave = "In behandeling", GewijzigdOp = DateTimeOffset.UtcNow,
            };
            await outbox.VoegToeAsync(c, default);
            ids.Add(c.GebeurtenisId);
        }

        return ids;
    }

    private async Task WachtTotAfgeleverdAsync(List<Guid> callbacks)
    {
        var klok = Stopwatch.StartNew();
        // Patience: the lease (10 s) of a callback caught by the outage, then its backoff, on a loaded machine.
        while (await ScalarAsync("SELECT COUNT(*) FROM aflevering WHERE kanaal = 'esis-callback' AND toestand = 'afgeleverd'") < callbacks.Count && klok.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200);
        }
    }

    private async Task<HashSet<string>> OpgeslagenAsync()
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return (await c.QueryAsync<string>("SELECT referentie FROM hulpvraag")).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Per callback row still open: its state, attempts, lease and last error, to read a failure by.</summary>
    private async Task<string> StandCallbacksAsync()
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        var rijen = await c.QueryAsync<(string Toestand, int Pogingen, DateTime? LeaseTot, DateTime VolgendePoging, string? Fout)>(
            "SELECT toestand, pogingen, lease_tot, volgende_poging_op, laatste_fout FROM aflevering WHERE kanaal = 'esis-callback' AND toestand <> 'afgeleverd'");
        return $"now {DateTime.UtcNow:HH:mm:ss.fff}; " + string.Join("; ", rijen.Select(r => $"{r.Toestand} x{r.Pogingen} lease {r.LeaseTot:HH:mm:ss.fff} next {r.VolgendePoging:HH:mm:ss.fff} {r.Fout}"));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static JsonObject Aanvraag() => new()
    {
        ["samenwerkingsverband"] = "PO2806",
        ["school"] = new JsonObject { ["brin"] = "12AB", ["vestiging"] = "00", ["naam"] = "OBS De Regenboog" },
        ["contactpersoon"] = new JsonObject { ["naam"] = "J. de Vries", ["email"] = "ib@regenboog.nl", ["telefoon"] = "0101234567" },
        ["korteOmschrijving"] = "Ambulante Begeleiding",
        ["zorgvraag"] = "Op het gebied van gedrag",
        ["oppToevoegen"] = false,
        ["niveau"] = "leerling",
        ["leerling"] = new JsonObject
        {
            ["leerlingId"] = "E-778", ["roepnaam"] = "Daan", ["voornamen"] = "Daan Pieter", ["tussenvoegsel"] = "van de",
            ["achternaam"] = "Berg", ["geboortedatum"] = "2017-03-17", ["geslacht"] = "man", ["groep"] = "5",
        },
        ["bijlagen"] = new JsonArray(),
    };
}
