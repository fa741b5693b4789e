using System.IO.Compression;
using System.Text;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>
/// Recognises the type of an attachment by its content (spec: "by content, not by name").
/// </summary>
/// <remarks>
/// Works on a staged, seekable stream and never reads it whole: signatures from the first 1 KiB, the directory of
/// an OLE2 file, the central directory of a ZIP plus at most a few bytes of one entry, and text in chunks.
/// Untrusted input: every malformed structure answers null (not allowed), never an exception.
/// </remarks>
public static class BijlageTypeHerkenning
{
    private const int KopLengte = 1024;
    private const int TekstBlok = 64 * 1024;

    // The longest ODF mimetype is 46 bytes; more than this is not an ODF mimetype entry.
    private const int MaxMimetypeLengte = 100;

    private static ReadOnlySpan<byte> PdfHandtekening => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegHandtekening => [0xFF, 0xD8, 0xFF];

    // PNG signature followed by the length (13) and type of the IHDR chunk, which the PNG spec requires first.
    private static ReadOnlySpan<byte> PngHandtekening => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static ReadOnlySpan<byte> ZipHandtekening => [0x50, 0x4B, 0x03, 0x04];

    private static readonly UTF8Encoding StrikteUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The allowed type the content is, or null when it is none of them (including empty).
    /// Reads from the start of <paramref name="inhoud"/> and leaves its position at 0.
    /// </summary>
    public static BijlageSoort? Herken(Stream inhoud)
    {
        ArgumentNullException.ThrowIfNull(inhoud);
        if (!inhoud.CanRead || !inhoud.CanSeek)
        {
            throw new ArgumentException("Type recognition needs a readable, seekable stream.", nameof(inhoud));
        }

        try
        {
            return HerkenVanafBegin(inhoud);
        }
        finally
        {
            inhoud.Position = 0;
        }
    }

    private static BijlageSoort? HerkenVanafBegin(Stream inhoud)
    {
        Span<byte> buffer = stackalloc byte[KopLengte];
        inhoud.Position = 0;
        var kop = buffer[..inhoud.ReadAtLeast(buffer, KopLengte, throwOnEndOfStream: false)];
        if (kop.IsEmpty)
        {
            return null;
        }

        if (kop.StartsWith(PdfHandtekening))
        {
            return BijlageSoort.Pdf;
        }

        if (kop.StartsWith(JpegHandtekening))
        {
            return BijlageSoort.Jpeg;
        }

        if (kop.StartsWith(PngHandtekening))
        {
            return BijlageSoort.Png;
        }

        if (kop.StartsWith(SamengesteldBestandLezer.Handtekening))
        {
            return HerkenOle2(inhoud);
        }

        if (kop.StartsWith(ZipHandtekening))
        {
            return HerkenZip(inhoud);
        }

        // Acrobat accepts the header anywhere in the first 1024 bytes (some generators put junk before it).
        if (kop.IndexOf(PdfHandtekening) >= 0)
        {
            return BijlageSoort.Pdf;
        }

        return IsTekst(inhoud) ? BijlageSoort.Txt : null;
    }

    private static BijlageSoort? HerkenOle2(Stream inhoud)
    {
        var namen = SamengesteldBestandLezer.StreamsInRoot(inhoud);
        if (namen is null)
        {
            return null;
        }

        var soorten = namen
            .Select(n => n.ToUpperInvariant() switch
            {
                "WORDDOCUMENT" => BijlageSoort.Doc,
                "WORKBOOK" or "BOOK" => BijlageSoort.Xls,
                "POWERPOINT DOCUMENT" => BijlageSoort.Ppt,
                _ => (BijlageSoort?)null,
            })
            .OfType<BijlageSoort>()
            .Distinct()
            .ToList();

        // No main stream (Outlook .msg, .msi, Visio) or two different ones: not a document we can vouch for.
        return soorten.Count == 1 ? soorten[0] : null;
    }

    private static BijlageSoort? HerkenZip(Stream inhoud)
    {
        try
        {
            inhoud.Position = 0;
            using var zip = new ZipArchive(inhoud, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;

            var mimetype = entries.FirstOrDefault(e => e.FullName == "mimetype");
            if (mimetype is not null)
            {
                return LeesMimetype(mimetype) switch
                {
                    "application/vnd.oasis.opendocument.text" => BijlageSoort.Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => BijlageSoort.Ods,
                    "application/vnd.oasis.opendocument.presentation" => BijlageSoort.Odp,
                    _ => null,
                };
            }

            if (!entries.Any(e => e.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            // Macro-enabled Office files (.docm, .xlsm, .pptm) carry a VBA project; the spec allows only the plain formats.
            if (entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var soorten = new HashSet<BijlageSoort>();
            foreach (var entry in entries)
            {
                if (entry.FullName.StartsWith("word/", StringComparison.OrdinalIgnoreCase))
                {
                    soorten.Add(BijlageSoort.Docx);
                }
                else if (entry.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase))
                {
                    soorten.Add(BijlageSoort.Xlsx);
                }
                else if (entry.FullName.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase))
                {
                    soorten.Add(BijlageSoort.Pptx);
                }
            }

            return soorten.Count == 1 ? soorten.First() : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            // Truncated or hostile archives surface as any of these from ZipArchive; all mean "not a document".
            return null;
        }
    }

    private static string? LeesMimetype(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxMimetypeLengte)
        {
            return null;
        }

        using var stream = entry.Open();
        var buffer = new byte[MaxMimetypeLengte + 1];
        var gelezen = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return gelezen > MaxMimetypeLengte ? null : Encoding.ASCII.GetString(buffer, 0, gelezen).Trim();
    }

    // Strict UTF-8 (a BOM is just U+FEFF), and no control characters except tab, LF, FF and CR: binary junk and
    // legacy-encoded files fail here, in chunks so a 10 MB file never sits in memory.
    private static bool IsTekst(Stream inhoud)
    {
        inhoud.Position = 0;
        var decoder = StrikteUtf8.GetDecoder();
        var bytes = new byte[TekstBlok];
        var tekens = new char[StrikteUtf8.GetMaxCharCount(TekstBlok)];
        try
        {
            while (true)
            {
                var gelezen = inhoud.Read(bytes, 0, bytes.Length);
                var aantal = decoder.GetChars(bytes, 0, gelezen, tekens, 0, flush: gelezen == 0);
                foreach (var c in tekens.AsSpan(0, aantal))
                {
                    if (char.IsControl(c) && c is not ('\t' or '\n' or '\f' or '\r'))
                    {
                        return false;
                    }
                }

                if (gelezen == 0)
                {
                    return true;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
