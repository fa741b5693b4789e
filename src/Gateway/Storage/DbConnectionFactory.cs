using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Opens connections for the configured provider. SQLite connections get foreign keys and a busy timeout, so
/// concurrent writers in one process queue instead of failing; PostgreSQL connections come from one pooled
/// <see cref="NpgsqlDataSource"/>.
/// </summary>
public sealed class DbConnectionFactory : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _sqliteConnectionString;

    public DbConnectionFactory(IOptions<StorageOptions> options)
    {
        Provider = options.Value.Provider;
        Dialect = SqlDialect.Voor(Provider);
        if (Provider == StorageProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
            if (builder.MaxAutoPrepare == 0)
            {
                // The same few statements run on every request: prepared once per connection, PostgreSQL skips parse
                // and plan (less database CPU under load). An explicit setting in the connection string wins.
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            if (!ConnectionStringNames(options.Value.ConnectionString).Contains("noresetonclose"))
            {
                // Npgsql resets every returned connection with four statements (SET SESSION AUTHORIZATION, RESET ALL,
                // advisory unlock, CLOSE ALL): a third of PostgreSQL's CPU per OSO notificatie in the bench. The gateway
                // leaves no session state on a pooled connection (no SET, no advisory or cursor outside a transaction;
                // a transaction is always committed or rolled back), so there is nothing to reset. An explicit setting wins.
                builder.NoResetOnClose = true;
            }

            _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString)
            {
                ForeignKeys = true,
                DefaultTimeout = 30,
                Pooling = true,
            };
            EnsureDirectory(builder.DataSource);
            _sqliteConnectionString = builder.ToString();
        }
    }

    public StorageProvider Provider { get; }

    /// <summary>The SQL fragments that differ per provider; stores use these instead of testing the provider.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The keys of a connection string, lower case without spaces ("No Reset On Close" → "noresetonclose").</summary>
    private static HashSet<string> ConnectionStringNames(string? connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString ?? string.Empty }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>For choices of behaviour, not of SQL (a feature that needs a shared database); SQL differences go in <see cref="Dialect"/>.</summary>
    public bool IsPostgres => Provider == StorageProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static void EnsureDirectory(string dataSource)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
