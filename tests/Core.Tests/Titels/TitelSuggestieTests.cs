using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Tests.Titels;

public sealed class TitelSuggestieTests
{
    [Theory]
    [InlineData("TLV", "TLV -Nieuw", "TLV -Verlenging", "TLV -Verlaging/ophoging")]
    [InlineData("Aanvangsklas", "Aanvangsklas -aanvraag", "Aanvangsklas -plaatsing")]
    [InlineData("budget", "Budget inclusief onderwijs", "Schoolbudget individueel/groep/wijk")]
    [InlineData("TLV nieuw", "TLV -Nieuw")]
    [InlineData("Ambulant", "Ambulante Begeleiding")]
    [InlineData("dyslexie", "Dyslexie -Vergoede zorg")]
    [InlineData("Herstart", "Herstart junior")]
    [InlineData("Begeleiding ambulant", "Ambulante Begeleiding")]
    [InlineData("Psychodiagnostiek", "Psychodiagnostisch onderzoek")]
    [InlineData("Thuisziter", "Thuiszitter")]
    [InlineData("Terugplaatsnig", "Terugplaatsing")]
    [InlineData("Aanvraag KANS", "KANS")]
    [InlineData("STAP coach", "STAPcoach VO")]
    [InlineData("Informatie-uitwisseling overig", "Informatieuitwisseling overig")]
    public void Zoek_NearMiss_SuggestsExactlyTheseInOrder(string ontvangen, params string[] verwacht)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Null(match.Gevonden);
        Assert.Equal(verwacht, match.Suggesties.Select(t => t.Weergave));
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("Hallo wereld")]
    [InlineData("12345")]
    [InlineData("???")]
    [InlineData("a")]
    [InlineData("Verzoek om extra handen in de klas")]
    public void Zoek_Garbage_HasNoSuggestions(string ontvangen)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Null(match.Gevonden);
        Assert.Empty(match.Suggesties);
    }

    [Fact]
    public void Zoek_HugeInput_IsRefusedWithoutSuggestions()
    {
        var match = TitelCatalogus.Zoek(string.Concat(Enumerable.Repeat("TLV -Nieuw ", 1000)));

        Assert.Null(match.Gevonden);
        Assert.Empty(match.Suggesties);
    }

    [Fact]
    public void Zoek_AnyInput_NeverSuggestsMoreThanThree()
    {
        var invoer = new[] { "tlv", "aanvang", "budget", "in", "onderwijs", "leerling", "TLV -", "ver" };

        Assert.All(invoer, i => Assert.InRange(TitelCatalogus.Zoek(i).Suggesties.Count, 0, 3));
    }

    [Fact]
    public void Gelijkenis_MissingDashOnly_IsPerfect()
    {
        Assert.Equal(1.0, TitelCatalogus.Gelijkenis("tlv nieuw", TitelCatalogus.Normaliseer("TLV -Nieuw")));
    }

    [Fact]
    public void Gelijkenis_UnrelatedText_IsBelowTheThreshold()
    {
        Assert.True(TitelCatalogus.Gelijkenis("xyzzy", "kans") < TitelCatalogus.SuggestieDrempel);
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "ac", 1)]
    [InlineData("thuiszitetr", "thuiszitter", 1)]
    [InlineData("abc", "abc", 0)]
    public void Afstand_Pairs_IsTheOptimalStringAlignmentDistance(string a, string b, int verwacht)
    {
        Assert.Equal(verwacht, TitelCatalogus.Afstand(a, b));
        Assert.Equal(verwacht, TitelCatalogus.Afstand(b, a));
    }

    [Fact]
    public void ToFout_OneSuggestion_IsTheSpecsQuestion()
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek("TLV nieuw"), "titel");

        Assert.Equal(FoutCodes.TitelOnbekend, fout.Code);
        Assert.Equal("titel", fout.Veld);
        Assert.Equal("De titel 'TLV nieuw' staat niet in de lijst van PPO Rotterdam. Bedoelde u: 'TLV -Nieuw'?", fout.Melding);
        Assert.Equal(["TLV -Nieuw"], fout.Suggesties!);
    }

    [Fact]
    public void ToFout_ThreeSuggestions_ListsThemAllInDutch()
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek("TLV"), "hulpvraag.titel");

        Assert.Equal(
            "De titel 'TLV' staat niet in de lijst van PPO Rotterdam. Bedoelde u: 'TLV -Nieuw', 'TLV -Verlenging' of 'TLV -Verlaging/ophoging'?",
            fout.Melding);
        Assert.Equal(["TLV -Nieuw", "TLV -Verlenging", "TLV -Verlaging/ophoging"], fout.Suggesties!);
    }

    [Fact]
    public void ToFout_NoSuggestions_PointsToTheList()
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek("xyzzy"), "titel");

        Assert.Equal(FoutCodes.TitelOnbekend, fout.Code);
        Assert.StartsWith("De titel 'xyzzy' staat niet in de lijst van PPO Rotterdam.", fout.Melding, StringComparison.Ordinal);
        Assert.Contains("handleiding", fout.Melding, StringComparison.Ordinal);
        Assert.DoesNotContain("Bedoelde u", fout.Melding, StringComparison.Ordinal);
        Assert.Empty(fout.Suggesties!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B")]
    public void ToFout_NothingVisibleReceived_IsVerplichtVeldOntbreekt(string? ontvangen)
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek(ontvangen), "titel");

        Assert.Equal(FoutCodes.VerplichtVeldOntbreekt, fout.Code);
        Assert.Equal("titel", fout.Veld);
    }

    [Fact]
    public void ToFout_HostileInput_IsShortenedAndFreeOfControlCharacters()
    {
        var fout = TitelCatalogus.ToFout(TitelCatalogus.Zoek("Evil\r\nSet-Cookie: x" + new string('a', 500)), "titel");

        Assert.DoesNotContain('\r', fout.Melding);
        Assert.DoesNotContain('\n', fout.Melding);
        Assert.True(fout.Melding.Length < 300, fout.Melding);
    }

    [Fact]
    public void ToFout_FoundTitle_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => TitelCatalogus.ToFout(TitelCatalogus.Zoek("KANS"), "titel"));
    }
}
