using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Tests.Storage;

/// <summary>
/// The group commit under the outbox's delivered outcomes and PostgreSQL's creates: who writes with whom, and that each
/// caller hears its own outcome, whatever happens to the others in its bundle.
/// </summary>
public sealed class RondeBundelTests
{
    private static readonly TimeSpan Wachttijd = TimeSpan.FromSeconds(10);

    /// <summary>A writer that records its bundles and, while <see cref="Houd"/> is set, waits on it before answering.</summary>
    private sealed class Schrijver(Func<int, bool>? faalt = null, Func<Exception>? fout = null)
    {
        public List<int[]> Bundels { get; } = [];

        public TaskCompletionSource? Houd { get; set; }

        public TaskCompletionSource Begonnen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<int>> SchrijfAsync(IReadOnlyList<int> items)
        {
            lock (Bundels)
            {
                Bundels.Add([.. items]);
            }

            Begonnen.TrySetResult();
            if (Houd is { } houd)
            {
                await houd.Task;
            }

            if (faalt is not null && items.Any(faalt))
            {
                throw fout!();
            }

            return items.Select(i => i * 10).ToList();
        }
    }

    /// <summary>Starts the write of 1 and holds it on its way (until <c>Houd</c> is set), so later writes queue.</summary>
    private static async Task<(Schrijver Schrijver, Task<int> Eerste)> EersteOnderwegAsync(RondeBundel<int, int> bundel, Schrijver? schrijver = null)
    {
        schrijver ??= new Schrijver();
        schrijver.Houd = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var eerste = bundel.VoerUitAsync(1, schrijver.SchrijfAsync, default);
        await schrijver.Begonnen.Task.WaitAsync(Wachttijd);
        return (schrijver, eerste);
    }

    [Fact]
    public async Task VoerUitAsync_LoneWrite_IsWrittenAtOnceInABundleOfItsOwn()
    {
        var bundel = new RondeBundel<int, int>(32, 1, _ => false);
        var schrijver = new Schrijver();

        var uitkomst = await bundel.VoerUitAsync(7, schrijver.SchrijfAsync, default).WaitAsync(Wachttijd);

        Assert.Equal(70, uitkomst);
        Assert.Equal([7], Assert.Single(schrijver.Bundels));
    }

    [Fact]
    public async Task VoerUitAsync_WritesArrivingWhileOneIsOnItsWay_GoTogetherAndEachHearsItsOwnOutcome()
    {
        var bundel = new RondeBundel<int, int>(32, 1, _ => false);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel);

        var volgende = Enumerable.Range(2, 5).Select(i => bundel.VoerUitAsync(i, schrijver.SchrijfAsync, default)).ToArray();
        schrijver.Houd!.SetResult();

