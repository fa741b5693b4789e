using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Audit;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Audit;

public sealed class SqliteAuditKetenTests() : AuditKetenTests(new SqliteTarget());

public sealed class PostgresAuditKetenTests() : AuditKetenTests(new PostgresTarget());

/// <summary>
/// The audit trail as a hash chain on both stores: what the gateway appends verifies; one row changed, deleted or
/// inserted by SQL is found and named; concurrent appends never fork; retention cuts from the start and the rest
/// still verifies.
/// </summary>
public abstract class AuditKetenTests(StorageTarget target) : IAsyncLifetime
{
    // 100 ns ticks that PostgreSQL cannot keep: the chain must still verify after the round trip.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));
    private ServiceProvider _services = null!;
    private string _connectionString = null!;

    private AuditStore Store => _services.GetRequiredService<AuditStore>();
    private AuditVerificatie Verificatie => _services.GetRequiredService<AuditVerificatie>();

    public async Task InitializeAsync()
    {
        _connectionString = target.NewConnectionString();
        _services = await target.CreateServicesAsync(_connectionString, _clock);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Controleer_EntriesFromStoresAndTransactions_ChainHolds()
    {
        await SchrijfAsync(4);
        await _services.GetRequiredService<Hulpvraag.Gateway.Admin.ApiKeyStore>().MaakAsync("monitoring", "helpdesk", "cli:test", default);

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(5, uitkomst.AantalGeketend);
        Assert.Equal(5, uitkomst.Kop.KopVolgnummer);
        Assert.Matches("^[0-9a-f]{64}$", uitkomst.Kop.KopHash);
    }

    [Fact]
    public async Task Controleer_RowChangedBySql_NamesThatRow()
    {
        await SchrijfAsync(5);
        var id = await IdVanAsync(3);
        await SqlAsync("UPDATE audit SET details = 'rol=admin' WHERE volgnummer = 3");

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Equal(id, uitkomst.FouteRegelId);
        Assert.Equal(3, uitkomst.FoutVolgnummer);
        Assert.Contains("gewijzigd", uitkomst.Reden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controleer_TimeChangedByOneMicrosecond_NamesThatRow()
    {
        await SchrijfAsync(3);
        var id = await IdVanAsync(2);
        var op = await Verbinding(c => c.ExecuteScalarAsync<DateTimeOffset>("SELECT op FROM audit WHERE volgnummer = 2"));
        await SqlAsync("UPDATE audit SET op = @op WHERE volgnummer = 2", new { op = op.AddTicks(10) });

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Equal(id, uitkomst.FouteRegelId);
    }

    [Fact]
    public async Task Controleer_RowDeletedBySql_NamesTheRowAfterTheGap()
    {
        await SchrijfAsync(5);
        var na = await IdVanAsync(4);
        await SqlAsync("DELETE FROM audit WHERE volgnummer = 3");

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Equal(na, uitkomst.FouteRegelId);
        Assert.Contains("3..3 ontbreken", uitkomst.Reden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controleer_LastRowDeletedBySql_SaysTheHeadDoesNotFit()
    {
        await SchrijfAsync(3);
        await SqlAsync("DELETE FROM audit WHERE volgnummer = 3");

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Contains("kop staat op #3", uitkomst.Reden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controleer_RowInsertedBySqlWithoutHash_NamesIt()
    {
        await SchrijfAsync(3);
        await SqlAsync("INSERT INTO audit (op, actor, actie, onderwerp, details) VALUES (@op, 'cli:mallory', 'apikey.aanmaken', 'apikey:x', NULL)", new { op = _clock.GetUtcNow() });
        var ingevoegd = await Verbinding(c => c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM audit"));

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Equal(ingevoegd, uitkomst.FouteRegelId);
        Assert.Contains("ingevoegd", uitkomst.Reden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controleer_RowInsertedBySqlWithAValidLookingHash_NamesIt()
    {
        await SchrijfAsync(3);
        // Someone who knows the canonical form appends a well-formed entry behind the head without moving the head.
        var kop = await Store.KopAsync(default);
        var op = AuditKeten.OpMicroseconde(_clock.GetUtcNow());
        var hash = AuditKeten.Hash(4, op, "cli:mallory", "apikey.aanmaken", "apikey:x", null, kop.KopHash);
        await SqlAsync("""
            INSERT INTO audit (op, actor, actie, onderwerp, details, volgnummer, vorige_hash, hash)
            VALUES (@op, 'cli:mallory', 'apikey.aanmaken', 'apikey:x', NULL, 4, @vorige, @hash)
            """, new { op, vorige = kop.KopHash, hash });
        var ingevoegd = await Verbinding(c => c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM audit"));

        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.False(uitkomst.Klopt);
        Assert.Equal(ingevoegd, uitkomst.FouteRegelId);
    }

    [Fact]
    public async Task SchrijfAsync_ConcurrentAppends_OneChainWithoutForks()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Store.SchrijfAsync(Regel(i), default))));

        var uitkomst = await Verificatie.ControleerAsync(default);
        var volgnummers = await Verbinding(c => c.QueryAsync<long>("SELECT volgnummer FROM audit ORDER BY volgnummer"));

        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), volgnummers);
    }

    [Fact]
    public async Task VerwijderBeginAsync_OldEntries_RemovedFromTheStartAndTheRestStillVerifies()
    {
        await SchrijfAsync(5);
        var grens = _clock.GetUtcNow().AddMinutes(1);
        _clock.Advance(TimeSpan.FromDays(400));
        await SchrijfAsync(2);
        var kopVoor = await Store.KopAsync(default);

        var eerste = await Store.VerwijderBeginAsync(grens, 3, default);
        var tweede = await Store.VerwijderBeginAsync(grens, 100, default);
        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.Equal(3, eerste);
        Assert.Equal(2, tweede);
        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(2, uitkomst.AantalGeketend);
        Assert.Equal(5, uitkomst.Kop.AnkerVolgnummer);
        Assert.Equal(kopVoor.KopHash, uitkomst.Kop.KopHash);

        // Appends carry on from the same head after the cut.
        await SchrijfAsync(1);
        Assert.True((await Verificatie.ControleerAsync(default)).Klopt);
    }

    [Fact]
    public async Task VerwijderBeginAsync_OnlyOldEntries_KeepsTheHeadEntry()
    {
        await SchrijfAsync(3);
        _clock.Advance(TimeSpan.FromDays(400));

        var verwijderd = await Store.VerwijderBeginAsync(_clock.GetUtcNow(), 100, default);
        var uitkomst = await Verificatie.ControleerAsync(default);

        Assert.Equal(2, verwijderd);
        Assert.True(uitkomst.Klopt, uitkomst.Melding);
        Assert.Equal(1, uitkomst.AantalGeketend);
    }

    private async Task SchrijfAsync(int aantal)
    {
        for (var i = 0; i < aantal; i++)
        {
            await Store.SchrijfAsync(Regel(i), default);
            _clock.Advance(TimeSpan.FromTicks(1_000_003));
        }
    }

    private AuditRegel Regel(int i) =>
        new(_clock.GetUtcNow(), "cli:test", "esis.registreren", $"esis-registratie:{i}", i % 2 == 0 ? null : $"brin6=12AB0{i}, omgeving=productie é");

    private Task<long> IdVanAsync(long volgnummer) =>
        Verbinding(c => c.ExecuteScalarAsync<long>("SELECT id FROM audit WHERE volgnummer = @volgnummer", new { volgnummer }));

    private Task SqlAsync(string sql, object? parameters = null) => Verbinding(c => c.ExecuteAsync(sql, parameters));

    private async Task<T> Verbinding<T>(Func<DbConnection, Task<T>> actie)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await actie(c);
    }
}
