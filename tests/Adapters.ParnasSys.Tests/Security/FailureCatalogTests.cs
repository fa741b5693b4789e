using System.Reflection;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class FailureCatalogTests
{
    private static readonly string[] AllowedCodes =
    [
        FoutCodes.HandtekeningOngeldig,
        FoutCodes.CertificaatNietVertrouwd,
        FoutCodes.BerichtVerlopen,
        FoutCodes.BerichtHerhaald,
    ];

    private static List<string> AllReasons() =>
        typeof(VerificationReasons).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

    public static TheoryData<string> Reasons() => new(AllReasons());

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Fail_EveryReason_HasCodeDigikoppelingCodeAndDutchText(string reason)
    {
        var result = FailureCatalog.Fail(reason);

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
        Assert.Contains(result.Code, AllowedCodes);
        Assert.Matches("^(0001|0002|0005|0006|0007|0009|0010|0011)$", result.DigikoppelingCode);
        Assert.EndsWith(".", result.Melding, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9-]+$", reason);
    }

    [Fact]
    public void Reasons_AreUniqueAndAllCatalogued()
    {
        var reasons = AllReasons();

        Assert.Equal(reasons.Count, reasons.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(reasons.Order(StringComparer.Ordinal), FailureCatalog.Reasons.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fail_WithDetail_AppendsDetailToSentence()
    {
        var result = FailureCatalog.Fail(VerificationReasons.TooDeep, "maximaal 64 niveaus");

        Assert.Equal("Het bericht is dieper genest dan toegestaan: maximaal 64 niveaus.", result.Melding);
    }
}
