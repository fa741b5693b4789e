using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>
/// A PostgreSQL cluster of its own (initdb/pg_ctl in a temp directory, free port) for tests that stop and restart the
/// server, which the shared test server must never be. Removed on dispose.
/// </summary>
internal sealed class EigenPostgres : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"gw-pg-eigen-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly string _pgCtl = Binary("pg_ctl");
    private readonly bool _alsRoot = Environment.UserName == "root";
    private readonly int _poort = VrijePoort();

    public EigenPostgres()
    {
        Directory.CreateDirectory(_root);
        if (_alsRoot)
        {
            Run("chown", ["-R", "postgres:postgres", _root], asUser: null);
        }

        Run(Binary("initdb"), ["-D", Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], _alsRoot ? "postgres" : null);
        Start();
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_poort};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    private string Data => Path.Combine(_root, "data");

    public void Start() => PgCtl("-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_poort} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    public void Herstart() => PgCtl("-m", "fast", "-w", "-t", "60", "restart");

    public void Stop() => PgCtl("-m", "fast", "-w", "-t", "60", "stop");

    public void Dispose()
    {
        try
        {
            PgCtl("-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }

    private void PgCtl(params string[] args) => Run(_pgCtl, ["-D", Data, .. args], _alsRoot ? "postgres" : null);

    private static string Binary(string naam) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : [])
            .Select(d => Path.Combine(d, naam)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"PostgreSQL's '{naam}' was not found. Install the server (apt-get install -y postgresql).");

    private static int VrijePoort()
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
