using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Tests.Bijlagen;

public sealed class BijlageRegelsTests
{
    private const string Veld = "bijlagen[2]";

    public static TheoryData<BijlageSoort> AlleSoorten() => [.. Enum.GetValues<BijlageSoort>()];

    [Fact]
    public void MaxGrootte_Is10MiB()
    {
        Assert.Equal(10_485_760L, BijlageRegels.MaxGrootte);
    }

    [Theory]
    [InlineData(BijlageSoort.Pdf, "application/pdf")]
    [InlineData(BijlageSoort.Jpeg, "image/jpeg")]
    [InlineData(BijlageSoort.Png, "image/png")]
    [InlineData(BijlageSoort.Doc, "application/msword")]
    [InlineData(BijlageSoort.Xls, "application/vnd.ms-excel")]
    [InlineData(BijlageSoort.Ppt, "application/vnd.ms-powerpoint")]
    [InlineData(BijlageSoort.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(BijlageSoort.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData(BijlageSoort.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData(BijlageSoort.Odt, "application/vnd.oasis.opendocument.text")]
    [InlineData(BijlageSoort.Ods, "application/vnd.oasis.opendocument.spreadsheet")]
    [InlineData(BijlageSoort.Odp, "application/vnd.oasis.opendocument.presentation")]
    [InlineData(BijlageSoort.Txt, "text/plain; charset=utf-8")]
    public void ContentType_EverySoort_IsTheCanonicalType(BijlageSoort soort, string verwacht)
    {
        Assert.Equal(verwacht, BijlageRegels.ContentType(soort));
        Assert.Equal(soort, BijlageRegels.SoortVoorContentType(verwacht));
    }

    [Theory]
    [MemberData(nameof(AlleSoorten))]
    public void Extensies_EverySoort_MapBackToItAndStartWithTheUsualOne(BijlageSoort soort)
    {
        var extensies = BijlageRegels.Extensies(soort);

        Assert.NotEmpty(extensies);
        Assert.All(extensies, e => Assert.Equal(soort, BijlageRegels.SoortVoorExtensie(e)));
        Assert.All(extensies, e => Assert.Equal(soort, BijlageRegels.SoortVoorExtensie(e.ToUpperInvariant())));
        Assert.Equal("." + soort.ToString().ToLowerInvariant().Replace("jpeg", "jpg", StringComparison.Ordinal), extensies[0]);
    }

    [Fact]
    public void ControleerType_NothingRecognised_IsRefusedListingTheAllowedTypes()
    {
        var fout = BijlageRegels.ControleerType("foto.heic", "image/heic", null, Veld);

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Equal(Veld, fout?.Veld);
        Assert.Equal(
            "De bijlage 'foto.heic' is geen toegestaan bestandstype. Toegestaan zijn: PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, " +
            "PPT, PPTX, ODT, ODS, ODP en TXT. Sla het document op als PDF- of Word-bestand en voeg het opnieuw toe.",
            fout?.Melding);
    }

    [Theory]
    [InlineData("verslag.pdf", BijlageSoort.Png, "een PNG-afbeelding")]
    [InlineData("verslag.pdf", BijlageSoort.Txt, "platte tekst (TXT)")]
    [InlineData("foto.jpg", BijlageSoort.Png, "een PNG-afbeelding")]
    [InlineData("foto.png", BijlageSoort.Jpeg, "een JPG-afbeelding")]
    [InlineData("OPP.docx", BijlageSoort.Pdf, "een PDF-document")]
    [InlineData("notities.txt", BijlageSoort.Pdf, "een PDF-document")]
    [InlineData("cijfers.ods", BijlageSoort.Xlsx, "een Excel-werkmap (XLSX)")]
    [InlineData("verslag.odt", BijlageSoort.Docx, "een Word-document (DOCX)")]
    [InlineData("dia.pptx", BijlageSoort.Doc, "een Word-document (DOC)")]
    [InlineData("C:\\Users\\ib\\Documenten\\OPP.PDF", BijlageSoort.Docx, "een Word-document (DOCX)")]
    public void ControleerType_ExtensionContradictsContent_IsRefusedSayingWhatTheContentIs(string naam, BijlageSoort inhoud, string omschrijving)
    {
        var fout = BijlageRegels.ControleerType(naam, null, inhoud, Veld);

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Contains($"maar de inhoud is {omschrijving}", fout?.Melding, StringComparison.Ordinal);
        Assert.Contains(Path.GetExtension(naam).ToLowerInvariant(), fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPP.pdf", BijlageSoort.Pdf)]
    [InlineData("OPP.PDF", BijlageSoort.Pdf)]
    [InlineData("OPP.pdf ", BijlageSoort.Pdf)]
    [InlineData("OPP", BijlageSoort.Pdf)]
    [InlineData("OPP.", BijlageSoort.Pdf)]
    [InlineData("map/sub/OPP.pdf", BijlageSoort.Pdf)]
    [InlineData("Foto.JPEG", BijlageSoort.Jpeg)]
    [InlineData("foto.jfif", BijlageSoort.Jpeg)]
    [InlineData("lijst.csv", BijlageSoort.Txt)]
    [InlineData("verslag.rtf", BijlageSoort.Txt)]
    [InlineData("verslag.v2", BijlageSoort.Docx)]
    [InlineData("verslag.doc", BijlageSoort.Docx)]
    [InlineData("verslag.docx", BijlageSoort.Doc)]
    [InlineData("cijfers.xls", BijlageSoort.Xlsx)]
    [InlineData("presentatie.ppt", BijlageSoort.Pptx)]
    public void ControleerType_NameAgreesOrSaysNothing_IsAllowed(string naam, BijlageSoort inhoud)
    {
        Assert.Null(BijlageRegels.ControleerType(naam, null, inhoud, Veld));
    }

    [Theory]
    [InlineData("OPP.pdf.js")]
    [InlineData("pagina.html")]
    [InlineData("script.VBS")]
    [InlineData("start.bat")]
    [InlineData("tekening.svg")]
    public void ControleerType_ExecutableExtensionOnTextContent_IsRefused(string naam)
    {
        var fout = BijlageRegels.ControleerType(naam, "text/plain", BijlageSoort.Txt, Veld);

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Contains("niet toegestaan", fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png", BijlageSoort.Pdf)]
    [InlineData("application/pdf", BijlageSoort.Txt)]
    [InlineData("text/plain", BijlageSoort.Pdf)]
    [InlineData("application/vnd.oasis.opendocument.text", BijlageSoort.Docx)]
    public void ControleerType_DeclaredTypeContradictsContent_IsRefused(string contentType, BijlageSoort inhoud)
    {
        var fout = BijlageRegels.ControleerType("OPP", contentType, inhoud, Veld);

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, fout?.Code);
        Assert.Contains("maar de inhoud is", fout?.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, BijlageSoort.Pdf)]
    [InlineData("", BijlageSoort.Pdf)]
    [InlineData("application/octet-stream", BijlageSoort.Pdf)]
    [InlineData("binary/octet-stream", BijlageSoort.Docx)]
    [InlineData("APPLICATION/PDF; name=\"OPP.pdf\"", BijlageSoort.Pdf)]
    [InlineData("application/x-pdf", BijlageSoort.Pdf)]
    [InlineData("image/jpg", BijlageSoort.Jpeg)]
    [InlineData("image/pjpeg", BijlageSoort.Jpeg)]
    [InlineData("application/msword", BijlageSoort.Docx)]
    [InlineData("text/plain; charset=windows-1252", BijlageSoort.Txt)]
    [InlineData("text/csv", BijlageSoort.Txt)]
    public void ControleerType_DeclaredTypeGenericOrAgreeing_IsAllowed(string? contentType, BijlageSoort inhoud)
    {
        Assert.Null(BijlageRegels.ControleerType("bestand", contentType, inhoud, Veld));
    }

    [Fact]
    public void TeGroot_Always_IsTheSpecsAdviceWithTheName()
    {
        var fout = BijlageRegels.TeGroot("scan.pdf", Veld);

        Assert.Equal(FoutCodes.BijlageTeGroot, fout.Code);
        Assert.Equal(413, FoutCodes.HttpStatus(fout.Code));
        Assert.Equal(Veld, fout.Veld);
        Assert.Equal(
            "De bijlage 'scan.pdf' is groter dan 10 MB. Vermoedelijk is het een scan; sla het document op met maximaal 300 dpi.",
            fout.Melding);
    }

    [Fact]
    public void Onleesbaar_Reason_IsInTheMessage()
    {
        var fout = BijlageRegels.Onleesbaar("OPP.pdf", Veld, "de base64-codering is ongeldig");

        Assert.Equal(FoutCodes.BijlageOnleesbaar, fout.Code);
        Assert.Equal(Veld, fout.Veld);
        Assert.StartsWith("De bijlage 'OPP.pdf' kon niet worden gelezen: de base64-codering is ongeldig.", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Meldingen_HostileFileName_IsShortenedAndWithoutControlCharacters()
    {
        var naam = "a\r\nb\u0000c" + new string('x', 1000) + ".pdf";

        foreach (var fout in new[] { BijlageRegels.TeGroot(naam, Veld), BijlageRegels.Onleesbaar(naam, Veld, "kapot"), BijlageRegels.ControleerType(naam, null, null, Veld)! })
        {
            Assert.DoesNotContain(fout.Melding, char.IsControl);
            Assert.True(fout.Melding.Length < 500, fout.Melding);
        }
    }
}
