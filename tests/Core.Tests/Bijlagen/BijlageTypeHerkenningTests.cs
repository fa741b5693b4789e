using System.Text;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Tests.Bijlagen;

public sealed class BijlageTypeHerkenningTests
{
    public static TheoryData<string, byte[], BijlageSoort> ToegestaneBestanden() => new()
    {
        { "pdf", Voorbeeldbestanden.Pdf(), BijlageSoort.Pdf },
        { "png", Voorbeeldbestanden.Png(), BijlageSoort.Png },
        { "jpeg", Voorbeeldbestanden.Jpeg(), BijlageSoort.Jpeg },
        { "docx", Voorbeeldbestanden.Ooxml("word", "document.xml"), BijlageSoort.Docx },
        { "xlsx", Voorbeeldbestanden.Ooxml("xl", "workbook.xml"), BijlageSoort.Xlsx },
        { "pptx", Voorbeeldbestanden.Ooxml("ppt", "presentation.xml"), BijlageSoort.Pptx },
        { "odt", Voorbeeldbestanden.Odf("application/vnd.oasis.opendocument.text"), BijlageSoort.Odt },
        { "ods", Voorbeeldbestanden.Odf("application/vnd.oasis.opendocument.spreadsheet"), BijlageSoort.Ods },
        { "odp", Voorbeeldbestanden.Odf("application/vnd.oasis.opendocument.presentation"), BijlageSoort.Odp },
        { "doc", Voorbeeldbestanden.Ole2("WordDocument"), BijlageSoort.Doc },
        { "xls", Voorbeeldbestanden.Ole2("Workbook"), BijlageSoort.Xls },
        { "ppt", Voorbeeldbestanden.Ole2("PowerPoint Document"), BijlageSoort.Ppt },
        { "txt", Encoding.UTF8.GetBytes("Verslag van het gesprek met ouders.\r\nGroep 5, juni.\tPagina 1\n"), BijlageSoort.Txt },
        { "txt-bom", [0xEF, 0xBB, 0xBF, .. "Coördinatie"u8.ToArray()], BijlageSoort.Txt },
    };

    [Theory]
    [MemberData(nameof(ToegestaneBestanden))]
    public void Herken_AllowedFile_IsRecognisedByContent(string omschrijving, byte[] bytes, BijlageSoort verwacht)
    {
        using var stream = new MemoryStream(bytes);

        Assert.True(verwacht == BijlageTypeHerkenning.Herken(stream), omschrijving);
        Assert.Equal(0, stream.Position);
    }

    public static TheoryData<string, byte[]> GeweigerdeBestanden() => new()
    {
        { "leeg", [] },
        { "tekst met NUL", Encoding.UTF8.GetBytes("tekst\0met nul") },
        { "ongeldige utf-8", [0x48, 0x61, 0xC3, 0x28, 0x6C] },
        { "willekeurige bytes", Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray() },
        { "zip met iets anders", Voorbeeldbestanden.Zip(("script.js", "alert(1)")) },
        { "odf met vreemd mimetype", Voorbeeldbestanden.Odf("application/x-evil") },
        { "afgekapte zip", Voorbeeldbestanden.Ooxml("word", "document.xml")[..60] },
        { "afgekapte ole2", Voorbeeldbestanden.Ole2("WordDocument")[..700] },
        { "ole2 zonder office-stream", Voorbeeldbestanden.Ole2("Iets anders") },
        { "exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] },
    };

    [Theory]
    [MemberData(nameof(GeweigerdeBestanden))]
    public void Herken_DisallowedOrBrokenFile_IsNullWithoutException(string omschrijving, byte[] bytes)
    {
        Assert.True(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)) is null, omschrijving);
    }

    [Fact]
    public void ControleerType_PdfNameOnPngContent_IsRefused()
    {
        var fout = BijlageRegels.ControleerType("OPP.pdf", "application/pdf", BijlageSoort.Png, "bijlagen[0]");

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Equal("bijlagen[0]", fout?.Veld);
    }

    [Theory]
    [InlineData("OPP.pdf", BijlageSoort.Pdf)]
    [InlineData("Foto.JPEG", BijlageSoort.Jpeg)]
    [InlineData("zonder-extensie", BijlageSoort.Docx)]
    [InlineData("verslag.rtf", BijlageSoort.Txt)]
    public void ControleerType_NameAgreesOrSaysNothing_IsAllowed(string naam, BijlageSoort soort)
    {
        Assert.Null(BijlageRegels.ControleerType(naam, null, soort, "bijlagen[0]"));
    }

    [Fact]
    public void ControleerType_UnrecognisedContent_ListsAllowedTypes()
    {
        var fout = BijlageRegels.ControleerType("virus.exe", null, null, "bijlagen[0]");

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Contains("PDF", fout!.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void TeGroot_Message_IsTheSpecsAdvice()
    {
        var fout = BijlageRegels.TeGroot("scan.pdf", "opp");

        Assert.Equal(FoutCodes.BijlageTeGroot, fout.Code);
        Assert.Contains("groter dan 10 MB", fout.Melding, StringComparison.Ordinal);
        Assert.Contains("300 dpi", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(10_485_760, BijlageRegels.MaxGrootte);
    }

    [Theory]
    [InlineData("scan20230106.pdf", true)]
    [InlineData("Scan 2023-01-06 10.15.pdf", true)]
    [InlineData("IMG_1234.jpg", true)]
    [InlineData("document.pdf", true)]
    [InlineData("20230106.pdf", true)]
    [InlineData("Naamloos.docx", true)]
    [InlineData("bijlage (2).pdf", true)]
    [InlineData("OPP Daan juni 2026.pdf", false)]
    [InlineData("Verslag psychologisch onderzoek.pdf", false)]
    [InlineData("Toetsoverzicht groep 5.xlsx", false)]
    public void IsNietBeschrijvend_TypicalNames_AreJudgedAsExpected(string naam, bool nietBeschrijvend)
    {
        Assert.Equal(nietBeschrijvend, BestandsnaamRegels.IsNietBeschrijvend(naam));
    }
}
