using Hulpvraag.Adapters.Esis.Verificatiecodes;

namespace Hulpvraag.Adapters.Esis.Tests.Verificatiecodes;

public sealed class VerificatiecodeRegelsTests
{
    [Theory]
    [InlineData("12AB00-regenboog-2026-x7")]
    [InlineData("12AB00aaaaaaaaaaaaaa")]
    [InlineData("12AB00!#$%&'()*+,-./:;<=>?@[]^_`{|}~aaaaaaaaaaaaa")]
    public void Controleer_ValidCode_HasNoErrors(string code)
    {
        Assert.Empty(VerificatiecodeRegels.Controleer(code, "12AB", "00"));
    }

    [Theory]
    [InlineData("13AB00-regenboog-2026-x7", "prefix")]
    [InlineData("12AB01-regenboog-2026-x7", "prefix")]
    [InlineData("12AB00-kort", "lengte")]
    [InlineData("12AB00-veel-te-lang-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "lengte")]
    [InlineData("12AB00 regenboog 2026 x7", "tekens")]
    [InlineData("12AB00-regenbóóg-2026-x7", "tekens")]
    [InlineData("12AB00-regenboog\t2026-x7", "tekens")]
    public void Controleer_BrokenRule_NamesThatRule(string code, string regel)
    {
        var fouten = VerificatiecodeRegels.Controleer(code, "12AB", "00");

        Assert.Equal([regel], fouten.Select(f => f.Regel));
        Assert.All(fouten, f => Assert.False(string.IsNullOrWhiteSpace(f.Melding)));
    }

    [Fact]
    public void Controleer_EverythingWrong_NamesAllThreeRules()
    {
        Assert.Equal(["prefix", "lengte", "tekens"], VerificatiecodeRegels.Controleer("geen code", "12AB", "00").Select(f => f.Regel));
    }

    [Theory]
    [InlineData("12AB00-regenboog-2026-x7", true)]
    [InlineData("12ab00-regenboog-2026-x7", false)]
    [InlineData("12AB0-regenboog-2026-x7a", false)]
    [InlineData("12AB00-kort", false)]
    [InlineData(null, false)]
    public void HeeftGeldigeVorm_Shape_IsJudged(string? code, bool geldig)
    {
        Assert.Equal(geldig, VerificatiecodeRegels.HeeftGeldigeVorm(code));
    }
}
