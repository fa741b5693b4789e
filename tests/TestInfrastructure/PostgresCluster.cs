using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster made from the local binaries (initdb/pg_ctl) in a temp folder on a free port. A
/// parent-death watchdog (<see cref="OpruimWacht"/>) stops it and removes its folder if the test process is killed;
/// <see cref="Dispose"/> does the same on a normal end. Missing binaries fail with the install command.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _root;
    private readonly string _pgCtl = FindBinary("pg_ctl");
    private readonly bool _asRoot = Environment.UserName == "root";
    private readonly string _extraOptions;
    private readonly OpruimWacht _wacht;
    private bool _disposed;

    /// <param name="naam">Part of the folder name, <c>gw-pg-&lt;pid&gt;-&lt;naam&gt;-…</c> (scripts/test.sh sweeps by the pid).</param>
    /// <param name="extraOptions">Further server options (<c>-c name=value …</c>).</param>
    public PostgresCluster(string naam, string extraOptions = "")
    {
        _root = Path.Combine(Path.GetTempPath(), $"gw-pg-{Environment.ProcessId}-{naam}-{Guid.NewGuid():N}");
        _extraOptions = extraOptions;
        Port = FreePort();
        Directory.CreateDirectory(_root);
        var pgCtl = OpruimWacht.Shell(_pgCtl);
        var stop = _asRoot ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
        _wacht = OpruimWacht.Start($"""
            {stop} -D {OpruimWacht.Shell(Data)} -m immediate -w -t 20 stop
            rm -rf {OpruimWacht.Shell(_root)}
            """);
        try
        {
            if (_asRoot)
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user.
                Run("chown", ["-R", "postgres:postgres", _root], asUser: null);
            }

            Run(FindBinary("initdb"), ["-D", Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], User);
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The superuser's connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string Data => Path.Combine(_root, "data");

    private string? User => _asRoot ? "postgres" : null;

    public void Start() => PgCtl("-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off {_extraOptions}".TrimEnd(),
        "start");

    public void Restart() => PgCtl("-m", "fast", "-w", "-t", "60", "restart");

    public void Stop() => PgCtl("-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>Stops the cluster (killing its postmaster if pg_ctl cannot), removes its folder and ends the watchdog.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            PgCtl("-m", "immediate", "-w", "-t", "20", "stop");
        }
        catch (InvalidOperationException)
        {
            KillPostmaster();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left to the watchdog and scripts/test.sh's sweep.
            return;
        }

        _wacht.Dispose();
    }

    private void KillPostmaster()
    {
        try
        {
            var pidFile = Path.Combine(Data, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Already gone (or never started).
        }
    }

    private void PgCtl(params string[] args) => Run(_pgCtl, ["-D", Data, .. args], User);

    private static string FindBinary(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"PostgreSQL's '{name}' was not found. Install the server (apt-get install -y postgresql) or set GATEWAY_TEST_POSTGRES to a connection string.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments, string? asUser)
    {
        var start = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
        }
    }
}
