using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Deploy;

/// <summary>
/// docs/operations.md "Restore", performed: pg_dump of a database with hulpvragen, attachments and an audit chain; a new
/// cluster (initdb, pg_ctl); pg_restore into it; the real gateway program started against it serves the data,
/// `gateway health` says ready and `gateway audit verify` says the chain holds. Everything is removed afterwards.
/// </summary>
public sealed class RestoreProcedureTests : IAsyncLifetime
{
    private const string Pepper = "herstel-test-pepper-0123456789-abcdefghijklmnop";
    private const string BootstrapKey = "herstel-test-bootstrap-key-0123456789abcdef";
    private readonly string _map = Path.Combine(Path.GetTempPath(), $"gw-restore-{Guid.NewGuid():N}");
    private readonly List<Process> _processen = [];
    private string? _cluster;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_map);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _processen.Where(p => !p.HasExited))
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        if (_cluster is not null)
        {
            await RunAsync(Pg("pg_ctl"), ["-D", _cluster, "-m", "immediate", "-w", "stop"], alsPostgres: true, controleer: false);
        }

        Directory.Delete(_map, recursive: true);
    }

    [Fact]
    public async Task Restore_DumpIntoANewCluster_GatewayServesTheDataAndTheAuditChainVerifies()
    {
        // A production database with data: a hulpvraag with an attachment and audit entries.
        var bron = PostgresServer.CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(7));
        long dossier;
        var pdf = TestData.Pdf("herstel", opvulling: 50_000);
        await using (var services = await new PostgresTarget().CreateServicesAsync(bron, clock))
        {
            var r = await services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag(bijlagen: [TestData.Bijlage(pdf)]), default);
            dossier = r.Value!.Hulpvraag.Dossiernummer;
            await services.GetRequiredService<AuditStore>().SchrijfAsync(new AuditRegel(clock.GetUtcNow(), "cli:beheer", "apikey.aanmaken", "apikey:x", null), default);
            await services.GetRequiredService<Hulpvraag.Gateway.Admin.ApiKeyStore>().MaakAsync("monitoring", "helpdesk", "cli:beheer", default);
        }

        // 1. Backup: pg_dump in the custom format.
        var dump = Path.Combine(_map, "gateway.dump");
        await RunAsync(Pg("pg_dump"), ["--format=custom", "--file", dump, "--dbname", Libpq(bron)]);

        // 2. A new, empty cluster (another machine in real life).
        _cluster = Path.Combine(_map, "cluster");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _map]);
        }

        var port = VrijePoort();
        await RunAsync(Pg("initdb"), ["-D", _cluster, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], alsPostgres: true);
        await RunAsync(Pg("pg_ctl"), ["-D", _cluster, "-l", Path.Combine(_map, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {_map} -c fsync=off", "start"], alsPostgres: true);
        var doel = $"Host=127.0.0.1;Port={port};Username=postgres;Database=hulpvraag";

        // 3. Restore: create the database, pg_restore without the old owner.
        await RunAsync(Pg("createdb"), ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "hulpvraag"]);
        await RunAsync(Pg("pg_restore"), ["--no-owner", "--exit-on-error", "--dbname", Libpq(doel), dump]);

        // 4. The gateway program against the restored database.
        var omgeving = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__Gateway"] = doel,
            ["Esis__CodePepper"] = Pepper,
            ["Admin__BootstrapKey"] = BootstrapKey,
            ["Callbacks__DispatcherEnabled"] = "false",
        };
        var webPoort = VrijePoort();
        var gateway = StartGateway(["serve"], omgeving, webPoort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPoort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapKey);
        await WachtOpGereedAsync(http, gateway);

        var antwoord = await http.GetAsync(new Uri($"/admin/v1/hulpvragen/{dossier}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, antwoord.StatusCode);
        using var json = JsonDocument.Parse(await antwoord.Content.ReadAsStringAsync());
        Assert.Equal(dossier, json.RootElement.GetProperty("dossiernummer").GetInt64());
        var bijlageId = json.RootElement.GetProperty("bijlagen")[0].GetProperty("id").GetString();
        Assert.Equal(pdf, await http.GetByteArrayAsync(new Uri($"/admin/v1/hulpvragen/{dossier}/bijlagen/{bijlageId}", UriKind.Relative)));

        // 5. The checks an operator runs after a restore.
        var health = await RunGatewayCliAsync(["health", "--url", $"http://127.0.0.1:{webPoort}"], omgeving);
        Assert.True(health.ExitCode == 0, health.Output);
        var verify = await RunGatewayCliAsync(["audit", "verify"], omgeving);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("Auditketen klopt: ", verify.Output, StringComparison.Ordinal);

        gateway.Kill(entireProcessTree: true);
        await gateway.WaitForExitAsync();
        var nietGereed = await RunGatewayCliAsync(["health", "--url", $"http://127.0.0.1:{webPoort}", "--timeout", "2"], omgeving);
        Assert.Equal(1, nietGereed.ExitCode);
    }

    private static async Task WachtOpGereedAsync(HttpClient http, Process gateway)
    {
        // Start-up on a busy machine: wait for readiness itself (not a time), give up only if the process ends.
        while (!gateway.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"gateway exited with {gateway.ExitCode} before it was ready");
    }

    private Process StartGateway(string[] args, Dictionary<string, string> omgeving, int poort)
    {
        var start = GatewayStart(args, omgeving);
        start.Environment["Urls"] = $"http://127.0.0.1:{poort}";
        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processen.Add(p);
        return p;
    }

    private async Task<(int ExitCode, string Output)> RunGatewayCliAsync(string[] args, Dictionary<string, string> omgeving)
    {
        using var p = Process.Start(GatewayStart(args, omgeving))!;
        _processen.Add(p);
        var uit = p.StandardOutput.ReadToEndAsync();
        var fout = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        _processen.Remove(p);
        return (p.ExitCode, await uit + await fout);
    }

    private static ProcessStartInfo GatewayStart(string[] args, Dictionary<string, string> omgeving)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in omgeving)
        {
            start.Environment[k] = v;
        }

        return start;
    }

    /// <summary>The Npgsql connection string as a libpq one (pg_dump, pg_restore).</summary>
    private static string Libpq(string npgsql)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(npgsql);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
    }

    private static string Pg(string naam)
    {
        var mappen = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return mappen.Select(d => Path.Combine(d, naam)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"PostgreSQL's '{naam}' was not found: apt-get install -y postgresql.");
    }

    private static int VrijePoort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string bestand, string[] args, bool alsPostgres = false, bool controleer = true)
    {
        var asRoot = alsPostgres && Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : bestand) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", bestand })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var uit = p.StandardOutput.ReadToEndAsync();
        var fout = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (controleer && p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{bestand} {string.Join(' ', args)} failed ({p.ExitCode}): {await uit} {await fout}");
        }
    }
}
