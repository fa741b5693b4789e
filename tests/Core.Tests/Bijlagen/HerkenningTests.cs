using System.IO.Compression;
using System.Text;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Tests.Fixtures;

namespace Hulpvraag.Core.Tests.Bijlagen;

public sealed class HerkenningTests
{
    public static TheoryData<string, BijlageSoort> EchteBestanden() => new()
    {
        { "pdf", BijlageSoort.Pdf },
        { "jpeg", BijlageSoort.Jpeg },
        { "png", BijlageSoort.Png },
        { "docx", BijlageSoort.Docx },
        { "xlsx", BijlageSoort.Xlsx },
        { "pptx", BijlageSoort.Pptx },
        { "odt", BijlageSoort.Odt },
        { "ods", BijlageSoort.Ods },
        { "odp", BijlageSoort.Odp },
        { "doc", BijlageSoort.Doc },
        { "xls", BijlageSoort.Xls },
        { "xls-biff5", BijlageSoort.Xls },
        { "ppt", BijlageSoort.Ppt },
        { "txt", BijlageSoort.Txt },
    };

    private static byte[] Bestand(string soort) => soort switch
    {
        "pdf" => TestBestanden.Pdf(),
        "jpeg" => TestBestanden.Jpeg(),
        "png" => TestBestanden.Png(),
        "docx" => TestBestanden.Docx(),
        "xlsx" => TestBestanden.Xlsx(),
        "pptx" => TestBestanden.Pptx(),
        "odt" => TestBestanden.Odf("application/vnd.oasis.opendocument.text"),
        "ods" => TestBestanden.Odf("application/vnd.oasis.opendocument.spreadsheet"),
        "odp" => TestBestanden.Odf("application/vnd.oasis.opendocument.presentation"),
        "doc" => SamengesteldBestandSchrijver.Document("WordDocument", CfbEntry.Stream("1Table"), CfbEntry.Stream("\u0005SummaryInformation")),
        "xls" => SamengesteldBestandSchrijver.Document("Workbook", CfbEntry.Stream("\u0005DocumentSummaryInformation")),
        "xls-biff5" => SamengesteldBestandSchrijver.Document("Book"),
        "ppt" => SamengesteldBestandSchrijver.Document("PowerPoint Document", CfbEntry.Stream("Current User"), CfbEntry.Stream("Pictures")),
        "txt" => Encoding.UTF8.GetBytes("Gespreksverslag ouders, groep 5.\r\nAfspraken:\n\t- coördinatie met de leerkracht\f"),
        _ => throw new ArgumentOutOfRangeException(nameof(soort)),
    };

    [Theory]
    [MemberData(nameof(EchteBestanden))]
    public void Herken_RealFile_IsRecognisedAndPositionIsReset(string soort, BijlageSoort verwacht)
    {
        using var stream = TestBestanden.AlsStream(Bestand(soort));
        stream.Position = 17;

        Assert.Equal(verwacht, BijlageTypeHerkenning.Herken(stream));
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [MemberData(nameof(EchteBestanden))]
    public void Herken_StagedTempFile_IsRecognised(string soort, BijlageSoort verwacht)
    {
        var pad = Path.GetTempFileName();
        File.WriteAllBytes(pad, Bestand(soort));
        using var stream = new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.None, 4096, FileOptions.DeleteOnClose);

        Assert.Equal(verwacht, BijlageTypeHerkenning.Herken(stream));
    }

    [Fact]
    public void Herken_NonSeekableStream_IsAProgrammingError()
    {
        using var stream = new GZipStream(new MemoryStream(), CompressionMode.Decompress);

        Assert.Throws<ArgumentException>(() => BijlageTypeHerkenning.Herken(stream));
    }

