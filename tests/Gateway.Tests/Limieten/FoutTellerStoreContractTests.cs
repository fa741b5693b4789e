using Dapper;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Limieten;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Limieten;

public sealed class SqliteFoutTellerStoreContractTests() : FoutTellerStoreContractTests(new SqliteTarget());

public sealed class PostgresFoutTellerStoreContractTests() : FoutTellerStoreContractTests(new PostgresTarget());

/// <summary>The Esis failure limits as the store counts them (defaults: 5 per address and school, 20 per school, 50 per address, 15 minutes).</summary>
public abstract class FoutTellerStoreContractTests(StorageTarget target) : IAsyncLifetime
{
    private const string Adres = "192.0.2.17";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 30, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    private FoutTellerStore Store => _services.GetRequiredService<FoutTellerStore>();

    public async Task InitializeAsync() =>
        _services = await target.CreateServicesAsync(target.NewConnectionString(), _clock, configure: s => s.AddOptions<EsisOptions>());

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Geblokkeerd_FifthFailureOfOnePair_BlocksThatPairOnlyUntilTheWindowHasPassed()
    {
        await MisluktAsync("12AB00", Adres, 4);
        Assert.Null(await Store.GeblokkeerdAsync("12AB00", Adres, default));

        await MisluktAsync("12AB00", Adres, 1);

        var wacht = await Store.GeblokkeerdAsync("12AB00", Adres, default);
        Assert.InRange(wacht!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(17));
        Assert.Null(await Store.GeblokkeerdAsync("12AB00", "198.51.100.4", default));
        Assert.Null(await Store.GeblokkeerdAsync("34CD01", Adres, default));
        _clock.Advance(TimeSpan.FromMinutes(17));
        Assert.Null(await Store.GeblokkeerdAsync("12AB00", Adres, default));
    }

    [Fact]
    public async Task Geblokkeerd_TwentyFailuresFromManyAddresses_BlocksTheSchoolForEveryAddress()
    {
        for (var i = 0; i < 20; i++)
        {
            await MisluktAsync("12AB00", $"203.0.113.{i}", 1);
        }

        Assert.NotNull(await Store.GeblokkeerdAsync("12AB00", "198.51.100.4", default));
        Assert.True((await Store.BlokkadeAsync("12AB00", default)).SchoolTot is not null);
    }

    [Fact]
    public async Task Geblokkeerd_AddressOverItsLimit_StillLetsInASchoolItNeverFailedOn()
    {
        for (var i = 0; i < 50; i++)
        {
            await MisluktAsync($"{10 + (i % 40):00}AB00", Adres, 1);
        }

        Assert.NotNull(await Store.GeblokkeerdAsync("10AB00", Adres, default));
        Assert.Null(await Store.GeblokkeerdAsync("99ZZ00", Adres, default));
    }

    [Fact]
    public async Task HefBlokkadeOp_BlockedPairAndSchool_LiftsBothAndWritesTheAudit()
    {
        for (var i = 0; i < 20; i++)
        {
            await MisluktAsync("12AB00", i < 5 ? Adres : $"203.0.113.{i}", 1);
        }

        var voor = await Store.BlokkadeAsync("12AB00", default);
        var verwijderd = await Store.HefBlokkadeOpAsync("12AB00", new AuditRegel(_clock.GetUtcNow(), "test", "esis.blokkade.opheffen", "school:12AB00", null), default);

        Assert.True(voor.Actief);
        Assert.Equal(20, voor.Mislukkingen);
        Assert.Equal("192.0.2.0/24", Assert.Single(voor.Adressen).Adres);
        Assert.True(verwijderd > 0);
        Assert.False((await Store.BlokkadeAsync("12AB00", default)).Actief);
        Assert.Null(await Store.GeblokkeerdAsync("12AB00", Adres, default));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM audit WHERE actie = 'esis.blokkade.opheffen' AND onderwerp = 'school:12AB00'"));
    }

