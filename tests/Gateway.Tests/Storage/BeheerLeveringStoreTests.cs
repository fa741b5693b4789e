using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class SqliteBeheerLeveringStoreTests() : BeheerLeveringStoreTests(new SqliteTarget());

public sealed class PostgresBeheerLeveringStoreTests() : BeheerLeveringStoreTests(new PostgresTarget());

/// <summary>
/// What the Hulpvraag and Callbacks pages show of the outbox: its callback rows (not the e-mails, which have their own
/// list), grouped by destination, and the dead ones of one destination for "alle dode opnieuw".
/// </summary>
public abstract class BeheerLeveringStoreTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly DateTimeOffset Op = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private ServiceProvider _services = null!;

    private DbConnectionFactory Connections => _services.GetRequiredService<DbConnectionFactory>();

    private BeheerLeveringStore Store => new(Connections);

    public async Task InitializeAsync() => _services = await target.CreateServicesAsync(target.NewConnectionString());

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task VanHulpvraagAsync_CallbacksAndAnEmail_OnlyTheCallbacksNewestFirst()
    {
        var eerste = await SchrijfAsync("esis", "12AB", 4001, "aanmelding");
        var tweede = await SchrijfAsync("esis", "12AB", 4001, "in-behandeling");
        await SchrijfAsync("esis", "12AB", 4002, "aanmelding");
        await using (var c = await Connections.OpenAsync(default))
        {
            await OutboxStore.VoegToeAsync(c, null,
                [new NieuweAflevering(Guid.NewGuid(), AfleverKanalen.Email, 4001, "email:4001", "email", "12AB", "{}", Op)], default);
        }

        var leveringen = await Store.VanHulpvraagAsync(4001, default);

        Assert.Equal([tweede, eerste], leveringen.Select(l => l.Id));
        Assert.Equal(["in-behandeling", "aanmelding"], leveringen.Select(l => l.StatusCode));
        Assert.All(leveringen, l => Assert.Equal(("esis", CallbackSoorten.Statuswijziging, "wachtend"), (l.Systeem, l.Soort, l.Toestand)));
    }

    [Fact]
    public async Task BestemmingenEnDode_DeadAndWaitingRows_GroupedPerDestinationAndOnlyItsDeadOnes()
    {
        var dood1 = await SchrijfAsync("esis", "12AB", 4001, "aanmelding", dood: true);
        await SchrijfAsync("esis", "12AB", 4002, "aanmelding");
        var dood2 = await SchrijfAsync("esis", "12AB", 4003, "afgerond", dood: true);
        var andere = await SchrijfAsync("parnassys", "34CD", 4004, "aanmelding", dood: true);

        var bestemmingen = await Store.BestemmingenAsync(default);

        var esis = Assert.Single(bestemmingen, b => b.Sleutel == "esis:12AB");
        Assert.Equal((AfleverKanalen.EsisCallback, "12AB", 1L, 2L, "esis · 12AB"), (esis.Kanaal, esis.Brin, esis.Wachtend, esis.Dood, esis.Naam));
        Assert.Equal(2, bestemmingen.Count);
        Assert.Equal([dood1, dood2], await Store.DodeVanBestemmingAsync(esis.Kanaal, esis.Sleutel, default));
        Assert.Equal([andere], await Store.DodeVanBestemmingAsync(AfleverKanalen.OsoTerugkoppeling, "parnassys:34CD", default));
        Assert.Empty(await Store.DodeVanBestemmingAsync(AfleverKanalen.EsisCallback, "parnassys:34CD", default));
    }

    private async Task<long> SchrijfAsync(string systeem, string brin, long dossiernummer, string status, bool dood = false)
    {
        var callback = new CallbackOpdracht
        {
            GebeurtenisId = Guid.NewGuid(), Soort = CallbackSoorten.Statuswijziging, Systeem = systeem, Referentie = $"R-{dossiernummer}",
            Brin = brin, Vestiging = "00", Dossiernummer = dossiernummer, StatusCode = status, GewijzigdOp = Op,
        };
        await using var c = await Connections.OpenAsync(default);
        await OutboxStore.VoegToeAsync(c, null, [NieuweAflevering.VoorCallback(callback)], default);
        var id = await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM aflevering");
        if (dood)
        {
            await c.ExecuteAsync("UPDATE aflevering SET toestand = 'dood' WHERE id = @id", new { id });
        }

        return id;
    }
}
