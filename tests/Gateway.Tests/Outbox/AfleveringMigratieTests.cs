using System.Text.RegularExpressions;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Outbox;

public sealed class SqliteAfleveringMigratieTests() : AfleveringMigratieTests(new SqliteTarget());

public sealed class PostgresAfleveringMigratieTests() : AfleveringMigratieTests(new PostgresTarget());

/// <summary>
/// V5 turns the callback table into channel-generic delivery rows. A database filled by the V4 schema, with the SQL the
/// V4 outbox wrote, must come through with every waiting and dead row intact and deliverable.
/// </summary>
public abstract class AfleveringMigratieTests(StorageTarget target) : IAsyncLifetime
{
    /// <summary>The insert of the V4 outbox, verbatim.</summary>
    private const string V4Insert = """
        INSERT INTO callback (gebeurtenis_id, volgorde_sleutel, soort, systeem, kanaal, referentie, brin, vestiging,
            dossiernummer, status_code, weergave, kwalificatie, toelichting, foutcode, gewijzigd_op, toestand, pogingen,
            volgende_poging_op, aangemaakt_op)
        VALUES (@GebeurtenisId, @VolgordeSleutel, @Soort, @Systeem, @Kanaal, @Referentie, @Brin, @Vestiging,
            @Dossiernummer, @StatusCode, @Weergave, @Kwalificatie, @Toelichting, @Foutcode, @GewijzigdOp, 'wachtend', 0,
            @GewijzigdOp, @GewijzigdOp)
        """;

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TestAflevering _esis = new();
    private readonly TestAflevering _oso = new(AfleverKanalen.OsoTerugkoppeling);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = target.Provider,
            ["ConnectionStrings:Gateway"] = target.NewConnectionString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddGatewayCore(configuration);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IAflevering>(_esis);
        services.AddSingleton<IAflevering>(_oso);
        services.AddSingleton<OutboxDispatcher>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<Migrator>().MigrateAsync("4", default);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task MigrateV5_CallbackRowsOfV4_WaitingAndDeadComeOverIntactAndDeliverable()
    {
        var wachtend = Callback("esis", "A-1", "12AB", "wacht", "Nog één document; ö en é blijven.");
        var tweede = Callback("esis", "A-1", "12AB", "in-behandeling", null);
        var dood = Callback("parnassys", "K-9", "34CD", null, "Geweigerd: handtekening ongeldig") with { Soort = CallbackSoorten.Geweigerd, Foutcode = "HANDTEKENING_ONGELDIG", Dossiernummer = null };
        var afgeleverd = Callback("esis", "A-2", "12AB", "aanmelding", null);
        long maxId;
        await using (var c = await OpenAsync())
        {
            foreach (var cb in new[] { wachtend, tweede, dood, afgeleverd })
            {
                await c.ExecuteAsync(V4Insert, new
                {
                    cb.GebeurtenisId, cb.VolgordeSleutel, cb.Soort, cb.Systeem, Kanaal = cb.Koppelsleutel, cb.Referentie, cb.Brin, cb.Vestiging,
                    cb.Dossiernummer, cb.StatusCode, cb.Weergave, cb.Kwalificatie, cb.Toelichting, cb.Foutcode, cb.GewijzigdOp,
                });
            }

            // What the V4 dispatcher left behind: a dead row with its answer, a delivered one, a retried one.
            await c.ExecuteAsync("UPDATE callback SET toestand = 'dood', pogingen = 3, laatste_fout = 'HTTP 400 Bad Request' WHERE gebeurtenis_id = @g", new { g = dood.GebeurtenisId });
            await c.ExecuteAsync("UPDATE callback SET toestand = 'afgeleverd', pogingen = 1, afgeleverd_op = @op WHERE gebeurtenis_id = @g", new { g = afgeleverd.GebeurtenisId, op = Start });
            await c.ExecuteAsync("UPDATE callback SET pogingen = 2, laatste_fout = 'HTTP 503' WHERE gebeurtenis_id = @g", new { g = wachtend.GebeurtenisId });
            maxId = await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM callback");
        }

        await _services.GetRequiredService<Migrator>().MigrateAsync(default);

        var store = _services.GetRequiredService<OutboxStore>();
        var rijen = (await store.ZoekAsync(null, null, null, 100, default)).ToDictionary(r => r.GebeurtenisId);
        Assert.Equal(4, rijen.Count);
        Assert.Equal((AfleverToestanden.Wachtend, 2, "HTTP 503"), (rijen[wachtend.GebeurtenisId].Toestand, rijen[wachtend.GebeurtenisId].Pogingen, rijen[wachtend.GebeurtenisId].LaatsteFout));
        Assert.Equal((AfleverToestanden.Dood, 3, "HTTP 400 Bad Request"), (rijen[dood.GebeurtenisId].Toestand, rijen[dood.GebeurtenisId].Pogingen, rijen[dood.GebeurtenisId].LaatsteFout));
        Assert.Equal(AfleverToestanden.Afgeleverd, rijen[afgeleverd.GebeurtenisId].Toestand);
        Assert.Equal("HANDTEKENING_ONGELDIG", await EnkelAsync<string>("SELECT payload FROM aflevering WHERE kanaal = 'oso-terugkoppeling'", p => CallbackPayload.Lees(p).Foutcode));

        // The carried-over rows are delivered by today's dispatcher, in order, each through its channel.
        await Dispatcher().RunOnceAsync(default);
        await Dispatcher().RunOnceAsync(default);
        Assert.Equal([wachtend, tweede], _esis.Afgeleverd.Select(a => a.Opdracht));
        Assert.True(await store.OpnieuwAsync(rijen[dood.GebeurtenisId].Id, new AuditRegel(_clock.GetUtcNow(), "test", "callback.opnieuw", "callback", null), default));
        await Dispatcher().RunOnceAsync(default);
        Assert.Equal(dood, Assert.Single(_oso.Afgeleverd).Opdracht);

        // New rows continue after the carried-over ids.
        await store.VoegToeAsync(Callback("esis", "A-3", "12AB", "wacht", null), default);
        Assert.True((await store.ZoekAsync(AfleverToestanden.Wachtend, null, null, 10, default)).Single().Id > maxId);
    }