    [Fact]
    public async Task RegistreerMislukking_RecordsCheckAndShortenedAddress_NothingElse()
    {
        await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB00", Adres, MislukkingRedenen.CodeOnjuist), default);
        await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB01", "2001:db8:abcd:12::7", MislukkingRedenen.SchoolOnbekend), default);
        await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), null, "::ffff:192.0.2.99", MislukkingRedenen.VormOngeldig), default);

        var school = await Store.MisluktePogingenAsync("12AB", null, _clock.GetUtcNow().AddDays(-1), 100, default);
        var vestiging = await Store.MisluktePogingenAsync("12AB", "00", _clock.GetUtcNow().AddDays(-1), 100, default);

        Assert.Equal(2, school.Count);
        var p = Assert.Single(vestiging);
        Assert.Equal((MislukkingRedenen.CodeOnjuist, "192.0.2.0/24", "00"), (p.Reden, p.Adres, p.Vestiging));
        Assert.Contains(school, x => x.Adres == "2001:db8:abcd::/48");
        Assert.Equal(["192.0.2.0/24", "192.0.2.0/24", "2001:db8:abcd::/48"], await TekstenAsync("SELECT adres FROM esis_mislukte_poging ORDER BY adres"));
    }

    [Fact]
    public async Task AantalActieveBlokkades_OnePairAndOneSchool_CountsBoth()
    {
        await MisluktAsync("12AB00", Adres, 5);
        for (var i = 0; i < 20; i++)
        {
            await MisluktAsync("34CD01", $"203.0.113.{i}", 1);
        }

        Assert.Equal(2, await Store.AantalActieveBlokkadesAsync(default));
    }

    [Fact]
    public async Task RegistreerMislukking_PairAtItsLimit_CountsNothingAndReturnsTheWait()
    {
        var eerste = new List<TimeSpan?>();
        for (var i = 0; i < 5; i++)
        {
            eerste.Add(await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB00", Adres, MislukkingRedenen.CodeOnjuist), default));
        }

        var zesde = await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB00", Adres, MislukkingRedenen.CodeOnjuist), default);

        Assert.All(eerste, w => Assert.Null(w));
        Assert.InRange(zesde!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(17));
        Assert.Equal(5, (await Store.BlokkadeAsync("12AB00", default)).Mislukkingen);
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(*) FROM esis_mislukte_poging"));
    }

    [Fact]
    public async Task RegistreerMislukking_TwentyConcurrentFailuresOfOnePair_ExactlyTheLimitCountedTheRestRefused()
    {
        // Separate connections racing on the same keys, as three instances would: check and count must be one step.
        var start = new TaskCompletionSource();
        var pogingen = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.Task;
            return await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB00", Adres, MislukkingRedenen.CodeOnjuist), default);
        }).ToList();
        start.SetResult();
        var uitkomsten = await Task.WhenAll(pogingen);

        Assert.Equal(5, uitkomsten.Count(w => w is null));
        Assert.Equal(15, uitkomsten.Count(w => w is not null));
        Assert.Equal(5, await ScalarAsync("SELECT SUM(aantal) FROM limiet_teller WHERE sleutel = 's:12AB00'"));
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(*) FROM esis_mislukte_poging"));
    }

    [Fact]
    public async Task RegistreerMislukking_ConcurrentFailuresInANewSlot_CountTheOlderSlotsToo()
    {
        await MisluktAsync("12AB00", Adres, 3);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var uitkomsten = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "12AB00", Adres, MislukkingRedenen.CodeOnjuist), default)));

        Assert.Equal(2, uitkomsten.Count(w => w is null));
        Assert.Equal(5, (await Store.BlokkadeAsync("12AB00", default)).Mislukkingen);
    }

    private async Task MisluktAsync(string brin6, string adres, int keer)
    {
        for (var i = 0; i < keer; i++)
        {
            await Store.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), brin6, adres, MislukkingRedenen.CodeOnjuist), default);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private async Task<List<string>> TekstenAsync(string sql)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return (await c.QueryAsync<string>(sql)).ToList();
    }
}
