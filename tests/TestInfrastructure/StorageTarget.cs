using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>Which real store a contract test class runs against: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public abstract class StorageTarget
{
    public abstract string Provider { get; }

    /// <summary>A new, empty store location: every call gives a database nobody else uses.</summary>
    public abstract string NewConnectionString();

    /// <summary>The gateway's own service registration against the given store, migrated, with a controllable clock.</summary>
    public async Task<ServiceProvider> CreateServicesAsync(
        string connectionString, FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = Provider,
            ["ConnectionStrings:Gateway"] = connectionString,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddGatewayCore(configuration);
        if (clock is not null)
        {
            services.AddSingleton<TimeProvider>(clock);
        }

        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return provider;
    }
}

public sealed class SqliteTarget : StorageTarget
{
    private static readonly string Root = CreateRoot();

    public override string Provider => "sqlite";

    public override string NewConnectionString() =>
        $"Data Source={Path.Combine(Root, Guid.NewGuid().ToString("N"), "gateway.db")}";

    /// <summary>A new, not yet existing folder under this process's SQLite root (removed with it).</summary>
    public static string NewFolder() => Path.Combine(Root, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// One folder per test process, removed when the process ends; if the process is killed (no .NET code runs any
    /// more), a watchdog removes it, so runs outside scripts/test.sh leave nothing behind either.
    /// </summary>
    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"gw-sqlite-{Environment.ProcessId}");
        var wacht = OpruimWacht.Start($"rm -rf {OpruimWacht.Shell(root)}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Opruimen(root, wacht);
        return root;
    }

    internal static void Opruimen(string root, OpruimWacht wacht)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open: the watchdog removes the folder once this process is gone.
            return;
        }

        wacht.Dispose();
    }
}

public sealed class PostgresTarget : StorageTarget
{
    public override string Provider => "postgres";

    public override string NewConnectionString() => PostgresServer.CreateDatabase();
}
