using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Tests.Titels;

public sealed class TitelCatalogusTests
{
    public static TheoryData<string> Weergaven() => [.. TitelCatalogus.Alle.Select(t => t.Weergave)];

    [Fact]
    public void Alle_Catalogue_HasTheTwentyTwoTitlesWithUniqueCodes()
    {
        Assert.Equal(22, TitelCatalogus.Alle.Count);
        Assert.Equal(22, TitelCatalogus.Alle.Select(t => t.Code).Distinct().Count());
        Assert.Equal(22, TitelCatalogus.Alle.Select(t => TitelCatalogus.Normaliseer(t.Weergave)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_DisplayTextInAnyCase_FindsTheTitle(string weergave)
    {
        var verwacht = TitelCatalogus.Alle.Single(t => t.Weergave == weergave);

        Assert.Equal(verwacht, TitelCatalogus.Zoek(weergave).Gevonden);
        Assert.Equal(verwacht, TitelCatalogus.Zoek(weergave.ToUpperInvariant()).Gevonden);
        Assert.Equal(verwacht, TitelCatalogus.Zoek(weergave.ToLowerInvariant()).Gevonden);
        Assert.Equal(verwacht, TitelCatalogus.Zoek($"  {weergave.Replace(" ", "   ", StringComparison.Ordinal)}\t").Gevonden);
        Assert.Equal(verwacht, TitelCatalogus.Zoek(weergave.Replace(' ', '\u00A0')).Gevonden);
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_DashAndSlashVariants_FindTheTitle(string weergave)
    {
        var verwacht = TitelCatalogus.Alle.Single(t => t.Weergave == weergave);
        foreach (var streep in new[] { "-", "\u2013", "\u2014", "\u2212", "\u2010", "\uFF0D" })
        {
            foreach (var vorm in new[] { streep, $" {streep} ", $"{streep} ", $" {streep}" })
            {
                var variant = weergave.Replace(" -", "-", StringComparison.Ordinal).Replace("-", vorm, StringComparison.Ordinal);
                Assert.Equal(verwacht, TitelCatalogus.Zoek(variant).Gevonden);
            }
        }

        Assert.Equal(verwacht, TitelCatalogus.Zoek(weergave.Replace("/", " / ", StringComparison.Ordinal)).Gevonden);
    }

    [Theory]
    [InlineData("tlv - nieuw", "tlv-nieuw")]
    [InlineData("TLV–Nieuw", "tlv-nieuw")]
    [InlineData("TLV -Nieuw", "tlv-nieuw")]
    [InlineData("ＴＬＶ －Ｎｉｅｕｗ", "tlv-nieuw")]
    [InlineData("Ambulante Begeléiding", "ambulante-begeleiding")]
    [InlineData("Schoolbudget individueel / groep / wijk", "schoolbudget")]
    [InlineData("jonge kind (3,2-4 jr) advisering", "jonge-kind-advisering")]
    [InlineData("kans", "kans")]
    public void Zoek_SpecExamples_Match(string ontvangen, string code)
    {
        Assert.Equal(code, TitelCatalogus.Zoek(ontvangen).Gevonden?.Code);
    }

    [Theory]
    [InlineData("TLV nieuw", "TLV -Nieuw")]
    [InlineData("TLV-Nieuwe", "TLV -Nieuw")]
    [InlineData("Ambulant", "Ambulante Begeleiding")]
    [InlineData("Ambulante begeleding", "Ambulante Begeleiding")]
    [InlineData("dyslexie", "Dyslexie -Vergoede zorg")]
    [InlineData("Thuiszitters", "Thuiszitter")]
    [InlineData("TLV verlenging", "TLV -Verlenging")]
    public void Zoek_NearMiss_IsRefusedWithTheRightSuggestionFirst(string ontvangen, string eersteSuggestie)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Null(match.Gevonden);
        Assert.InRange(match.Suggesties.Count, 1, 3);
        Assert.Equal(eersteSuggestie, match.Suggesties[0].Weergave);
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("Graag hulp voor deze leerling want het gaat niet goed")]
    [InlineData("")]
    [InlineData(null)]
    public void Zoek_Garbage_IsRefusedWithoutSuggestions(string? ontvangen)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Null(match.Gevonden);
        Assert.Empty(match.Suggesties);
    }

    [Fact]
    public void ToFout_NearMiss_IsTitelOnbekendAskingBedoeldeU()
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek("TLV nieuw"), "korteOmschrijving");

        Assert.Equal(FoutCodes.TitelOnbekend, fout.Code);
        Assert.Equal("korteOmschrijving", fout.Veld);
        Assert.Contains("Bedoelde u", fout.Melding, StringComparison.Ordinal);
        Assert.Contains("TLV -Nieuw", fout.Suggesties!);
    }

    [Fact]
    public void ZoekOpCode_KnownAndUnknown_ReturnsTitleOrNull()
    {
        Assert.Equal("tlv", TitelCatalogus.ZoekOpCode("tlv-verlenging")?.Groep);
        Assert.Null(TitelCatalogus.ZoekOpCode("TLV -Verlenging"));
    }
}
