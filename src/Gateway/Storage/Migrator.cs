using Dapper;
using EvolveDb;
using Hulpvraag.Core.Logging;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Applies the versioned SQL migrations (Evolve, embedded scripts, one folder per provider). Cluster mode takes a
/// database lock on PostgreSQL, so several instances starting together migrate once.
/// </summary>
public sealed partial class Migrator(DbConnectionFactory connections, ILogger<Migrator> logger)
{
    /// <summary>The highest migration version in this build; readiness requires the database to be at it.</summary>
    public const string LatestVersion = "15";

    public bool Applied { get; private set; }

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(null, cancellationToken);

    /// <summary>Whether the store already has the gateway's schema (any version): the CLI refuses to work on one without.</summary>
    public async Task<bool> HeeftSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var vraag = connection.CreateCommand();
        vraag.CommandText = connections.Dialect.TabelBestaat("schema_versie");
        return Convert.ToBoolean(await vraag.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether this build's latest migration is recorded as applied (readiness).</summary>
    public async Task<bool> LaatsteVersieToegepastAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_versie WHERE version = @versie AND success = @ok",
            new { versie = LatestVersion, ok = true }, cancellationToken: cancellationToken)) > 0;
    }

    /// <param name="totVersie">Stop at this version (tests of a migration fill a database at the version before it).</param>
    internal async Task<int> MigrateAsync(string? totVersie, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var dialect = connections.Dialect;
        var provider = dialect.Naam;
        var evolve = new Evolve(connection, message => LogEvolve(logger, message))
        {
            EmbeddedResourceAssemblies = [typeof(Migrator).Assembly],
            EmbeddedResourceFilters = [$"Hulpvraag.Gateway.Storage.Migrations.{provider}."],
            IsEraseDisabled = true,
            EnableClusterMode = dialect.MigratieMetSlot,
            MetadataTableName = "schema_versie",
        };
        if (totVersie is not null)
        {
            evolve.TargetVersion = new EvolveDb.Migration.MigrationVersion(totVersie);
        }

        // Evolve is synchronous; keep it off the request threads.
        try
        {
            await Task.Run(evolve.Migrate, cancellationToken);
        }
        finally
        {
            if (dialect.NaMigratieAltijd is { } altijd)
            {
                await using var unlock = connection.CreateCommand();
                unlock.CommandText = altijd;
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        if (dialect.NaMigratie is { } na)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = na;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        Applied = true;
        LogMigrated(logger, provider, evolve.NbMigration);
        return evolve.NbMigration;
    }

    [LoggerMessage(EventId = LogEventIds.MigratieEvolve, Level = LogLevel.Debug, Message = "Evolve: {Message}")]
    private static partial void LogEvolve(ILogger logger, string message);

    [LoggerMessage(EventId = LogEventIds.MigratieKlaar, Level = LogLevel.Information, Message = "Database schema up to date on {Provider}; {Count} migration(s) applied now")]
    private static partial void LogMigrated(ILogger logger, string provider, int count);
}
