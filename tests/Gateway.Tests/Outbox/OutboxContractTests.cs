using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Outbox;

public sealed class SqliteOutboxContractTests() : OutboxContractTests(new SqliteTarget());

public sealed class PostgresOutboxContractTests() : OutboxContractTests(new PostgresTarget());

/// <summary>The outbox's promises, on both stores: delivered at least once, in order per hulpvraag, never lost, never by two at once.</summary>
public abstract class OutboxContractTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TestAflevering _aflevering = new();
    private readonly string _connectionString = target.NewConnectionString();
    private ServiceProvider _services = null!;

    private OutboxStore Store => _services.GetRequiredService<OutboxStore>();

    public async Task InitializeAsync() => _services = await CreateInstanceAsync(_aflevering);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task RunOnce_DueCallback_IsDeliveredAndMarkedAfgeleverd()
    {
        var c = await VoegToeAsync("K-1");

        var verwerkt = await Dispatcher().RunOnceAsync(default);

        Assert.Equal(1, verwerkt);
        Assert.Equal(c.GebeurtenisId, Assert.Single(_aflevering.Afgeleverd).Opdracht.GebeurtenisId);
        Assert.Equal(AfleverToestanden.Afgeleverd, await ToestandAsync(c.GebeurtenisId));
        Assert.Equal(0, await Dispatcher().RunOnceAsync(default));
    }

    [Fact]
    public async Task RunOnce_TransientFailure_RetriesAfterBackoffWithSameGebeurtenisId()
    {
        var c = await VoegToeAsync("K-1");
        _aflevering.Gedrag = (_, poging) => poging <= 2 ? new AfleverUitkomst.LaterOpnieuw("503") : AfleverUitkomst.Geslaagd;

        await Dispatcher().RunOnceAsync(default);
        Assert.Equal(0, await Dispatcher().RunOnceAsync(default)); // not due yet: backoff lives in the row
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Dispatcher().RunOnceAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await Dispatcher().RunOnceAsync(default);

        Assert.Equal(3, _aflevering.Pogingen[c.GebeurtenisId]);
        Assert.Equal(AfleverToestanden.Afgeleverd, await ToestandAsync(c.GebeurtenisId));
    }

    [Fact]
    public async Task RunOnce_PermanentRefusal_IsDeadWithReasonAndCanBeRedriven()
    {
        var c = await VoegToeAsync("K-1");
        _aflevering.Gedrag = (_, poging) => poging == 1 ? new AfleverUitkomst.Onbestelbaar("400 Bad Request: onbekend aanvraagId") : AfleverUitkomst.Geslaagd;

        await Dispatcher().RunOnceAsync(default);
        var dood = Assert.Single(await Store.ZoekAsync(AfleverToestanden.Dood, null, null, 10, default));
        Assert.Contains("400", dood.LaatsteFout, StringComparison.Ordinal);

        Assert.True(await Store.OpnieuwAsync(dood.Id, new AuditRegel(_clock.GetUtcNow(), "test", "callback.opnieuw", $"callback:{dood.Id}", null), default));
        await Dispatcher().RunOnceAsync(default);
        Assert.Equal(AfleverToestanden.Afgeleverd, await ToestandAsync(c.GebeurtenisId));
    }

    [Fact]
    public async Task RunOnce_FailingPastMaxAge_IsDead()
    {
        var c = await VoegToeAsync("K-1");
        _aflevering.Gedrag = (_, _) => new AfleverUitkomst.LaterOpnieuw("timeout");

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await Dispatcher().RunOnceAsync(default);

        Assert.Equal(AfleverToestanden.Dood, await ToestandAsync(c.GebeurtenisId));
    }

    [Fact]
    public async Task RunOnce_EarlierCallbackWaitingForRetry_HoldsBackLaterOnesOfSameHulpvraag()
    {
        var eerste = await VoegToeAsync("K-1");
        var tweede = await VoegToeAsync("K-1");
        var ander = await VoegToeAsync("K-2");
        _aflevering.Gedrag = (c, poging) => c.GebeurtenisId == eerste.GebeurtenisId && poging == 1 ? new AfleverUitkomst.LaterOpnieuw("503") : AfleverUitkomst.Geslaagd;

        await Dispatcher().RunOnceAsync(default);
        await Dispatcher().RunOnceAsync(default);
        Assert.Equal([ander.GebeurtenisId], _aflevering.Afgeleverd.Select(a => a.Opdracht.GebeurtenisId));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher().RunOnceAsync(default);
        await Dispatcher().RunOnceAsync(default);
        Assert.Equal([ander.GebeurtenisId, eerste.GebeurtenisId, tweede.GebeurtenisId], _aflevering.Afgeleverd.Select(a => a.Opdracht.GebeurtenisId));
    }

    [Fact]
    public async Task Claim_LeaseOfCrashedInstanceExpires_RowIsDeliveredByAnother()
    {
        var c = await VoegToeAsync("K-1");
        var claim = Assert.Single(await Store.ClaimAsync("gecrasht", 10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(0, await Dispatcher().RunOnceAsync(default)); // leased: nobody else may take it

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await Dispatcher().RunOnceAsync(default);

        Assert.Equal(AfleverToestanden.Afgeleverd, await ToestandAsync(c.GebeurtenisId));
        Assert.False(await Store.PlanOpnieuwAsync(claim.Werk.Id, "gecrasht", _clock.GetUtcNow(), "te laat", default)); // the late owner lands nothing
        Assert.Equal(AfleverToestanden.Afgeleverd, await ToestandAsync(c.GebeurtenisId));
    }

    [Fact]
    public async Task Claim_DestinationExcluded_ItsRowsStayAndOthersAreClaimed()
    {
        await VoegToeAsync("K-1");
        var ander = await VoegToeAsync("K-2", brin: "34CD");

        var claim = await Store.ClaimAsync("a", 10, TimeSpan.FromMinutes(1), ["esis:12AB"], default);

        Assert.Equal([ander.GebeurtenisId], claim.Select(c => c.Werk.GebeurtenisId));
        Assert.Single(await Store.ClaimAsync("b", 10, TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task RunOnce_TwoDispatchersOnOneStore_NeverDeliverARowTwiceAndKeepOrder()
    {
        const int sleutels = 30;
        const int perSleutel = 10;
        var geschreven = new List<CallbackOpdracht>();
        for (var i = 0; i < perSleutel; i++)
        {
            for (var k = 0; k < sleutels; k++)
            {
                geschreven.Add(await VoegToeAsync($"K-{k}"));
            }
        }

        var tweedeAflevering = _aflevering; // shared, so it sees both instances' deliveries side by side
        await using var tweede = await CreateInstanceAsync(tweedeAflevering);
        var a = Dispatcher();
        var b = tweede.GetRequiredService<OutboxDispatcher>();
        _aflevering.Vertraging = TimeSpan.FromMilliseconds(2);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        async Task Loop(OutboxDispatcher d)
        {
            while (_aflevering.Afgeleverd.Count < geschreven.Count)
            {
                timeout.Token.ThrowIfCancellationRequested();
                if (await d.RunOnceAsync(timeout.Token) == 0)
                {
                    await Task.Delay(5, timeout.Token);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Loop(a)), Task.Run(() => Loop(b)));

        Assert.Empty(_aflevering.GelijktijdigAfgeleverd);
        var afgeleverd = _aflevering.Afgeleverd.Select(x => x.Opdracht).ToList();
        Assert.Equal(geschreven.Count, afgeleverd.Select(x => x.GebeurtenisId).Distinct().Count());
        Assert.Equal(geschreven.Count, afgeleverd.Count);
        foreach (var groep in geschreven.GroupBy(g => g.VolgordeSleutel))
        {
            Assert.Equal(groep.Select(g => g.GebeurtenisId), afgeleverd.Where(x => x.VolgordeSleutel == groep.Key).Select(x => x.GebeurtenisId));
        }
    }

    [Fact]
    public async Task MarkeerAfgeleverd_ManyAtOnceWithTwoOwners_EachLandsOnlyForItsOwnLease()
    {
        for (var k = 0; k < 60; k++)
        {
            await VoegToeAsync($"K-{k}");
        }

        var vanA = await Store.ClaimAsync("a", 30, TimeSpan.FromMinutes(1), default);
        var vanB = await Store.ClaimAsync("b", 30, TimeSpan.FromMinutes(1), default);

        // Side by side, so they are written in bundles; every second row is reported by the owner that does NOT hold it.
        var pogingen = vanA.Select((w, i) => (w.Werk.Id, Eigenaar: i % 2 == 0 ? "a" : "b", Echt: i % 2 == 0))
            .Concat(vanB.Select((w, i) => (w.Werk.Id, Eigenaar: i % 2 == 0 ? "b" : "a", Echt: i % 2 == 0))).ToList();
        var uitkomsten = await Task.WhenAll(pogingen.Select(p => Task.Run(() => Store.MarkeerAfgeleverdAsync(p.Id, p.Eigenaar, default))));

        Assert.Equal(pogingen.Select(p => p.Echt), uitkomsten);
        var rijen = await Store.ZoekAsync(null, null, null, 1000, default);
        var afgeleverd = pogingen.Where(p => p.Echt).Select(p => p.Id).ToHashSet();
        Assert.All(rijen, r => Assert.Equal(afgeleverd.Contains(r.Id) ? AfleverToestanden.Afgeleverd : AfleverToestanden.Wachtend, r.Toestand));
    }

    [Fact]
    public async Task OudsteWachtendeLeeftijd_WaitingCallback_ReportsItsAge()
    {
        Assert.Null(await Store.OudsteWachtendeLeeftijdAsync(default));
        await VoegToeAsync("K-1");
        _clock.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), await Store.OudsteWachtendeLeeftijdAsync(default));
    }

    private OutboxDispatcher Dispatcher() => _services.GetRequiredService<OutboxDispatcher>();

    private async Task<ServiceProvider> CreateInstanceAsync(TestAflevering aflevering) =>
        await target.CreateServicesAsync(_connectionString, _clock, configure: s =>
        {
            s.AddSingleton<IAflevering>(aflevering);
            s.AddSingleton<OutboxDispatcher>();
        });

    private async Task<CallbackOpdracht> VoegToeAsync(string referentie, string brin = "12AB")
    {
        var c = new CallbackOpdracht
        {
            GebeurtenisId = Guid.NewGuid(),
            Soort = CallbackSoorten.Statuswijziging,
            Systeem = "esis",
            Referentie = referentie,
            Brin = brin,
            Vestiging = "00",
            Dossiernummer = 1000,
            StatusCode = "wacht",
            GewijzigdOp = _clock.GetUtcNow(),
        };
        await Store.VoegToeAsync(c, default);
        return c;
    }

    private async Task<string> ToestandAsync(Guid gebeurtenisId)
    {
        await using var connection = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        var alle = await Store.ZoekAsync(null, null, null, 1000, default);
        return alle.Single(c => c.GebeurtenisId == gebeurtenisId).Toestand;
    }
}