    [Fact]
    public void Migraties_SqliteAndPostgresFolders_HaveTheSameVersionsAndTheConstantIsTheHighest()
    {
        var namen = typeof(Migrator).Assembly.GetManifestResourceNames();
        IReadOnlyList<int> Versies(string provider) => namen
            .Where(n => n.StartsWith($"Hulpvraag.Gateway.Storage.Migrations.{provider}.", StringComparison.Ordinal))
            .Select(n => Regex.Match(n, @"\.V(\d+)__").Groups[1].Value)
            .Select(int.Parse).Order().ToList();

        var sqlite = Versies("Sqlite");
        var postgres = Versies("Postgres");

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
        Assert.Equal(sqlite.Distinct(), sqlite);
        Assert.Equal(Migrator.LatestVersion, sqlite.Max().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private OutboxDispatcher Dispatcher() => _services.GetRequiredService<OutboxDispatcher>();

    private async Task<System.Data.Common.DbConnection> OpenAsync() =>
        await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);

    private async Task<T?> EnkelAsync<T>(string sql, Func<string, T?> lees)
    {
        await using var c = await OpenAsync();
        return lees(await c.ExecuteScalarAsync<string>(sql) ?? "");
    }

    private CallbackOpdracht Callback(string systeem, string referentie, string brin, string? status, string? toelichting) => new()
    {
        GebeurtenisId = Guid.NewGuid(),
        Soort = CallbackSoorten.Statuswijziging,
        Systeem = systeem,
        Koppelsleutel = systeem == "esis" ? Guid.NewGuid().ToString() : "koppel-" + referentie,
        Referentie = referentie,
        Brin = brin,
        Vestiging = "00",
        Dossiernummer = 1000,
        StatusCode = status,
        Weergave = status is null ? null : "Weergave van " + status,
        Kwalificatie = null,
        Toelichting = toelichting,
        GewijzigdOp = _clock.GetUtcNow(),
    };
}
