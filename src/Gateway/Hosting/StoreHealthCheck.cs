using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>Ready means: the store answers and this build's migrations are applied.</summary>
internal sealed class StoreHealthCheck(DbConnectionFactory connections, Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Applied)
        {
            return HealthCheckResult.Unhealthy("Migrations not applied yet.");
        }

        try
        {
            return await migrator.LaatsteVersieToegepastAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{connections.Provider}, schema {Migrator.LatestVersion}")
                : HealthCheckResult.Unhealthy($"Schema version {Migrator.LatestVersion} is not applied.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Store unreachable.", ex);
        }
    }
}
