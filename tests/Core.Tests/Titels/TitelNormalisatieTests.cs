using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Tests.Titels;

public sealed class TitelNormalisatieTests
{
    // The spec's table verbatim (display | code | group), so a typo in the catalogue cannot hide behind the same typo in a test.
    private const string SpecTabel = """
        Ambulante Begeleiding | ambulante-begeleiding |
        Budget inclusief onderwijs | budget-inclusief-onderwijs | budget
        Dyslexie -Vergoede zorg | dyslexie-vergoede-zorg |
        GAAF -Leerling met ontwikkelingsvoorsprong/(hoog)begaafdheid | gaaf |
        Herstart junior | herstart-junior | herstart-kans
        Jonge kind (3,2 - 4 jr) advisering | jonge-kind-advisering |
        KANS | kans | herstart-kans
        Ouderfunctionaris inzet | ouderfunctionaris-inzet |
        Perspectief in Praktijk | perspectief-in-praktijk |
        Preventie SCP | preventie-scp |
        Psychodiagnostisch onderzoek | psychodiagnostisch-onderzoek |
        Schoolbudget individueel/groep/wijk | schoolbudget | budget
        STAPcoach VO | stapcoach-vo |
        Terugplaatsing | terugplaatsing |
        Thuiszitter | thuiszitter | thuiszitter
        TLV -Nieuw | tlv-nieuw | tlv
        TLV -Verlaging/ophoging | tlv-verlaging-ophoging | tlv
        TLV -Verlenging | tlv-verlenging | tlv
        Aanvangsklas -aanvraag | aanvangsklas-aanvraag |
        Aanvangsklas -plaatsing | aanvangsklas-plaatsing |
        Informatieuitwisseling overig | informatieuitwisseling-overig |
        CAR met bestaande TLV | car-met-bestaande-tlv |
        """;

    public static TheoryData<string> Weergaven() => [.. TitelCatalogus.Alle.Select(t => t.Weergave)];

    public static TheoryData<string> WeergavenMetStreep() =>
        [.. TitelCatalogus.Alle.Select(t => t.Weergave).Where(w => w.Contains('-', StringComparison.Ordinal))];

