using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>
/// A PostgreSQL cluster of its own for tests that stop and restart the server, which the shared test server must
/// never be: a <see cref="PostgresCluster"/> (watchdog included) with short timeouts so an outage shows quickly.
/// </summary>
internal sealed class EigenPostgres : IDisposable
{
    private readonly PostgresCluster _cluster = new("eigen");

    public string ConnectionString => _cluster.ConnectionString + ";Timeout=3;Command Timeout=10";

    public void Start() => _cluster.Start();

    public void Herstart() => _cluster.Restart();

    public void Stop() => _cluster.Stop();

    public void Dispose() => _cluster.Dispose();
}
