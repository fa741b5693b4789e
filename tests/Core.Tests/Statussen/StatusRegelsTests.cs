using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Tests.Statussen;

public sealed class StatusRegelsTests
{
    private static readonly string?[] Groepen = [null, "tlv", "budget", "herstart-kans", "thuiszitter"];

    /// <summary>Every status to every title group, with the required fields filled: only the group rules may refuse.</summary>
    public static TheoryData<string, string?> StatusPerGroep()
    {
        var data = new TheoryData<string, string?>();
        foreach (var s in StatusCatalogus.Alle)
        {
            foreach (var g in Groepen)
            {
                data.Add(s.Code, g);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusPerGroep))]
    public void Controleer_EveryStatusForEveryGroup_FollowsTheGroupRules(string naar, string? groep)
    {
        var fout = StatusRegels.Controleer(new StatusOvergang(StatusCatalogus.InBehandeling, naar, groep, "Orthopedagoog", "Toelichting", false));

        var verwachtRegel = (naar, groep) switch
        {
            (StatusCatalogus.Toegekend, "tlv" or "budget") => StatusRegels.RegelNietVoorGroep,
            (StatusCatalogus.AkkoordCoordinatorHerstartKans or StatusCatalogus.GearrangeerdBudgetHerstartKans, not "herstart-kans") => StatusRegels.RegelAlleenVoorGroep,
            (StatusCatalogus.TlvAfgegeven, not "tlv") => StatusRegels.RegelAlleenVoorGroep,
            (StatusCatalogus.Thuiszitter, not "thuiszitter") => StatusRegels.RegelAlleenVoorGroep,
            _ => null,
        };
        Assert.Equal(verwachtRegel, fout?.Regel);
        if (fout is not null)
        {
            Assert.Equal(FoutCodes.StatusovergangNietToegestaan, fout.Code);
            Assert.False(string.IsNullOrWhiteSpace(fout.Melding));
        }
    }

    [Fact]
    public void Controleer_GroupsInTheRules_AllExistInTheTitleCatalogue()
    {
        var groepen = TitelCatalogus.Alle.Select(t => t.Groep).OfType<string>().ToHashSet();

        Assert.Subset(groepen, Groepen.OfType<string>().ToHashSet());
        Assert.Superset(groepen, Groepen.OfType<string>().ToHashSet());
    }

    [Fact]
    public void Controleer_DoorzettenWithoutKwalificatie_NamesTheRule()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", "doorzetten", null, null, null, false));

        Assert.Equal(StatusRegels.RegelKwalificatieVerplicht, fout?.Regel);
        Assert.Equal("kwalificatie", fout?.Veld);
    }

    [Theory]
    [InlineData("dossier-incompleet")]
    [InlineData("afgewezen")]
    [InlineData("niet-ontvankelijk")]
    public void Controleer_StatusNeedingToelichtingWithout_NamesTheRule(string naar)
    {
        Assert.Equal(StatusRegels.RegelToelichtingVerplicht, StatusRegels.Controleer(new StatusOvergang("aanmelding", naar, null, "SCP", "  ", false))?.Regel);
        Assert.Null(StatusRegels.Controleer(new StatusOvergang("aanmelding", naar, null, "SCP", "Het OPP ontbreekt.", false)));
    }

    [Theory]
    [InlineData("tlv-afgegeven", "tlv")]
    [InlineData("afgerond", null)]
    [InlineData("afgewezen", null)]
    [InlineData("niet-ontvankelijk", null)]
    public void Controleer_FromFinalStatus_RefusesEverythingButHeropenen(string finaal, string? groep)
    {
        foreach (var naar in StatusCatalogus.Alle)
        {
            var fout = StatusRegels.Controleer(new StatusOvergang(finaal, naar.Code, groep, "x", "y", false));
            Assert.Equal(StatusRegels.RegelFinaleStatus, fout?.Regel);
        }

        Assert.Null(StatusRegels.Controleer(new StatusOvergang(finaal, "aanmelding", groep, null, "Nieuwe informatie van de school.", true)));
    }

    [Fact]
    public void Controleer_HeropenenRules_AreEachNamed()
    {
        Assert.Equal(StatusRegels.RegelHeropenenAlleenVanuitFinaleStatus,
            StatusRegels.Controleer(new StatusOvergang("in-behandeling", "aanmelding", null, null, "x", true))?.Regel);
        Assert.Equal(StatusRegels.RegelHeropenenAlleenNaarAanmelding,
            StatusRegels.Controleer(new StatusOvergang("afgerond", "in-behandeling", null, null, "x", true))?.Regel);
        Assert.Equal(StatusRegels.RegelToelichtingVerplicht,
            StatusRegels.Controleer(new StatusOvergang("afgerond", "aanmelding", null, null, null, true))?.Regel);
    }

    [Fact]
    public void Controleer_UnknownStatus_NamesTheRule()
    {
        Assert.Equal(StatusRegels.RegelStatusOnbekend, StatusRegels.Controleer(new StatusOvergang("aanmelding", "Behandeling loopt", null, null, null, false))?.Regel);
    }

    [Fact]
    public void Controleer_SameStatusWithoutNews_IsRefusedButNewQualificationIsAllowed()
    {
        Assert.Equal(StatusRegels.RegelGeenWijziging, StatusRegels.Controleer(new StatusOvergang("toegekend", "toegekend", null, null, null, false))?.Regel);
        Assert.Null(StatusRegels.Controleer(new StatusOvergang("wacht", "wacht", null, "op ouders", null, false)));
    }

    [Theory]
    [InlineData("dossier-incompleet", "SCP", "Dossier incompleet SCP")]
    [InlineData("doorzetten", "Orthopedagoog", "Doorzetten Orthopedagoog")]
    [InlineData("toegekend", "genegeerd", "Toegekend")]
    [InlineData("in-behandeling", null, "In behandeling")]
    [InlineData("akkoord-coordinator-herstart-kans", null, "Akkoord coördinator Herstart/KANS")]
    public void Weergave_WithAndWithoutKwalificatie_FillsTheBracketPart(string code, string? kwalificatie, string verwacht)
    {
        Assert.Equal(verwacht, StatusCatalogus.Weergave(code, kwalificatie));
    }

    [Fact]
    public void Alle_Catalogue_HasFifteenStatusesWithTheSpecsFinalOnes()
    {
        Assert.Equal(15, StatusCatalogus.Alle.Count);
        Assert.Equal(["tlv-afgegeven", "afgerond", "afgewezen", "niet-ontvankelijk"], StatusCatalogus.Alle.Where(s => s.Finaal).Select(s => s.Code));
    }
}
