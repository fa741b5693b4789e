using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Tests.Bijlagen;

public sealed class BestandsnaamRegelsTests
{
    [Theory]
    [InlineData("scan20230106.pdf")]
    [InlineData("IMG_1234.jpg")]
    [InlineData("IMG-20230106-WA0001.jpg")]
    [InlineData("PXL_20230106_101500123.jpg")]
    [InlineData("DSC01234.JPG")]
    [InlineData("document.pdf")]
    [InlineData("doc1.docx")]
    [InlineData("20230106.pdf")]
    [InlineData("image.png")]
    [InlineData("Naamloos.docx")]
    [InlineData("Naamloos document.odt")]
    [InlineData("untitled.pdf")]
    [InlineData("bijlage.pdf")]
    [InlineData("bijlage (2).pdf")]
    [InlineData("Scan 2023-01-06 10.15.pdf")]
    [InlineData("Scan 6 januari 2023.pdf")]
    [InlineData("Schermafbeelding 2023-01-06 om 10.15.22.png")]
    [InlineData("Screenshot 2023-01-06 at 10.15.22.png")]
    [InlineData("Kopie van document (3).docx")]
    [InlineData("Nieuw Microsoft Word-document.docx")]
    [InlineData(".pdf")]
    [InlineData("C:\\Users\\ib\\Downloads\\scan0001.pdf")]
    [InlineData("a.pdf")]
    public void IsNietBeschrijvend_DefaultOrEmptyName_IsTrue(string naam)
    {
        Assert.True(BestandsnaamRegels.IsNietBeschrijvend(naam));
    }

    [Theory]
    [InlineData("OPPondertekening.pdf")]
    [InlineData("OPP 2023-01-06.pdf")]
    [InlineData("Onderzoeksverslag WISC-V jan 2023.pdf")]
    [InlineData("Groeidocument.docx")]
    [InlineData("toetsgegevens cito.xlsx")]
    [InlineData("Scan OPP.pdf")]
    [InlineData("IMG_1234 tekening leerling.jpg")]
    [InlineData("Handelingsplan rekenen groep 5.odt")]
    [InlineData("Verslag ouders.txt")]
    public void IsNietBeschrijvend_NameSayingWhatItIs_IsFalse(string naam)
    {
        Assert.False(BestandsnaamRegels.IsNietBeschrijvend(naam));
    }

    [Fact]
    public void Waarschuwing_Name_QuotesItAndTheManualsAdvice()
    {
        var waarschuwing = BestandsnaamRegels.Waarschuwing("scan20230106.pdf");

        Assert.Equal(WaarschuwingCodes.BestandsnaamNietBeschrijvend, waarschuwing.Code);
        Assert.StartsWith("De bestandsnaam 'scan20230106.pdf' zegt niets over de inhoud", waarschuwing.Melding, StringComparison.Ordinal);
        Assert.Contains(
            "Zorg dat de documentnaam van elke bijlage duidelijkheid geeft over de inhoud, dus wel “OPPondertekening.pdf” en niet “scan20230106.pdf”.",
            waarschuwing.Melding,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AdviesHandleiding_Text_IsLiterallyInTheSeedManual()
    {
        var handleiding = Path.Combine(ZoekRepoWortel(), "..", "shared", "seed", "kindkans-handleiding-ppo-rotterdam-2023-12.txt");
        if (!File.Exists(handleiding))
        {
            // The manual lives next to the repository on the build machine only.
            return;
        }

        var tekst = string.Join(' ', File.ReadAllText(handleiding).Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(BestandsnaamRegels.AdviesHandleiding, tekst, StringComparison.Ordinal);
    }

    private static string ZoekRepoWortel()
    {
        var map = new DirectoryInfo(AppContext.BaseDirectory);
        while (map is not null && !File.Exists(Path.Combine(map.FullName, "Directory.Build.props")))
        {
            map = map.Parent;
        }

        return map?.FullName ?? AppContext.BaseDirectory;
    }
}
