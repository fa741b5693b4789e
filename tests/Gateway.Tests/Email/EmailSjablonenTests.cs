using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Email;

namespace Hulpvraag.Gateway.Tests.Email;

public sealed class EmailSjablonenTests
{
    public static TheoryData<string> Statussen() => new(StatusCatalogus.Alle.Select(s => s.Code));

    [Theory]
    [MemberData(nameof(Statussen))]
    public void Maak_EveryStatus_HasAFamilyAndRendersCompletely(string status)
    {
        Assert.True(EmailSjablonen.Families.ContainsKey(status), $"no template family for {status}");

        var inhoud = EmailSjablonen.Maak(Gegevens(status, eerste: false));

        Assert.Equal($"Hulpvraag 1042: {StatusCatalogus.Weergave(status, "SCP")}", inhoud.Onderwerp);
        Assert.Contains("Het OPP ontbreekt; graag vóór 1 maart.", inhoud.Tekst, StringComparison.Ordinal);
        Assert.Contains("Het OPP ontbreekt; graag vóór 1 maart.", inhoud.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", inhoud.Tekst, StringComparison.Ordinal);
        Assert.Contains("https://gw.example/email/afmelden?x", inhoud.Tekst, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://gw.example/email/afmelden?x\">", inhoud.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Maak_DossierIncompleet_SaysWhatTheSchoolCanDo()
    {
        var inhoud = EmailSjablonen.Maak(Gegevens(StatusCatalogus.DossierIncompleet, eerste: false));

        Assert.Contains("Voeg de ontbrekende documenten", inhoud.Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void Maak_FirstAanmelding_IsTheReceipt()
    {
        var inhoud = EmailSjablonen.Maak(Gegevens(StatusCatalogus.Aanmelding, eerste: true));

        Assert.Contains("Wij hebben uw hulpvraag ontvangen", inhoud.Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void Maak_ToelichtingWithMarkup_IsEncodedInHtml()
    {
        var inhoud = EmailSjablonen.Maak(Gegevens(StatusCatalogus.Wacht, eerste: false) with { Toelichting = "<script>x</script> & meer" });

        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &amp; meer", inhoud.Html, StringComparison.Ordinal);
        Assert.Contains("<script>x</script> & meer", inhoud.Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void OnbekendeVelden_AllTemplates_UseOnlyKnownPlaceholders() => Assert.Empty(EmailSjablonen.OnbekendeVelden());

    private static EmailGegevens Gegevens(string status, bool eerste) => new(
        "J. de Vries", 1042, status, "SCP", "Het OPP ontbreekt; graag vóór 1 maart.", new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero),
        "Ambulante Begeleiding", "12AB00", "E-2026-0042", "Helpdesk: 010-1234567", "https://gw.example/email/afmelden?x", eerste);
}
