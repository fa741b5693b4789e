using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hulpvraag.Core.Tests.Bijlagen;

/// <summary>Small but real files of each allowed type, made in code so the tests need no binary fixtures.</summary>
internal static class Voorbeeldbestanden
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ];

    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
        0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9,
    ];

    public static byte[] Ooxml(string map, string hoofdpart) => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", "<Relationships/>"),
        ($"{map}/{hoofdpart}", "<document/>"));

    public static byte[] Odf(string mimetype) => Zip(("mimetype", mimetype), ("content.xml", "<office:document-content/>"));

    public static byte[] Zip(params (string Naam, string Inhoud)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (naam, inhoud) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(naam, CompressionLevel.NoCompression).Open());
                w.Write(inhoud);
            }
        }

        return ms.ToArray();
    }

    /// <summary>
    /// A minimal compound file ([MS-CFB] version 3, 512-byte sectors): header, one FAT sector (sector 0), one
    /// directory sector (sector 1) holding the root entry and one empty stream with the given name.
    /// </summary>
    public static byte[] Ole2(string streamNaam)
    {
        const uint Vrij = 0xFFFFFFFF;
        const uint Einde = 0xFFFFFFFE;
        const uint FatSector = 0xFFFFFFFD;
        var bytes = new byte[512 * 3];
        var kop = bytes.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(kop);
        BinaryPrimitives.WriteUInt16LittleEndian(kop[0x18..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(kop[0x1A..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(kop[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(kop[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(kop[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(kop[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(kop[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(kop[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(kop[0x3C..], Einde);
        BinaryPrimitives.WriteUInt32LittleEndian(kop[0x44..], Einde);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(kop[(0x4C + (i * 4))..], i == 0 ? 0u : Vrij);
        }

        var fat = bytes.AsSpan(512, 512);
        for (var i = 0; i < 128; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], i switch { 0 => FatSector, 1 => Einde, _ => Vrij });
        }

        var dir = bytes.AsSpan(1024, 512);
        SchrijfEntry(dir[..128], "Root Entry", 5, child: 1);
        SchrijfEntry(dir[128..256], streamNaam, 2, child: Vrij);
        return bytes;

        static void SchrijfEntry(Span<byte> e, string naam, byte soort, uint child)
        {
            Encoding.Unicode.GetBytes(naam).CopyTo(e);
            BinaryPrimitives.WriteUInt16LittleEndian(e[64..], (ushort)((naam.Length + 1) * 2));
            e[66] = soort;
            e[67] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(e[68..], Vrij);
            BinaryPrimitives.WriteUInt32LittleEndian(e[72..], Vrij);
            BinaryPrimitives.WriteUInt32LittleEndian(e[76..], child);
            BinaryPrimitives.WriteUInt32LittleEndian(e[116..], Einde);
        }
    }
}
