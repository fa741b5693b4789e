using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class SqliteReplayStoreContractTests() : ReplayStoreContractTests(new SqliteTarget());

public sealed class PostgresReplayStoreContractTests() : ReplayStoreContractTests(new PostgresTarget());

/// <summary>The durable replay memory of signed OSO messages, on both stores.</summary>
public abstract class ReplayStoreContractTests(StorageTarget target) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    private IReplayStore Store => _services.GetRequiredService<IReplayStore>();

    public async Task InitializeAsync() => _services = await target.CreateServicesAsync(target.NewConnectionString(), _clock);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Remember_FirstSameAndOtherContent_AreTold()
    {
        var tot = _clock.GetUtcNow().AddMinutes(6);

        Assert.Equal(ReplayCheck.New, await Store.RememberAsync("00000001234567890000", "uuid:1", "aaa", tot, default));
        Assert.Equal(ReplayCheck.SameContent, await Store.RememberAsync("00000001234567890000", "uuid:1", "aaa", tot, default));
        Assert.Equal(ReplayCheck.DifferentContent, await Store.RememberAsync("00000001234567890000", "uuid:1", "bbb", tot, default));
        Assert.Equal(ReplayCheck.New, await Store.RememberAsync("00000009876543210000", "uuid:1", "bbb", tot, default));
    }

    [Fact]
    public async Task Remember_AfterKeepUntil_IsNewAgain()
    {
        await Store.RememberAsync("00000001234567890000", "uuid:2", "aaa", _clock.GetUtcNow().AddMinutes(6), default);
        _clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(ReplayCheck.New, await Store.RememberAsync("00000001234567890000", "uuid:2", "bbb", _clock.GetUtcNow().AddMinutes(6), default));
    }

    [Fact]
    public async Task Remember_TwentyConcurrentDeliveries_ExactlyOneIsNew()
    {
        var tot = _clock.GetUtcNow().AddMinutes(6);
        var uitkomsten = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            await Store.RememberAsync("00000001234567890000", "uuid:3", "aaa", tot, default))));

        Assert.Single(uitkomsten, u => u == ReplayCheck.New);
        Assert.All(uitkomsten.Where(u => u != ReplayCheck.New), u => Assert.Equal(ReplayCheck.SameContent, u));
    }
}