    [Fact]
    public void Herken_Empty_IsNull()
    {
        Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream()));
    }

    [Fact]
    public void Herken_PdfHeaderAfterJunkWithinFirstKilobyte_IsPdf()
    {
        var bytes = new byte[600].Concat(TestBestanden.Pdf()).ToArray();

        Assert.Equal(BijlageSoort.Pdf, BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_PdfHeaderBeyondFirstKilobyte_IsNotPdf()
    {
        var bytes = new byte[1024].Concat(TestBestanden.Pdf()).ToArray();

        Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_PngSignatureWithoutIhdr_IsNull()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

        Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_Utf8WithBom_IsText()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Coördinatie — “zorg” €5")];

        Assert.Equal(BijlageSoort.Txt, BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_MultiByteCharacterAcrossTheReadChunkBoundary_IsText()
    {
        // 'ö' is two bytes; put its first byte as the last byte of the first 64 KiB chunk.
        var bytes = Encoding.UTF8.GetBytes(new string('a', (64 * 1024) - 1) + "ö" + new string('b', 100));

        Assert.Equal(BijlageSoort.Txt, BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_InvalidByteFarBeyondTheFirstChunk_IsNull()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 300_000)).Append((byte)0xFF).ToArray();

        Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    public static TheoryData<string, byte[]> GeenTekst() => new()
    {
        { "NUL", Encoding.UTF8.GetBytes("regel 1\0regel 2") },
        { "C0 control", Encoding.UTF8.GetBytes("regel\u0001") },
        { "escape", Encoding.UTF8.GetBytes("\u001B[31mrood") },
        { "DEL", Encoding.UTF8.GetBytes("a\u007Fb") },
        { "C1 control", Encoding.UTF8.GetBytes("a\u0085b") },
        { "Windows-1252", [0x43, 0x6F, 0xF6, 0x72, 0x64, 0x69, 0x6E, 0x61, 0x74, 0x69, 0x65] },
        { "truncated sequence at end", [0x61, 0x62, 0xE2, 0x82] },
        { "overlong encoding", [0x61, 0xC0, 0xAF] },
        { "UTF-16 LE", Encoding.Unicode.GetBytes("tekst") },
        { "random bytes", RandomBytes(8192) },
        { "exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00] },
        { "gif", Encoding.ASCII.GetBytes("GIF89a").Concat(new byte[] { 1, 0, 1, 0, 0x80, 0, 0 }).ToArray() },
        { "empty zip", [0x50, 0x4B, 0x05, 0x06, .. new byte[18]] },
    };

    [Theory]
    [MemberData(nameof(GeenTekst))]
    public void Herken_BinaryOrBadText_IsNull(string omschrijving, byte[] bytes)
    {
        Assert.True(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)) is null, omschrijving);
    }

    public static TheoryData<string, byte[]> VerkeerdeZips() => new()
    {
        { "other content", TestBestanden.Zip(("foto.jpg", "x"), ("readme.txt", "y")) },
        { "ooxml part without content types", TestBestanden.Zip(("word/document.xml", "<w:document/>")) },
        { "content types without part", TestBestanden.Zip(("[Content_Types].xml", "<Types/>"), ("docProps/app.xml", "<x/>")) },
        { "word and xl parts", TestBestanden.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<x/>"), ("xl/workbook.xml", "<x/>")) },
        { "macro-enabled docm", TestBestanden.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<x/>"), ("word/vbaProject.bin", "VBA")) },
        { "odf template", TestBestanden.Odf("application/vnd.oasis.opendocument.text-template") },
        { "odf other mimetype", TestBestanden.Odf("application/x-evil") },
        { "odf mimetype too long", TestBestanden.Odf("application/vnd.oasis.opendocument.text" + new string(' ', 200)) },
        { "odf graphics", TestBestanden.Odf("application/vnd.oasis.opendocument.graphics") },
    };

    [Theory]
    [MemberData(nameof(VerkeerdeZips))]
    public void Herken_ZipThatIsNoAllowedDocument_IsNull(string omschrijving, byte[] bytes)
    {
        Assert.True(BijlageTypeHerkenning.Herken(new MemoryStream(bytes)) is null, omschrijving);
    }

    [Fact]
    public void Herken_DocxInEveryTruncation_IsNullWithoutException()
    {
        var docx = TestBestanden.Docx();
        for (var lengte = 4; lengte < docx.Length; lengte += 7)
        {
            Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream(docx[..lengte])));
        }
    }

    [Fact]
    public void Herken_ZipWithCorruptedCentralDirectory_IsNullWithoutException()
    {
        var docx = TestBestanden.Docx();
        var eocd = docx.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4B, 0x05, 0x06 });
        for (var i = 8; i < 22; i++)
        {
            var kapot = docx.ToArray();
            kapot[eocd + i] ^= 0xA5;
            var uitkomst = BijlageTypeHerkenning.Herken(new MemoryStream(kapot));
            Assert.True(uitkomst is null or BijlageSoort.Docx);
        }

        var centraal = docx.AsSpan().IndexOf(new byte[] { 0x50, 0x4B, 0x01, 0x02 });
        var verminkt = docx.ToArray();
        new Random(42).NextBytes(verminkt.AsSpan(centraal, eocd - centraal));
        Assert.Null(BijlageTypeHerkenning.Herken(new MemoryStream(verminkt)));
    }

    [Fact]
    public void Herken_OdfWithDeflatedMimetype_IsStillOdf()
    {
        // The ODF spec wants "mimetype" stored uncompressed, but some generators deflate it; the entry content decides.
        var bytes = TestBestanden.Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>"));

        Assert.Equal(BijlageSoort.Ods, BijlageTypeHerkenning.Herken(new MemoryStream(bytes)));
    }

    [Fact]
    public void Herken_TruncatedRealFiles_NeverThrow()
    {
        var bestanden = new[]
        {
            TestBestanden.Pdf(), TestBestanden.Png(), TestBestanden.Jpeg(), TestBestanden.Xlsx(),
            TestBestanden.Odf("application/vnd.oasis.opendocument.text"), SamengesteldBestandSchrijver.Document("WordDocument"),
        };
        foreach (var bestand in bestanden)
        {
            for (var lengte = 0; lengte <= bestand.Length; lengte += Math.Max(1, bestand.Length / 50))
            {
                _ = BijlageTypeHerkenning.Herken(new MemoryStream(bestand[..lengte]));
            }
        }
    }

    private static byte[] RandomBytes(int lengte)
    {
        var bytes = new byte[lengte];
        new Random(20230106).NextBytes(bytes);
        bytes[0] = 0x01;
        return bytes;
    }
}
