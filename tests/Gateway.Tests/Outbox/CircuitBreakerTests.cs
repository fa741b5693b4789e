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
                s.AddSingleton<ICallbackAflevering>(aflevering);
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

        public string Systeem => "esis";

        public ConcurrentBag<Guid> Afgeleverd { get; } = [];

        public int HangendeAanroepen => Volatile.Read(ref _hangend);

        public async Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
        {
            if (callback.Brin == "11AA")
            {
                Interlocked.Increment(ref _hangend);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Afgeleverd.Add(callback.GebeurtenisId);
            return AfleverUitkomst.Geslaagd;
        }
    }
}
