using Hulpvraag.Adapters.Esis.Verificatiecodes;

namespace Hulpvraag.Adapters.Esis.Tests.Verificatiecodes;

public sealed class EsisSleutelsTests
{
    private const string Pepper = "een-pepper-van-minstens-tweeendertig-tekens";
    private const string Code = "12AB00-regenboog-2026-x7";

    [Fact]
    public void Hash_SameCode_IsKeyedAndVersioned()
    {
        var v1 = new EsisSleutels(Pepper, 1);
        var ander = new EsisSleutels(Pepper + "-anders", 2, Pepper, 1);

        Assert.Equal(v1.Hash(Code), ander.Hash(Code, 1));
        Assert.NotEqual(v1.Hash(Code), ander.Hash(Code));
        Assert.DoesNotContain(Code, v1.Hash(Code), StringComparison.Ordinal);
    }

    [Fact]
    public void Klopt_RightWrongAndUnknownVersion_AreJudged()
    {
        var s = new EsisSleutels(Pepper, 3);
        var hash = s.Hash(Code);

        Assert.True(s.Klopt(Code, hash, 3));
        Assert.False(s.Klopt(Code + "x", hash, 3));
        Assert.False(s.Klopt(Code, hash, 2));
    }

    [Fact]
    public void Versleutel_Secret_RoundTripsAndIsNotPlain()
    {
        var s = new EsisSleutels(Pepper, 1);

        var opgeslagen = s.Versleutel("geheim-callback-secret");

        Assert.DoesNotContain("geheim", opgeslagen, StringComparison.Ordinal);
        Assert.NotEqual(opgeslagen, s.Versleutel("geheim-callback-secret"));
        Assert.Equal("geheim-callback-secret", s.Ontsleutel(opgeslagen));
        Assert.ThrowsAny<Exception>(() => new EsisSleutels(Pepper + "-anders", 1).Ontsleutel(opgeslagen));
    }
}
