using Hulpvraag.Gateway.Werkwachtrij;

namespace Hulpvraag.Gateway.Tests.Outbox;

public sealed class WerkBackoffTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(40)]
    public void Bereken_ManyDraws_NeverBelowMinimumNorAboveMaximum(int pogingen)
    {
        var min = TimeSpan.FromSeconds(10);
        var max = TimeSpan.FromHours(1);

        var wachttijden = Enumerable.Range(0, 5000).Select(_ => WerkBackoff.Bereken(pogingen, min, max)).ToList();

        Assert.All(wachttijden, w => Assert.InRange(w, min, max));
    }

    [Fact]
    public void Bereken_LaterAttempts_SpreadAndGrow()
    {
        var min = TimeSpan.FromSeconds(10);
        var max = TimeSpan.FromHours(1);

        var derde = Enumerable.Range(0, 2000).Select(_ => WerkBackoff.Bereken(3, min, max)).ToList();

        // Step 40 s: drawn between 20 s and 40 s, so retries of many rows do not all land at once.
        Assert.All(derde, w => Assert.InRange(w, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)));
        Assert.True(derde.Distinct().Count() > 100);
    }
}
