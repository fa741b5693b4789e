using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;
using Microsoft.Extensions.Configuration;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Hulpvraag.Gateway.Tests.Outbox;

/// <summary>
/// Real gateway processes (not threads) on one PostgreSQL database, delivering to a WireMock.Net stand-in for Esis:
/// leases keep two instances off one row, order holds per hulpvraag, and a killed instance loses nothing.
/// </summary>
public sealed class MultiProcessTests : IAsyncLifetime
{
    private const string Pepper = "gedeelde-pepper-voor-meerdere-processen-0123456789";
    private readonly WireMockServer _esis = WireMockServer.Start();
    private readonly ConcurrentDictionary<string, int> _bezig = new();
    private readonly ConcurrentBag<string> _gelijktijdig = [];
    private readonly ConcurrentQueue<(string AanvraagId, string GebeurtenisId)> _ontvangen = new();
    private readonly List<Process> _processen = [];
    private readonly string _connectionString = PostgresServer.CreateDatabase();
    private ServiceProvider _services = null!;
    private int _vertragingMs = 2;
    private int _aannemenTot = int.MaxValue;
    private int _aangenomen;

    public async Task InitializeAsync()
    {
        _esis.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(Ontvang));
        _services = await new PostgresTarget().CreateServicesAsync(_connectionString, settings: new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Callbacks:ToegestaneNetwerken:0"] = "127.0.0.0/8" },
            configure: s => s.AddGatewayEsis(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Storage:Provider"] = "postgres" }).Build()));
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _processen)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }

            await p.WaitForExitAsync();
            p.Dispose();
        }

        await _services.DisposeAsync();
        _esis.Stop();
        _esis.Dispose();
    }

    [Fact]
    public async Task ThreeProcesses_ThousandCallbacks_EachArrivesNoneTwiceAtOnceInOrderPerHulpvraag()
    {
        var geschreven = await MaakCallbacksAsync(100, 10);
        for (var i = 0; i < 3; i++)
        {
            Start();
        }

        await WachtTotAllesAsync(geschreven, TimeSpan.FromSeconds(240));

        Assert.Empty(_gelijktijdig);
        var ontvangen = _ontvangen.ToList();
        Assert.Equal(geschreven.Count, ontvangen.Select(o => o.GebeurtenisId).Distinct().Count());
        foreach (var groep in geschreven.GroupBy(g => g.Referentie))
        {
            var volgorde = ontvangen.Where(o => o.AanvraagId == groep.Key).Select(o => o.GebeurtenisId).Distinct().ToList();
            Assert.Equal(groep.Select(g => g.GebeurtenisId.ToString()), volgorde);
        }
    }

    [Fact]
    public async Task KilledWhileDelivering_AfterRestart_EveryCallbackIsDelivered()
    {
        var geschreven = await MaakCallbacksAsync(50, 10);
        // Esis accepts 100 callbacks and answers 503 after that, so the kill lands mid-work however slow the machine is.
        Volatile.Write(ref _aannemenTot, 100);
        var eerste = Start();
        for (var i = 0; i < 3000 && _ontvangen.Count < 100; i++)
        {
            await Task.Delay(20);
        }

        eerste.Kill(); // SIGKILL: no shutdown, leases stay behind
        await eerste.WaitForExitAsync();
        var voorDeCrash = _ontvangen.Select(o => o.GebeurtenisId).Distinct().Count();
        Assert.InRange(voorDeCrash, 1, geschreven.Count - 1);

        Volatile.Write(ref _aannemenTot, int.MaxValue);
        Start();
        await WachtTotAllesAsync(geschreven, TimeSpan.FromSeconds(240));

        Assert.Equal(geschreven.Count, _ontvangen.Select(o => o.GebeurtenisId).Distinct().Count());
    }

    private async Task<List<CallbackOpdracht>> MaakCallbacksAsync(int hulpvragen, int perHulpvraag)
    {
        var registratie = await _services.GetRequiredService<RegistratieService>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "test", "12AB00-meerdere-processen-1", _esis.Url + "/swv", null), "test", default);
        var outbox = _services.GetRequiredService<OutboxStore>();
        var geschreven = new List<CallbackOpdracht>();
        for (var n = 0; n < perHulpvraag; n++)
        {
            for (var h = 0; h < hulpvragen; h++)
            {
                var c = new CallbackOpdracht
                {
                    GebeurtenisId = Guid.NewGuid(),
                    Soort = CallbackSoorten.Statuswijziging,
                    Systeem = "esis",
                    Koppelsleutel = registratie.Value!.Registratie.Id.ToString(),
                    Referentie = $"H-{h}",
                    Brin = "12AB",
                    Vestiging = "00",
                    Dossiernummer = 1000 + h,
                    StatusCode = "in-behandeling",
                    Weergave = "In behandeling",
                    GewijzigdOp = DateTimeOffset.UtcNow,
                };
                await outbox.VoegToeAsync(c, default);
                geschreven.Add(c);
            }
        }

        return geschreven;
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            GatewayDll(), "serve", "--Urls", "http://127.0.0.1:0", "--Storage:Provider", "postgres", "--ConnectionStrings:Gateway", _connectionString,
            "--Esis:CodePepper", Pepper, "--Callbacks:PollInterval", "00:00:00.050", "--Callbacks:BatchSize", "20", "--Callbacks:MaxParallel", "8",
            "--Callbacks:LeaseDuration", "00:00:10", "--Callbacks:AttemptTimeout", "00:00:05", "--Callbacks:MinBackoff", "00:00:00.100", "--Logging:MinimumLevel", "Warning", "--Callbacks:ToegestaneNetwerken:0", "127.0.0.0/8",
        })
        {
            start.ArgumentList.Add(a);
        }

        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processen.Add(p);
        return p;
    }

    private async Task WachtTotAllesAsync(List<CallbackOpdracht> geschreven, TimeSpan max)
    {
        var klok = Stopwatch.StartNew();
        while (_ontvangen.Select(o => o.GebeurtenisId).Distinct().Count() < geschreven.Count && klok.Elapsed < max)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Records each delivery and whether another delivery of the same event was in flight at that moment.</summary>
    private ResponseMessage Ontvang(IRequestMessage request)
    {
        var json = JsonDocument.Parse(request.Body!).RootElement;
        var id = json.GetProperty("gebeurtenisId").GetString()!;
        if (_bezig.AddOrUpdate(id, 1, (_, n) => n + 1) > 1)
        {
            _gelijktijdig.Add(id);
        }

        Thread.Sleep(Volatile.Read(ref _vertragingMs));
        if (Interlocked.Increment(ref _aangenomen) > Volatile.Read(ref _aannemenTot))
        {
            // Esis is "full" for now: the gateway keeps the callback for a later attempt.
            _bezig.AddOrUpdate(id, 0, (_, n) => n - 1);
            return new ResponseMessage { StatusCode = 503 };
        }

        _ontvangen.Enqueue((json.GetProperty("aanvraagId").GetString()!, id));
        _bezig.AddOrUpdate(id, 0, (_, n) => n - 1);
        return new ResponseMessage { StatusCode = 200 };
    }

    /// <summary>The gateway as built with this test run (same configuration), started with dotnet as a separate process.</summary>
    private static string GatewayDll()
    {
        var configuratie = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        var pad = Path.Combine(dir!.FullName, "src", "Gateway", "bin", configuratie, "net10.0", "gateway.dll");
        Assert.True(File.Exists(pad), $"{pad} not built");
        return pad;
    }
}
