using Npgsql;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests. <c>GATEWAY_TEST_POSTGRES</c> names an existing one; otherwise a
/// throwaway <see cref="PostgresCluster"/> is started, stopped when the test process ends (by its watchdog if the
/// process is killed). Missing binaries fail the tests with the install command: never a silent skip.
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

        var cluster = new PostgresCluster("gedeeld", "-c max_connections=300");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster.ConnectionString + ";Pooling=true;Maximum Pool Size=100";
    }
}
