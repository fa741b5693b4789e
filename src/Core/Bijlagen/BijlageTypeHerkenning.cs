using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>
/// Decides an attachment's type from its bytes, never from its name. Reads only headers, the ZIP central directory
/// or the compound-file directory: a hostile or broken file yields null (not allowed), never an exception.
/// </summary>
public static class BijlageTypeHerkenning
{
    private static readonly byte[] PngSignatuur = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Ole2Signatuur = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static BijlageSoort? Herken(Stream inhoud)
    {
        if (!inhoud.CanSeek || !inhoud.CanRead || inhoud.Length == 0)
        {
            return null;
        }

        inhoud.Position = 0;
        var kop = new byte[1024];
        var n = inhoud.ReadAtLeast(kop, kop.Length, throwOnEndOfStream: false);
        var k = kop.AsSpan(0, n);
        try
        {
            if (k.StartsWith(PngSignatuur))
            {
                return BijlageSoort.Png;
            }

            if (k.Length >= 3 && k[0] == 0xFF && k[1] == 0xD8 && k[2] == 0xFF)
            {
                return BijlageSoort.Jpeg;
            }

            if (k.IndexOf("%PDF-"u8) >= 0)
            {
                return BijlageSoort.Pdf;
            }

            if (k.StartsWith(Ole2Signatuur))
            {
                return Ole2(inhoud);
            }

            if (k.StartsWith("PK\x03\x04"u8))
            {
                return Zip(inhoud);
            }

            return IsTekst(inhoud) ? BijlageSoort.Txt : null;
        }
        finally
        {
            inhoud.Position = 0;
        }
    }

    private static BijlageSoort? Zip(Stream inhoud)
    {
        try
        {
            inhoud.Position = 0;
            using var zip = new ZipArchive(inhoud, ZipArchiveMode.Read, leaveOpen: true);
            var mimetype = zip.GetEntry("mimetype");
            if (mimetype is not null && mimetype.Length < 200)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() switch
                {
                    "application/vnd.oasis.opendocument.text" => BijlageSoort.Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => BijlageSoort.Ods,
                    "application/vnd.oasis.opendocument.presentation" => BijlageSoort.Odp,
                    _ => null,
                };
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            var namen = zip.Entries.Select(e => e.FullName).ToList();
            if (namen.Any(e => e.StartsWith("word/", StringComparison.Ordinal)))
            {
                return BijlageSoort.Docx;
            }

            if (namen.Any(e => e.StartsWith("xl/", StringComparison.Ordinal)))
            {
                return BijlageSoort.Xlsx;
            }

            return namen.Any(e => e.StartsWith("ppt/", StringComparison.Ordinal)) ? BijlageSoort.Pptx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// A bounded reader of the compound file (MS-CFB) directory: the stream names tell Word ("WordDocument"),
    /// Excel ("Workbook"/"Book") and PowerPoint ("PowerPoint Document") apart.
    /// </summary>
    private static BijlageSoort? Ole2(Stream inhoud)
    {
        const uint EindeKeten = 0xFFFFFFFE;
        var kop = new byte[512];
        inhoud.Position = 0;
        if (inhoud.ReadAtLeast(kop, 512, throwOnEndOfStream: false) < 512)
        {
            return null;
        }

        var shift = BinaryPrimitives.ReadUInt16LittleEndian(kop.AsSpan(0x1E));
        if (shift is not (9 or 12))
        {
            return null;
        }

        var sectorGrootte = 1 << shift;
        var perFatSector = sectorGrootte / 4;
        var eersteDir = BinaryPrimitives.ReadUInt32LittleEndian(kop.AsSpan(0x30));
        var sector = new byte[sectorGrootte];

        bool LeesSector(uint nummer)
        {
            var positie = ((long)nummer + 1) * sectorGrootte;
            if (nummer >= 0xFFFFFFFA || positie + sectorGrootte > inhoud.Length)
            {
                return false;
            }

            inhoud.Position = positie;
            return inhoud.ReadAtLeast(sector, sectorGrootte, throwOnEndOfStream: false) == sectorGrootte;
        }

        uint? Volgende(uint nummer)
        {
            var fatIndex = nummer / (uint)perFatSector;
            if (fatIndex >= 109)
            {
                return null;
            }

            var fatSector = BinaryPrimitives.ReadUInt32LittleEndian(kop.AsSpan(0x4C + (int)(fatIndex * 4)));
            var buffer = new byte[4];
            var positie = ((long)fatSector + 1) * sectorGrootte + (nummer % perFatSector * 4);
            if (fatSector >= 0xFFFFFFFA || positie + 4 > inhoud.Length)
            {
                return null;
            }

            inhoud.Position = positie;
            return inhoud.ReadAtLeast(buffer, 4, throwOnEndOfStream: false) == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer) : null;
        }

        var namen = new HashSet<string>(StringComparer.Ordinal);
        var huidige = eersteDir;
        for (var stappen = 0; stappen < 1024 && huidige != EindeKeten; stappen++)
        {
            if (!LeesSector(huidige))
            {
                return null;
            }

            for (var offset = 0; offset + 128 <= sectorGrootte; offset += 128)
            {
                var lengte = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(offset + 64));
                var soort = sector[offset + 66];
                if (soort == 2 && lengte is >= 2 and <= 64)
                {
                    namen.Add(Encoding.Unicode.GetString(sector, offset, lengte - 2));
                }
            }

            var volgende = Volgende(huidige);
            if (volgende is null)
            {
                return null;
            }

            huidige = volgende.Value;
        }

        if (namen.Contains("WordDocument"))
        {
            return BijlageSoort.Doc;
        }

        if (namen.Contains("Workbook") || namen.Contains("Book"))
        {
            return BijlageSoort.Xls;
        }

        return namen.Contains("PowerPoint Document") ? BijlageSoort.Ppt : null;
    }

    /// <summary>Valid UTF-8 (BOM allowed) without NUL or control characters other than tab, CR, LF and form feed.</summary>
    private static bool IsTekst(Stream inhoud)
    {
        inhoud.Position = 0;
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[16384];
        var chars = new char[16385];
        try
        {
            int n;
            while ((n = inhoud.Read(bytes, 0, bytes.Length)) > 0)
            {
                var aantal = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                foreach (var c in chars.AsSpan(0, aantal))
                {
                    if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
                    {
                        return false;
                    }
                }
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
