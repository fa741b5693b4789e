using System.Diagnostics;
using Dapper;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Email;

/// <summary>
/// Real gateway processes (not threads) on one PostgreSQL database, sending to one real SMTP server in the test
/// process: two instances send each mail once and in order per hulpvraag, and an instance killed with SIGKILL while
/// sending loses no mail (the next instance sends what it left; a repeat carries the same Message-ID).
/// </summary>
public sealed class EmailMultiProcessTests : IAsyncLifetime
{
    private const string Pepper = "gedeelde-pepper-voor-meerdere-processen-0123456789";
    private readonly TestSmtpServer _smtp = new();
    private readonly List<Process> _processen = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _uitvoer = new();
    private int _emailUit;
    private int _gestart;
    private readonly string _connectionString = PostgresServer.CreateDatabase();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp.Start();
        // E-mail on in the writing side too: each intake and status change writes its e-mail row (no dispatcher here).
        var instellingen = Email().Chunk(2).ToDictionary(p => p[0].TrimStart('-'), p => (string?)p[1]);
        instellingen["Esis:CodePepper"] = Pepper;
        _services = await new PostgresTarget().CreateServicesAsync(_connectionString, settings: instellingen);
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
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task TwoProcesses_EveryMailSentOnceInOrderPerHulpvraag()
    {
        var rijen = await MaakMailsAsync(hulpvragen: 40, wijzigingenPerHulpvraag: 4);
        Start();
        Start();

        await WachtOpAsync(rijen.Count, TimeSpan.FromSeconds(240));

        var ontvangen = _smtp.Ontvangen.ToList();
        Assert.Equal(rijen.Count, ontvangen.Count);
        Assert.Equal(rijen.Count, ontvangen.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(rijen.Select(r => $"{r.GebeurtenisId:D}@127.0.0.1").Order(), ontvangen.Select(m => m.MessageId).Order());
        foreach (var perHulpvraag in rijen.GroupBy(r => r.Dossiernummer))
        {
            var verwacht = perHulpvraag.OrderBy(r => r.Id).Select(r => (string?)$"{r.GebeurtenisId:D}@127.0.0.1").ToList();
            Assert.Equal(verwacht, ontvangen.Select(m => m.MessageId).Where(verwacht.Contains).ToList());
        }

        Assert.Equal(rijen.Count, await TelAsync("afgeleverd"));
    }

    [Fact]
    public async Task KilledWhileSending_AfterRestart_NoMailIsLost()
    {
        var rijen = await MaakMailsAsync(hulpvragen: 30, wijzigingenPerHulpvraag: 4);
        // The sink accepts 20 mails and answers 421 after that, so the kill lands mid-work however slow the machine is.
        _smtp.AannemenTot = 20;
        var eerste = Start(korteLease: true);
        for (var i = 0; i < 1500 && _smtp.Ontvangen.Count < 20 && !eerste.HasExited; i++)
        {
            await Task.Delay(20);
        }

        Assert.True(_smtp.Ontvangen.Count >= 20, $"the first process sent {_smtp.Ontvangen.Count} mails; it said:{Environment.NewLine}{string.Join(Environment.NewLine, _uitvoer)}");

        eerste.Kill(); // SIGKILL: no shutdown, leases and open SMTP sessions stay behind
        await eerste.WaitForExitAsync();
        _processen.Remove(eerste);
        eerste.Dispose();
        var voorDeCrash = _smtp.Ontvangen.Select(m => m.MessageId).Distinct().Count();
        Assert.InRange(voorDeCrash, 20, rijen.Count - 1);

        _smtp.AannemenTot = null;
        Start(korteLease: true);
        await WachtOpAsync(rijen.Count, TimeSpan.FromSeconds(240));

        Assert.Equal(rijen.Select(r => $"{r.GebeurtenisId:D}@127.0.0.1").Order(), _smtp.Ontvangen.Select(m => m.MessageId).Distinct().Order());
        Assert.Equal(rijen.Count, await TelAsync("afgeleverd"));
    }

    [Fact]
    public async Task Start_WithoutSmtpHost_SaysOnceThatEmailIsOff()
    {
        var p = Start(email: false, extra: ["--Logging:MinimumLevel", "Information"]);
        for (var i = 0; i < 1200 && Volatile.Read(ref _gestart) == 0 && !p.HasExited; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Volatile.Read(ref _gestart) == 1, $"the process did not start; it said:{Environment.NewLine}{string.Join(Environment.NewLine, _uitvoer)}");
        Assert.Equal(1, Volatile.Read(ref _emailUit));
        Assert.DoesNotContain(_uitvoer, r => r.Contains("\"Id\":6001", StringComparison.Ordinal));
    }

    /// <summary>Real hulpvragen (the recipient is read from them) with their receipt and status-change mails; returns the e-mail rows.</summary>
    private async Task<IReadOnlyList<EmailOverzicht>> MaakMailsAsync(int hulpvragen, int wijzigingenPerHulpvraag)
    {
        var intake = _services.GetRequiredService<IntakeService>();
        var status = _services.GetRequiredService<StatusService>();
        var dossiers = new List<long>();
        for (var h = 0; h < hulpvragen; h++)
        {
            var r = await intake.IndienenAsync(TestData.Aanvraag($"MP-{h}"), default);
            dossiers.Add(r.Value!.Hulpvraag.Dossiernummer);
        }

        for (var n = 1; n < wijzigingenPerHulpvraag; n++)
        {
            foreach (var d in dossiers)
            {
                var r = await status.WijzigAsync(d, new StatusWijzigingVerzoek(StatusCatalogus.InBehandeling, "SCP", $"Stap {n}: gesprek gepland.", false, null), "test", default);
                Assert.True(r.IsSuccess, r.Code);
            }
        }

        var rijen = await _services.GetRequiredService<EmailStore>().ZoekAsync(null, null, null, 10_000, default);
        Assert.Equal(hulpvragen * wijzigingenPerHulpvraag, rijen.Count);
        return rijen;
    }

    private async Task<int> TelAsync(string toestand)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<int>("SELECT count(*) FROM aflevering WHERE kanaal = 'email' AND toestand = @toestand", new { toestand });
    }

