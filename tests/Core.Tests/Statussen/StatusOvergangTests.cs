using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Tests.Statussen;

public sealed class StatusOvergangTests
{
    private static readonly string?[] Groepen = [null, TitelGroepen.Tlv, TitelGroepen.Budget, TitelGroepen.HerstartKans, TitelGroepen.Thuiszitter];

    private static readonly string[] RegelNamen =
    [
        StatusRegels.RegelStatusOnbekend, StatusRegels.RegelAlleenVoorGroep, StatusRegels.RegelNietVoorGroep,
        StatusRegels.RegelKwalificatieVerplicht, StatusRegels.RegelToelichtingVerplicht, StatusRegels.RegelFinaleStatus,
        StatusRegels.RegelHeropenenAlleenNaarAanmelding, StatusRegels.RegelHeropenenAlleenVanuitFinaleStatus,
        StatusRegels.RegelGeenWijziging,
    ];

    public static TheoryData<string> NietFinaal() => [.. StatusCatalogus.Alle.Where(s => !s.Finaal).Select(s => s.Code)];

    public static TheoryData<string> Finaal() => [.. StatusCatalogus.Alle.Where(s => s.Finaal).Select(s => s.Code)];

    public static TheoryData<string> MetKwalificatieVerplicht() =>
        [.. StatusCatalogus.Alle.Where(s => s.KwalificatieVerplicht).Select(s => s.Code)];

    public static TheoryData<string> MetToelichtingVerplicht() =>
        [.. StatusCatalogus.Alle.Where(s => s.ToelichtingVerplicht).Select(s => s.Code)];

    /// <summary>For every status, a group for which it is possible (null when any group will do).</summary>
    private static string? GeschikteGroep(StatusDefinitie status) => status.AlleenVoorGroepen?.First();

    [Fact]
    public void Controleer_EveryCombination_IsAllowedOrRefusedWithCodeAndANamedRule()
    {
        var geteld = new Dictionary<string, int>();
        foreach (var van in StatusCatalogus.Alle)
        {
            foreach (var naar in StatusCatalogus.Alle)
            {
                foreach (var groep in Groepen)
                {
                    foreach (var heropenen in new[] { false, true })
                    {
                        foreach (var (kwalificatie, toelichting) in new[] { ((string?)null, (string?)null), ("SCP", "Reden.") })
                        {
                            var fout = StatusRegels.Controleer(new StatusOvergang(van.Code, naar.Code, groep, kwalificatie, toelichting, heropenen));
                            if (fout is null)
                            {
                                continue;
                            }

                            Assert.Equal(FoutCodes.StatusovergangNietToegestaan, fout.Code);
                            Assert.Contains(fout.Regel, RegelNamen);
                            Assert.False(string.IsNullOrWhiteSpace(fout.Melding));
                            geteld[fout.Regel!] = geteld.GetValueOrDefault(fout.Regel!) + 1;
                        }
                    }
                }
            }
        }

        // Every rule except "unknown status" is reachable with catalogue codes.
        Assert.Equal(RegelNamen.Except([StatusRegels.RegelStatusOnbekend]).Order(), geteld.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(NietFinaal))]
    public void Controleer_FromNonFinalToEveryPossibleStatus_IsAllowedWithFieldsFilled(string van)
    {
        foreach (var naar in StatusCatalogus.Alle.Where(s => s.Code != van))
        {
            var fout = StatusRegels.Controleer(new StatusOvergang(van, naar.Code, GeschikteGroep(naar), "SCP", "Toelichting.", false));
            Assert.True(fout is null, $"{van} -> {naar.Code}: {fout?.Regel}");
        }
    }

    [Fact]
    public void Controleer_GroupRules_MatchTheSpecForEveryStatusAndGroup()
    {
        foreach (var naar in StatusCatalogus.Alle)
        {
            foreach (var groep in Groepen.Append("onbekende-groep"))
            {
                var verwacht = (naar.Code, groep) switch
                {
                    ("toegekend", "tlv" or "budget") => StatusRegels.RegelNietVoorGroep,
                    ("akkoord-coordinator-herstart-kans" or "gearrangeerd-budget-herstart-kans", not "herstart-kans") => StatusRegels.RegelAlleenVoorGroep,
                    ("tlv-afgegeven", not "tlv") => StatusRegels.RegelAlleenVoorGroep,
                    ("thuiszitter", not "thuiszitter") => StatusRegels.RegelAlleenVoorGroep,
                    _ => null,
                };
                var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", naar.Code, groep, "SCP", "Toelichting.", false));
                Assert.True(verwacht == fout?.Regel, $"{naar.Code} for group {groep ?? "(none)"}: expected {verwacht}, got {fout?.Regel}");
                if (fout is not null)
                {
                    Assert.Equal(StatusRegels.VeldStatus, fout.Veld);
                }
            }
        }
    }

