using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hulpvraag.Core.Tests.Fixtures;

/// <summary>Small but structurally real files of every allowed type, built in code.</summary>
internal static class TestBestanden
{
    /// <summary>A one-page PDF 1.4 with a correct cross-reference table.</summary>
    public static byte[] Pdf()
    {
        var objecten = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 11 >>\nstream\n0 0 m 1 1 l\nendstream",
        };
        var tekst = new StringBuilder("%PDF-1.4\n");
        var posities = new List<int>();
        for (var i = 0; i < objecten.Length; i++)
        {
            posities.Add(tekst.Length);
            tekst.Append($"{i + 1} 0 obj\n{objecten[i]}\nendobj\n");
        }

        var xref = tekst.Length;
        tekst.Append($"xref\n0 {objecten.Length + 1}\n0000000000 65535 f \n");
        foreach (var positie in posities)
        {
            tekst.Append($"{positie:D10} 00000 n \n");
        }

        tekst.Append($"trailer\n<< /Size {objecten.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(tekst.ToString());
    }

    /// <summary>
    /// A baseline JPEG of one 8x8 grey block: JFIF header, quantisation table, frame, two one-symbol Huffman tables
    /// (code "0" = DC difference 0 and AC end-of-block) and the 2-bit scan padded with ones.
    /// </summary>
    public static byte[] Jpeg()
    {
        var uit = new List<byte> { 0xFF, 0xD8 };
        uit.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        uit.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        uit.AddRange(Enumerable.Repeat((byte)1, 64));
        uit.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]);
        foreach (var klasse in new byte[] { 0x00, 0x10 })
        {
            uit.AddRange([0xFF, 0xC4, 0x00, 0x14, klasse, 0x01]);
            uit.AddRange(Enumerable.Repeat((byte)0, 15));
            uit.Add(0x00);
        }

        uit.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        uit.Add(0x3F);
        uit.AddRange([0xFF, 0xD9]);
        return [.. uit];
    }

    /// <summary>A 1x1 RGB PNG with real zlib data and CRCs.</summary>
    public static byte[] Png()
    {
        using var uit = new MemoryStream();
        uit.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 1);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 1);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(uit, "IHDR", ihdr);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write([0x00, 0xC8, 0x1E, 0x1E]);
            }

            Chunk(uit, "IDAT", pixels.ToArray());
        }

        Chunk(uit, "IEND", []);
        return uit.ToArray();
    }

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """),
        ("_rels/.rels", Relaties("word/document.xml")),
        ("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:body><w:p><w:r><w:t>Ontwikkelingsperspectief</w:t></w:r></w:p></w:body>
            </w:document>
            """));

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
              <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            </Types>
            """),
        ("_rels/.rels", Relaties("xl/workbook.xml")),
        ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <sheets><sheet name="Toetsen" sheetId="1" r:id="rId1"/></sheets>
            </workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>
            """),
        ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
            """));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>
            </Types>
            """),
        ("_rels/.rels", Relaties("ppt/presentation.xml")),
        ("ppt/presentation.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>
            """));

    /// <summary>An ODF package: uncompressed <c>mimetype</c> first, as the ODF spec requires, then manifest and content.</summary>
    public static byte[] Odf(string mimetype)
    {
        using var uit = new MemoryStream();
        using (var zip = new ZipArchive(uit, ZipArchiveMode.Create, leaveOpen: true))
        {
            Schrijf(zip, "mimetype", mimetype, CompressionLevel.NoCompression);
            Schrijf(zip, "META-INF/manifest.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """);
            Schrijf(zip, "content.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:body/></office:document-content>
                """);
        }

        return uit.ToArray();
    }

    public static byte[] Zip(params (string Naam, string Inhoud)[] entries)
    {
        using var uit = new MemoryStream();
        using (var zip = new ZipArchive(uit, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (naam, inhoud) in entries)
            {
                Schrijf(zip, naam, inhoud);
            }
        }

        return uit.ToArray();
    }

    public static MemoryStream AlsStream(byte[] bytes) => new(bytes, writable: false);

    private static string Relaties(string doel) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{doel}"/>
        </Relationships>
        """;

    private static void Schrijf(ZipArchive zip, string naam, string inhoud, CompressionLevel niveau = CompressionLevel.Optimal)
    {
        using var stream = zip.CreateEntry(naam, niveau).Open();
        stream.Write(Encoding.UTF8.GetBytes(inhoud));
    }

    private static void Chunk(Stream uit, string type, byte[] data)
    {
        Span<byte> getal = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(getal, (uint)data.Length);
        uit.Write(getal);
        var typeEnData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        uit.Write(typeEnData);
        BinaryPrimitives.WriteUInt32BigEndian(getal, Crc32(typeEnData));
        uit.Write(getal);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
