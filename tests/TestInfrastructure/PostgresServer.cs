using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests. <c>GATEWAY_TEST_POSTGRES</c> names an existing one; otherwise a
/// throwaway cluster is made from the local binaries (initdb/pg_ctl) in a temp directory on a free port, and
/// stopped when the test process ends. Missing binaries fail the tests with the install command: never a silent skip.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>A fresh, empty database on the shared server, so test classes never see each other's rows.</summary>
    public static string CreateDatabase()
    {
        var adminConnectionString = Server.Value;
        var name = $"gw_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
    }

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable("GATEWAY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        var root = Path.Combine(Path.GetTempPath(), $"gw-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            Run("chown", ["-R", "postgres:postgres", root], asUser: null);
        }

        var port = FreePort();
        Run(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], asRoot ? "postgres" : null);
        Run(pgCtl, ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {root} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start"], asRoot ? "postgres" : null);

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(pgCtl, data, root, asRoot);

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100";
    }

    /// <summary>Stops the cluster (and kills its postmaster if pg_ctl cannot), then removes its folder.</summary>
    private static void Stop(string pgCtl, string data, string root, bool asRoot)
    {
        try
        {
            Run(pgCtl, ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"], asRoot ? "postgres" : null);
        }
        catch (InvalidOperationException)
        {
            KillPostmaster(data);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort at exit; scripts/test.sh removes the whole run folder anyway.
        }
    }

    private static void KillPostmaster(string data)
    {
        try
        {
            var pidFile = Path.Combine(data, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static string FindBinary(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        foreach (var dir in candidates)
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException(
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
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
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
