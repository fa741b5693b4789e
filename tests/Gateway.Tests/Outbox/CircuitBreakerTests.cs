using System.Collections.Concurrent;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Outbox;

/// <summary>A school system that hangs must not hold up the others: its breaker opens, their callbacks keep flowing.</summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task RunOnce_HangingReceiver_BreakerOpensAndOtherDestinationsAreDelivered()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var aflevering = new HangendeAflevering();
        var target = new SqliteTarget();
        await using var services = await target.CreateServicesAsync(target.NewConnectionString(), clock,
            new Dictionary<string, string?> { ["Callbacks:AttemptTimeout"] = "00:00:00.200", ["Callbacks:BreakDuration"] = "00:10:00" },
            s =>
            {
                s.AddSingleton<IAflevering>(aflevering);
                s.AddSingleton<OutboxDispatcher>();
            });
        var store = services.GetRequiredService<OutboxStore>();
        for (var i = 0; i < 8; i++)
        {
            await store.VoegToeAsync(Callback("11AA", $"H-{i}", clock), default);
        }

        for (var i = 0; i < 20; i++)
        {
            await store.VoegToeAsync(Callback("22BB", $"G-{i}", clock), default);
        }

        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        for (var ronde = 0; ronde < 4; ronde++)
        {
            await dispatcher.RunOnceAsync(default);
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(20, aflevering.Afgeleverd.Count);
        var pogingenNaarHangende = (await store.ZoekAsync(null, "esis", "11AA", 100, default)).Sum(c => c.Pogingen);
        // The first round starts all eight at once and each waits out the attempt timeout; after that the breaker is
        // open and every later attempt fails fast without calling the hanging system again.
        Assert.True(pogingenNaarHangende >= 24, $"attempts recorded: {pogingenNaarHangende}");
        Assert.Equal(8, aflevering.HangendeAanroepen);
    }

    [Fact]
    public async Task Dispatcher_OneHangingDelivery_DoesNotHoldUpOtherSchools()
    {
        var aflevering = new HangendeAflevering();
        await using var services = await MetVierSlotsAsync(aflevering);
        var store = services.GetRequiredService<OutboxStore>();
        var clock = TimeProvider.System;
        await store.VoegToeAsync(Callback("11AA", "H-0", clock), default);
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.StartAsync(default);
        try
        {
            for (var i = 0; i < 500 && aflevering.HangendeAanroepen == 0; i++)
            {
                await Task.Delay(10);
            }

            // Changes for another school arrive while the hanging delivery is in flight: they must not wait for it.
            for (var i = 0; i < 20; i++)
            {
                await store.VoegToeAsync(Callback("22BB", $"G-{i}", clock), default);
            }

            for (var i = 0; i < 500 && aflevering.Afgeleverd.Count < 20; i++)
            {
                await Task.Delay(20);
            }

            // All twenty went through while the hanging call still occupies its slot (its timeout is a minute away).
            Assert.Equal(20, aflevering.Afgeleverd.Count);
            Assert.Equal(1, aflevering.HangendeAanroepen);
            Assert.False(aflevering.HangendeKlaar);
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
    }

    [Fact]
    public async Task Dispatcher_SchoolWithManyHangingCallbacks_SlowDeliveriesGiveTheirSlotsBack()
    {
        var aflevering = new HangendeAflevering();
        await using var services = await MetVierSlotsAsync(aflevering, ("Callbacks:TraagNa", "00:00:00.100"), ("Callbacks:MaxTragePerBestemming", "1"));
        var store = services.GetRequiredService<OutboxStore>();
        var clock = TimeProvider.System;

        // Ten hulpvragen of the hanging school, each its own order key, written first: the first claim fills all four
        // slots with them. They turn slow after 100 ms and give their slots back; the school then gets no new ones.
        for (var i = 0; i < 10; i++)
        {
            await store.VoegToeAsync(Callback("11AA", $"H-{i}", clock), default);
        }

        for (var i = 0; i < 20; i++)
        {
            await store.VoegToeAsync(Callback("22BB", $"G-{i}", clock), default);
        }

        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.StartAsync(default);
        try
        {
            for (var i = 0; i < 500 && aflevering.Afgeleverd.Count < 20; i++)
            {
                await Task.Delay(20);
            }

            Assert.Equal(20, aflevering.Afgeleverd.Count);
            Assert.Equal(4, aflevering.HangendeAanroepen);
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
    }

    /// <summary>A dispatcher with four slots whose attempts time out only after a minute, on a fresh SQLite file.</summary>
    private static async Task<ServiceProvider> MetVierSlotsAsync(HangendeAflevering aflevering, params (string Sleutel, string Waarde)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Callbacks:AttemptTimeout"] = "00:01:00",
            ["Callbacks:LeaseDuration"] = "00:05:00",
            ["Callbacks:PollInterval"] = "00:00:00.020",
            ["Callbacks:MaxParallel"] = "4",
        };
        foreach (var (sleutel, waarde) in extra)
        {
            settings[sleutel] = waarde;
        }

        var target = new SqliteTarget();
        return await target.CreateServicesAsync(target.NewConnectionString(), settings: settings, configure: s =>
        {
            s.AddSingleton<IAflevering>(aflevering);
            s.AddSingleton<OutboxDispatcher>();
        });
    }

    private static CallbackOpdracht Callback(string brin, string referentie, TimeProvider clock) => new()
    {
        GebeurtenisId = Guid.NewGuid(),
        Soort = CallbackSoorten.Statuswijziging,
        Systeem = "esis",
        Referentie = referentie,
        Brin = brin,
        Vestiging = "00",
        StatusCode = "wacht",
        GewijzigdOp = clock.GetUtcNow(),
    };

    private sealed class HangendeAflevering : ICallbackAflevering
    {
        private int _hangend;

        public string Kanaal => AfleverKanalen.EsisCallback;

        public ConcurrentBag<Guid> Afgeleverd { get; } = [];

        public int HangendeAanroepen => Volatile.Read(ref _hangend);

        public bool HangendeKlaar { get; private set; }

        public async Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
        {
            if (callback.Brin == "11AA")
            {
                Interlocked.Increment(ref _hangend);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    HangendeKlaar = true;
                }
            }

            Afgeleverd.Add(callback.GebeurtenisId);
            return AfleverUitkomst.Geslaagd;
        }
    }
}
