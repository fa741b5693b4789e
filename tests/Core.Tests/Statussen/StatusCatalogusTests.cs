using Hulpvraag.Core.Statussen;

namespace Hulpvraag.Core.Tests.Statussen;

public sealed class StatusCatalogusTests
{
    // The spec's status table (code | display), verbatim.
    private const string SpecTabel = """
        voorlopige-aanmelding | Voorlopige aanmelding
        aanmelding | Aanmelding
        doorzetten | Doorzetten [functie]
        dossier-compleet | Dossier compleet [functie]
        dossier-incompleet | Dossier incompleet [functie]
        toegekend | Toegekend
        akkoord-coordinator-herstart-kans | Akkoord coördinator Herstart/KANS
        gearrangeerd-budget-herstart-kans | Gearrangeerd budget Herstart/KANS
        wacht | Wacht [nadere aanduiding]
        in-behandeling | In behandeling [nadere aanduiding]
        tlv-afgegeven | TLV afgegeven
        afgerond | Afgerond [nadere aanduiding]
        afgewezen | Afgewezen [nadere aanduiding]
        niet-ontvankelijk | Niet ontvankelijk [nadere aanduiding]
        thuiszitter | Thuiszitter
        """;

    [Fact]
    public void Alle_Catalogue_IsTheSpecTableInOrder()
    {
        var verwacht = SpecTabel.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('|').Select(d => d.Trim()).ToArray())
            .Select(d => (d[0], d[1]))
            .ToList();

        Assert.Equal(verwacht, StatusCatalogus.Alle.Select(s => (s.Code, s.Sjabloon)));
    }

    [Fact]
    public void Alle_RequiredFieldsAndVisibility_AreAsTheSpecSays()
    {
        Assert.Equal(["doorzetten"], StatusCatalogus.Alle.Where(s => s.KwalificatieVerplicht).Select(s => s.Code));
        Assert.Equal(
            ["dossier-incompleet", "afgewezen", "niet-ontvankelijk"],
            StatusCatalogus.Alle.Where(s => s.ToelichtingVerplicht).Select(s => s.Code));
        Assert.Equal(["voorlopige-aanmelding"], StatusCatalogus.Alle.Where(s => !s.StandaardZichtbaar).Select(s => s.Code));
        Assert.Equal(StatusCatalogus.Aanmelding, StatusCatalogus.ZoekOpCode("aanmelding")?.Code);
    }

    [Fact]
    public void Constants_EveryCodeConstant_IsInTheCatalogue()
    {
        var constanten = typeof(StatusCatalogus).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();

        Assert.Equal(StatusCatalogus.Alle.Select(s => s.Code).ToHashSet(), constanten);
    }

    [Theory]
    [InlineData("dossier-incompleet", "SCP", "Dossier incompleet SCP")]
    [InlineData("dossier-compleet", "leescoördinator", "Dossier compleet leescoördinator")]
    [InlineData("doorzetten", "  Orthopedagoog ", "Doorzetten Orthopedagoog")]
    [InlineData("niet-ontvankelijk", "financiën", "Niet ontvankelijk financiën")]
    [InlineData("wacht", "plek bij behandelaar", "Wacht plek bij behandelaar")]
    [InlineData("afgerond", null, "Afgerond")]
    [InlineData("afgewezen", "   ", "Afgewezen")]
    [InlineData("toegekend", null, "Toegekend")]
    [InlineData("tlv-afgegeven", "SCP", "TLV afgegeven")]
    [InlineData("thuiszitter", "x", "Thuiszitter")]
    [InlineData("voorlopige-aanmelding", null, "Voorlopige aanmelding")]
    [InlineData("gearrangeerd-budget-herstart-kans", null, "Gearrangeerd budget Herstart/KANS")]
    public void Weergave_CodeAndKwalificatie_FillsTheBracketPartOnlyWhereThereIsOne(string code, string? kwalificatie, string verwacht)
    {
        Assert.Equal(verwacht, StatusCatalogus.Weergave(code, kwalificatie));
    }

    [Theory]
    [InlineData("Behandeling loopt")]
    [InlineData("Aanmelding")]
    [InlineData("")]
    public void Weergave_UnknownCode_IsTheCodeItself(string code)
    {
        Assert.Equal(code, StatusCatalogus.Weergave(code, "SCP"));
        Assert.Null(StatusCatalogus.ZoekOpCode(code));
    }
}
