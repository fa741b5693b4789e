using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Hosting;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>Registered first: hosted services start in order, so nothing touches the store before its schema is current.</summary>
internal sealed class MigrationStartup(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