    [Fact]
    public void Controleer_ToegekendForTlv_TellsToUseTlvAfgegeven()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", "toegekend", TitelGroepen.Tlv, null, null, false));

        Assert.StartsWith("De status 'Toegekend' kan niet bij een TLV-aanvraag; gebruik 'TLV afgegeven'", fout?.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Controleer_ToegekendForBudget_TellsToUseAfgerond()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", "toegekend", TitelGroepen.Budget, null, null, false));

        Assert.Contains("budgetaanvraag", fout?.Melding, StringComparison.Ordinal);
        Assert.Contains("'Afgerond'", fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("akkoord-coordinator-herstart-kans", "'Herstart junior' of 'KANS'")]
    [InlineData("tlv-afgegeven", "'TLV -Nieuw', 'TLV -Verlaging/ophoging' of 'TLV -Verlenging'")]
    [InlineData("thuiszitter", "'Thuiszitter'")]
    public void Controleer_OnlyForGroup_NamesTheTitlesItIsFor(string naar, string titels)
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", naar, null, null, null, false));

        Assert.Equal(StatusRegels.RegelAlleenVoorGroep, fout?.Regel);
        Assert.EndsWith($"kan alleen bij een aanvraag {titels}.", fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MetKwalificatieVerplicht))]
    public void Controleer_RequiredKwalificatieMissingOrBlank_IsRefusedNamingTheField(string naar)
    {
        foreach (var leeg in new[] { null, "", "  \t" })
        {
            var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", naar, null, leeg, "Toelichting.", false));

            Assert.Equal(StatusRegels.RegelKwalificatieVerplicht, fout?.Regel);
            Assert.Equal(StatusRegels.VeldKwalificatie, fout?.Veld);
        }

        Assert.Null(StatusRegels.Controleer(new StatusOvergang("aanmelding", naar, null, "SCP", null, false)));
    }

    [Theory]
    [MemberData(nameof(MetToelichtingVerplicht))]
    public void Controleer_RequiredToelichtingMissingOrBlank_IsRefusedNamingTheField(string naar)
    {
        foreach (var leeg in new[] { null, "", " \r\n " })
        {
            var fout = StatusRegels.Controleer(new StatusOvergang("in-behandeling", naar, null, "SCP", leeg, false));

            Assert.Equal(StatusRegels.RegelToelichtingVerplicht, fout?.Regel);
            Assert.Equal(StatusRegels.VeldToelichting, fout?.Veld);
            Assert.Contains("toelichting", fout?.Melding, StringComparison.Ordinal);
        }

        Assert.Null(StatusRegels.Controleer(new StatusOvergang("in-behandeling", naar, null, null, "Het OPP ontbreekt.", false)));
    }

    [Fact]
    public void Controleer_DossierIncompleetWithoutToelichting_AsksWhatIsMissing()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", "dossier-incompleet", null, "SCP", null, false));

        Assert.Contains("welke gegevens ontbreken", fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Finaal))]
    public void Controleer_FromFinalWithoutHeropenen_RefusesEveryTarget(string van)
    {
        foreach (var naar in StatusCatalogus.Alle)
        {
            var fout = StatusRegels.Controleer(new StatusOvergang(van, naar.Code, GeschikteGroep(naar), "SCP", "Toelichting.", false));

            Assert.Equal(StatusRegels.RegelFinaleStatus, fout?.Regel);
            Assert.Contains("heropenen", fout?.Melding, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Finaal))]
    public void Controleer_HeropenenFromFinalToAanmeldingWithToelichting_IsAllowed(string van)
    {
        var groep = StatusCatalogus.ZoekOpCode(van)!.AlleenVoorGroepen?.First();

        Assert.Null(StatusRegels.Controleer(new StatusOvergang(van, "aanmelding", groep, null, "Nieuwe informatie van de school.", true)));
    }

    [Theory]
    [MemberData(nameof(Finaal))]
    public void Controleer_HeropenenToAnotherStatus_IsRefused(string van)
    {
        foreach (var naar in StatusCatalogus.Alle.Where(s => s.Code != StatusCatalogus.Aanmelding))
        {
            var fout = StatusRegels.Controleer(new StatusOvergang(van, naar.Code, GeschikteGroep(naar), "SCP", "Reden.", true));

            Assert.Equal(StatusRegels.RegelHeropenenAlleenNaarAanmelding, fout?.Regel);
        }
    }

    [Theory]
    [MemberData(nameof(Finaal))]
    public void Controleer_HeropenenWithoutToelichting_IsRefused(string van)
    {
        var fout = StatusRegels.Controleer(new StatusOvergang(van, "aanmelding", null, null, "  ", true));

        Assert.Equal(StatusRegels.RegelToelichtingVerplicht, fout?.Regel);
        Assert.Equal(StatusRegels.VeldToelichting, fout?.Veld);
    }

    [Theory]
    [MemberData(nameof(NietFinaal))]
    public void Controleer_HeropenenFromNonFinal_IsRefused(string van)
    {
        var fout = StatusRegels.Controleer(new StatusOvergang(van, "aanmelding", null, null, "Reden.", true));

        Assert.Equal(StatusRegels.RegelHeropenenAlleenVanuitFinaleStatus, fout?.Regel);
        Assert.Equal(StatusRegels.VeldHeropenen, fout?.Veld);
    }

    [Fact]
    public void Controleer_UnknownTarget_IsRefusedNamingTheStatusField()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("aanmelding", "Toegekend", null, null, null, false));

        Assert.Equal(StatusRegels.RegelStatusOnbekend, fout?.Regel);
        Assert.Equal(StatusRegels.VeldStatus, fout?.Veld);
        Assert.Contains("toegekend", fout?.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Controleer_UnknownCurrentStatus_IsRefused()
    {
        var fout = StatusRegels.Controleer(new StatusOvergang("verdwenen-status", "aanmelding", null, null, null, false));

        Assert.Equal(StatusRegels.RegelStatusOnbekend, fout?.Regel);
        Assert.Null(fout?.Veld);
    }

    [Fact]
    public void Controleer_SameStatusSameKwalificatieNoNewToelichting_IsGeenWijziging()
    {
        var overgang = new StatusOvergang("dossier-compleet", "dossier-compleet", null, " scp ", null, false) { VanKwalificatie = "SCP" };

        var fout = StatusRegels.Controleer(overgang);

        Assert.Equal(StatusRegels.RegelGeenWijziging, fout?.Regel);
        Assert.Contains("'Dossier compleet SCP'", fout?.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Controleer_SameStatusSameToelichting_IsGeenWijziging()
    {
        var overgang = new StatusOvergang("dossier-incompleet", "dossier-incompleet", null, "SCP", "Het OPP ontbreekt.", false)
        {
            VanKwalificatie = "SCP",
            VanToelichting = "Het OPP ontbreekt.",
        };

        Assert.Equal(StatusRegels.RegelGeenWijziging, StatusRegels.Controleer(overgang)?.Regel);
    }

    [Fact]
    public void Controleer_SameStatusWithNewToelichting_IsAllowed()
    {
        var overgang = new StatusOvergang("dossier-incompleet", "dossier-incompleet", null, "SCP", "Ook de toetsgegevens ontbreken.", false)
        {
            VanKwalificatie = "SCP",
            VanToelichting = "Het OPP ontbreekt.",
        };

        Assert.Null(StatusRegels.Controleer(overgang));
    }

    [Fact]
    public void Controleer_SameStatusWithOtherKwalificatie_IsAllowed()
    {
        var overgang = new StatusOvergang("doorzetten", "doorzetten", null, "leescoördinator", null, false) { VanKwalificatie = "SCP" };

        Assert.Null(StatusRegels.Controleer(overgang));
    }

    [Fact]
    public void Controleer_KwalificatieOnStatusWithoutBrackets_IsIgnoredSoItIsNoChange()
    {
        var overgang = new StatusOvergang("toegekend", "toegekend", null, "iets", null, false);

        Assert.Equal(StatusRegels.RegelGeenWijziging, StatusRegels.Controleer(overgang)?.Regel);
        Assert.Null(StatusRegels.Controleer(overgang with { VanStatus = "aanmelding" }));
    }

    [Fact]
    public void Controleer_DossierIncompleetBackToAanmelding_IsAllowedWithoutToelichting()
    {
        // The automatic move when a school completes its dossier.
        Assert.Null(StatusRegels.Controleer(new StatusOvergang("dossier-incompleet", "aanmelding", null, null, null, false)));
    }
}
