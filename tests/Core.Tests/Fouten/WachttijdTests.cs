using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Tests.Fouten;

public sealed class WachttijdTests
{
    [Theory]
    [InlineData(1, "1 seconde")]
    [InlineData(45, "45 seconden")]
    [InlineData(120, "120 seconden")]
    [InlineData(121, "3 minuten")]
    [InlineData(720, "12 minuten")]
    [InlineData(690, "12 minuten")]
    public void Tekst_WaitOverTwoMinutes_IsSaidInMinutes(int seconden, string verwacht)
    {
        Assert.Equal(verwacht, Wachttijd.Tekst(seconden));
    }
}