        Assert.Equal(10, await eerste.WaitAsync(Wachttijd));
        var uitkomsten = await Task.WhenAll(volgende).WaitAsync(Wachttijd);
        Assert.Equal([20, 30, 40, 50, 60], uitkomsten);
        Assert.Equal([[1], [2, 3, 4, 5, 6]], schrijver.Bundels);
    }

    [Fact]
    public async Task VoerUitAsync_MoreWaitingThanMaxPerBundel_SplitsIntoBundlesOfAtMostThatMany()
    {
        var bundel = new RondeBundel<int, int>(3, 1, _ => false);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel);
        var volgende = Enumerable.Range(2, 7).Select(i => bundel.VoerUitAsync(i, schrijver.SchrijfAsync, default)).ToArray();

        schrijver.Houd!.SetResult();
        await Task.WhenAll([eerste, .. volgende]).WaitAsync(Wachttijd);

        Assert.Equal([[1], [2, 3, 4], [5, 6, 7], [8]], schrijver.Bundels);
    }

    [Fact]
    public async Task VoerUitAsync_OneWriteFailsOnItsOwn_TheBundleIsTriedOneByOneAndOnlyThatCallerFails()
    {
        var bundel = new RondeBundel<int, int>(32, 1, ex => ex is InvalidDataException);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel, new Schrijver(i => i == 3, () => new InvalidDataException("rij 3 geweigerd")));
        var twee = bundel.VoerUitAsync(2, schrijver.SchrijfAsync, default);
        var drie = bundel.VoerUitAsync(3, schrijver.SchrijfAsync, default);
        var vier = bundel.VoerUitAsync(4, schrijver.SchrijfAsync, default);

        schrijver.Houd!.SetResult();

        Assert.Equal(10, await eerste.WaitAsync(Wachttijd));
        Assert.Equal(20, await twee.WaitAsync(Wachttijd));
        await Assert.ThrowsAsync<InvalidDataException>(() => drie.WaitAsync(Wachttijd));
        Assert.Equal(40, await vier.WaitAsync(Wachttijd));
        Assert.Equal([[1], [2, 3, 4], [2], [3], [4]], schrijver.Bundels);
    }

    [Fact]
    public async Task VoerUitAsync_Outage_FailsEveryCallerOfTheBundleWithoutTryingThemOneByOne()
    {
        var bundel = new RondeBundel<int, int>(32, 1, ex => ex is InvalidDataException);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel, new Schrijver(i => i > 1, () => new IOException("database weg")));
        var volgende = new[] { 2, 3, 4 }.Select(i => bundel.VoerUitAsync(i, schrijver.SchrijfAsync, default)).ToArray();

        schrijver.Houd!.SetResult();

        Assert.Equal(10, await eerste.WaitAsync(Wachttijd));
        foreach (var taak in volgende)
        {
            await Assert.ThrowsAsync<IOException>(() => taak.WaitAsync(Wachttijd));
        }

        Assert.Equal([[1], [2, 3, 4]], schrijver.Bundels);
    }

    [Fact]
    public async Task VoerUitAsync_TwoWritersAllowed_ASecondBundleGoesWhileTheFirstIsStuck()
    {
        var bundel = new RondeBundel<int, int>(32, 2, _ => false);
        var (vast, eerste) = await EersteOnderwegAsync(bundel);

        var vlot = new Schrijver();
        var tweede = await bundel.VoerUitAsync(2, vlot.SchrijfAsync, default).WaitAsync(Wachttijd);

        Assert.Equal(20, tweede);
        Assert.False(eerste.IsCompleted);
        vast.Houd!.SetResult();
        Assert.Equal(10, await eerste.WaitAsync(Wachttijd));
    }

    [Fact]
    public async Task VoerUitAsync_OneWriterAllowed_ALaterWriteWaitsForTheBundleOnItsWay()
    {
        var bundel = new RondeBundel<int, int>(32, 1, _ => false);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel);

        var tweede = bundel.VoerUitAsync(2, schrijver.SchrijfAsync, default);
        await Task.Delay(100);

        Assert.False(tweede.IsCompleted);
        Assert.Single(schrijver.Bundels);
        schrijver.Houd!.SetResult();
        Assert.Equal(20, await tweede.WaitAsync(Wachttijd));
    }

    [Fact]
    public async Task VoerUitAsync_ManyCallersAndTwoWriters_AnswerEachCallerWithItsOwnOutcome()
    {
        // Bundles of one keep both writers at the queue's head all the time, where one could find it emptied by the other
        // or stop just as a request comes in.
        var bundel = new RondeBundel<int, int>(1, 2, _ => false);
        var leeg = 0;
        async Task<IReadOnlyList<int>> VoerUit(IReadOnlyList<int> items)
        {
            if (items.Count == 0)
            {
                Interlocked.Increment(ref leeg);
            }

            await Task.Yield();
            return items.Select(i => i * 10).ToList();
        }

        var taken = Enumerable.Range(0, 20_000).Select(i => Task.Run(() => bundel.VoerUitAsync(i, VoerUit, default))).ToArray();
        var uitkomsten = await Task.WhenAll(taken).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i * 10), uitkomsten);
        Assert.Equal(0, leeg);
    }

    [Fact]
    public async Task VoerUitAsync_CallerCancels_StopsWaitingWhileTheOthersInItsBundleStillGetTheirOutcome()
    {
        var bundel = new RondeBundel<int, int>(32, 1, _ => false);
        var (schrijver, eerste) = await EersteOnderwegAsync(bundel);
        using var stop = new CancellationTokenSource();
        var opgegeven = bundel.VoerUitAsync(2, schrijver.SchrijfAsync, stop.Token);
        var blijft = bundel.VoerUitAsync(3, schrijver.SchrijfAsync, default);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opgegeven);
        schrijver.Houd!.SetResult();

        Assert.Equal(30, await blijft.WaitAsync(Wachttijd));
        Assert.Equal(10, await eerste.WaitAsync(Wachttijd));
    }
}