    [Fact]
    public void Alle_Catalogue_IsExactlyTheSpecTableInOrder()
    {
        var verwacht = SpecTabel.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(regel => regel.Split('|').Select(d => d.Trim()).ToArray())
            .Select(d => new Titel(d[1], d[0], d[2].Length == 0 ? null : d[2]))
            .ToList();

        Assert.Equal(22, verwacht.Count);
        Assert.Equal(verwacht, TitelCatalogus.Alle);
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_DiacriticsAddedToEveryVowel_FindsTheTitle(string weergave)
    {
        var metAccenten = weergave
            .Replace('a', 'á').Replace('e', 'ë').Replace('i', 'ï').Replace('o', 'ö').Replace('u', 'ü')
            .Replace('A', 'Ä').Replace('E', 'É').Replace('O', 'Ô').Replace('C', 'Ç').Replace('n', 'ñ');

        Assert.Equal(weergave, TitelCatalogus.Zoek(metAccenten).Gevonden?.Weergave);
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_DecomposedCombiningMarks_FindsTheTitle(string weergave)
    {
        // "e" + U+0301 and "o" + U+0308: what macOS and some web forms send instead of é and ö.
        var ontleed = weergave.Replace("e", "e\u0301", StringComparison.Ordinal).Replace("o", "o\u0308", StringComparison.Ordinal);

        Assert.Equal(weergave, TitelCatalogus.Zoek(ontleed).Gevonden?.Weergave);
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_FullwidthForms_FindTheTitle(string weergave)
    {
        var volbreed = string.Concat(weergave.Select(c => c == ' ' ? '\u3000' : (char)(c + 0xFEE0)));

        Assert.Equal(weergave, TitelCatalogus.Zoek(volbreed).Gevonden?.Weergave);
    }

    [Theory]
    [MemberData(nameof(Weergaven))]
    public void Zoek_InvisibleFormatCharacters_AreIgnored(string weergave)
    {
        var metOnzichtbaar = "\uFEFF" + weergave.Insert(2, "\u200B").Insert(1, "\u00AD");

        Assert.Equal(weergave, TitelCatalogus.Zoek(metOnzichtbaar).Gevonden?.Weergave);
    }

    [Theory]
    [MemberData(nameof(WeergavenMetStreep))]
    public void Zoek_EveryDashVariantWithAnySpacing_FindsTheTitle(string weergave)
    {
        var strepen = new[] { "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFE58", "\uFE63", "\uFF0D" };
        foreach (var streep in strepen)
        {
            foreach (var vorm in new[] { streep, $" {streep} ", $"{streep}  ", $"\u00A0{streep}\t" })
            {
                var variant = weergave.Replace(" - ", "-", StringComparison.Ordinal).Replace(" -", "-", StringComparison.Ordinal)
                    .Replace("-", vorm, StringComparison.Ordinal);
                Assert.True(TitelCatalogus.Zoek(variant).Gevonden?.Weergave == weergave, $"'{variant}' did not match '{weergave}'");
            }
        }
    }

    [Theory]
    [InlineData("tlv - nieuw")]
    [InlineData("TLV–Nieuw")]
    [InlineData("TLV -Nieuw")]
    [InlineData("  tlv-NIEUW ")]
    [InlineData("TLV-  Nieuw")]
    [InlineData("tlv\n-\nnieuw")]
    public void Zoek_SpellingsOfTlvNieuw_FindTlvNieuw(string ontvangen)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Equal("tlv-nieuw", match.Gevonden?.Code);
        Assert.True(match.IsGevonden);
        Assert.Empty(match.Suggesties);
    }

    [Theory]
    [InlineData("TLV nieuw")]
    [InlineData("TLV-Nieuwe")]
    [InlineData("TLVNieuw")]
    [InlineData("TLV_Nieuw")]
    [InlineData("TLV\u00ADNieuw")]
    [InlineData("TLV -Nieuw.")]
    [InlineData("Dyslexie Vergoede zorg")]
    [InlineData("Schoolbudget individueel groep wijk")]
    [InlineData("Jonge kind (3,2 - 4 jaar) advisering")]
    [InlineData("Ambulante Begeleiding extra")]
    public void Zoek_NotExactAfterNormalisation_IsNotFoundButSuggested(string ontvangen)
    {
        var match = TitelCatalogus.Zoek(ontvangen);

        Assert.Null(match.Gevonden);
        Assert.NotEmpty(match.Suggesties);
    }

    [Theory]
    [InlineData("  TLV –  Nieuw ", "tlv-nieuw")]
    [InlineData("Schoolbudget individueel / groep /wijk", "schoolbudget individueel/groep/wijk")]
    [InlineData("Jonge\tkind (3,2 - 4 jr)\r\nadvisering", "jonge kind (3,2-4 jr) advisering")]
    [InlineData("a\u00A0\u2007\u202F\u3000b", "a b")]
    [InlineData("Coördinator", "coordinator")]
    [InlineData("Coo\u0308rdinator", "coordinator")]
    [InlineData("ĲSSELMONDE", "ijsselmonde")]
    [InlineData("ﬁnanciën", "financien")]
    [InlineData("ÀÉÎÕÜÇÑÝ àéîõüçñÿ", "aeioucny aeioucny")]
    [InlineData("Łódź Øresund Æ ß", "łodz øresund æ ß")]
    [InlineData("Ḱỹ ȳ", "ky y")]
    [InlineData("－", "-")]
    [InlineData("", "")]
    [InlineData(" \t ", "")]
    public void Normaliseer_Input_GivesTheComparisonForm(string invoer, string verwacht)
    {
        Assert.Equal(verwacht, TitelCatalogus.Normaliseer(invoer));
    }

    [Fact]
    public void Normaliseer_AlreadyNormalised_IsUnchanged()
    {
        foreach (var titel in TitelCatalogus.Alle)
        {
            var eenmaal = TitelCatalogus.Normaliseer(titel.Weergave);
            Assert.Equal(eenmaal, TitelCatalogus.Normaliseer(eenmaal));
        }
    }

    [Fact]
    public void ZoekOpCode_EveryCode_FindsItsTitle()
    {
        foreach (var titel in TitelCatalogus.Alle)
        {
            Assert.Same(titel, TitelCatalogus.ZoekOpCode(titel.Code));
        }

        Assert.Null(TitelCatalogus.ZoekOpCode("TLV-NIEUW"));
    }
}
