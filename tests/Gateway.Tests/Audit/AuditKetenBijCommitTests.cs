using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Audit;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Audit;

/// <summary>
/// PostgreSQL links audit entries into the chain at COMMIT (migration V15's deferred trigger): an open audited
/// transaction does not hold up another audited write, the hash the database computes is the gateway's canonical
/// hash, and a rolled-back entry leaves no trace in the chain. (SQLite's single writer serialises by design.)
/// </summary>
public sealed class AuditKetenBijCommitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero).AddTicks(7_654_321));
    private ServiceProvider _services = null!;

    private AuditStore Store => _services.GetRequiredService<AuditStore>();
    private DbConnectionFactory Verbindingen => _services.GetRequiredService<DbConnectionFactory>();

    public async Task InitializeAsync()
    {
        var target = new PostgresTarget();
        _services = await target.CreateServicesAsync(target.NewConnectionString(), _clock);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task SchrijfAsync_OtherAuditedTransactionStillOpen_DoesNotWaitForIt()
    {
        await Store.SchrijfAsync(Regel("eerste", null), default);
        await using var open = await Verbindingen.OpenAsync(default);
        await using var openTransactie = await open.BeginTransactionAsync();
        await AuditStore.SchrijfAsync(open, openTransactie, Regel("nog-open", "x"), default);

        // Waiting for the open transaction's head lock would end in a lock timeout error, not in a slow pass.
        await using var tweede = await Verbindingen.OpenAsync(default);
        await using var tweedeTransactie = await tweede.BeginTransactionAsync();
        await tweede.ExecuteAsync("SET LOCAL lock_timeout = '5s'", transaction: tweedeTransactie);
        await AuditStore.SchrijfAsync(tweede, tweedeTransactie, Regel("tussendoor", "y"), default);
        await tweedeTransactie.CommitAsync();
        await openTransactie.CommitAsync();

        var uitkomst = await _services.GetRequiredService<AuditVerificatie>().ControleerAsync(default);
        var volgorde = await open.QueryAsync<string>("SELECT onderwerp FROM audit ORDER BY volgnummer");

        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(["eerste", "tussendoor", "nog-open"], volgorde);
    }

    [Fact]
    public async Task SchrijfAsync_TrickyContent_DatabaseHashEqualsCanonicalHash()
    {
        var regel = Regel("onderwerp é ✓ \"quote\" \\ \n", "details met 'enkele' aanhalingstekens en ß");
        await Store.SchrijfAsync(regel, default);
        await using var c = await Verbindingen.OpenAsync(default);

        var rij = await c.QuerySingleAsync<(long Volgnummer, string VorigeHash, string Hash)>("SELECT volgnummer, vorige_hash, hash FROM audit");

        Assert.Equal(1, rij.Volgnummer);
        Assert.Equal("", rij.VorigeHash);
        Assert.Equal(AuditKeten.Hash(1, AuditKeten.OpMicroseconde(regel.Op), regel.Actor, regel.Actie, regel.Onderwerp, regel.Details, ""), rij.Hash);
    }

    [Fact]
    public async Task SchrijfAsync_TransactionRolledBack_ChainAndHeadUnchanged()
    {
        await Store.SchrijfAsync(Regel("blijft", null), default);
        var kopVoor = await Store.KopAsync(default);
        await using (var c = await Verbindingen.OpenAsync(default))
        {
            await using var t = await c.BeginTransactionAsync();
            await AuditStore.SchrijfAsync(c, t, Regel("teruggedraaid", null), default);
            await t.RollbackAsync();
        }

        await Store.SchrijfAsync(Regel("daarna", null), default);
        var uitkomst = await _services.GetRequiredService<AuditVerificatie>().ControleerAsync(default);

        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(kopVoor.KopVolgnummer + 1, uitkomst.Kop.KopVolgnummer);
        Assert.Equal(2, uitkomst.AantalGeketend);
    }

    private AuditRegel Regel(string onderwerp, string? details) => new(_clock.GetUtcNow(), "cli:test", "esis.registreren", onderwerp, details);
}