    /// <summary>Bounded: until the SMTP server has every distinct Message-ID and the rows are all finished.</summary>
    private async Task WachtOpAsync(int aantal, TimeSpan max)
    {
        var klok = Stopwatch.StartNew();
        while (klok.Elapsed < max && !_processen.Any(p => p.HasExited) && (_smtp.Ontvangen.Select(m => m.MessageId).Distinct().Count() < aantal || await TelAsync("afgeleverd") < aantal))
        {
            await Task.Delay(100);
        }

        var verstuurd = _smtp.Ontvangen.Select(m => m.MessageId).Distinct().Count();
        Assert.True(verstuurd >= aantal, $"{verstuurd} of {aantal} mails arrived; the processes said:{Environment.NewLine}{string.Join(Environment.NewLine, _uitvoer)}");
    }

    private string[] Email() =>
    [
        "--Email:Smtp:Host", "127.0.0.1", "--Email:Smtp:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Email:Smtp:Security", "None", "--Email:Afzender", "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>",
        "--Email:BasisUrl", "http://127.0.0.1:8080",
    ];

    /// <param name="korteLease">A 10 s lease (attempts may take 5 s on a loaded machine), so rows a killed process held come back soon. Otherwise the defaults (1 minute):
    /// a lease that runs out while a slow machine is still sending lets a second instance send the same mail again.</param>
    private Process Start(bool email = true, bool korteLease = false, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            GatewayDll(), "serve", "--Urls", "http://127.0.0.1:0", "--Storage:Provider", "postgres", "--ConnectionStrings:Gateway", _connectionString,
            "--Esis:CodePepper", Pepper, "--Callbacks:PollInterval", "00:00:00.050", "--Callbacks:BatchSize", "20", "--Callbacks:MaxParallel", "8",
            "--Callbacks:MinBackoff", "00:00:00.100",
        }.Concat(korteLease ? ["--Callbacks:LeaseDuration", "00:00:10", "--Callbacks:AttemptTimeout", "00:00:05"] : []).Concat(extra.Length > 0 ? extra : ["--Logging:MinimumLevel", "Warning"]).Concat(email ? Email() : []))
        {
            start.ArgumentList.Add(a);
        }

        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, e) => Bewaar(e.Data);
        p.ErrorDataReceived += (_, e) => Bewaar(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processen.Add(p);
        return p;
    }

    /// <summary>The last lines the processes wrote, for the message of a failed wait.</summary>
    private void Bewaar(string? regel)
    {
        if (regel is null)
        {
            return;
        }

        if (regel.Contains("\"Id\":6002", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _emailUit);
        }

        if (regel.Contains("Application started", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _gestart);
        }

        _uitvoer.Enqueue(regel);
        while (_uitvoer.Count > 40 && _uitvoer.TryDequeue(out _))
        {
        }
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
