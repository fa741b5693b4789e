using System.Buffers;
using System.Buffers.Binary;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>
/// Looks at a staged ZIP's end records before <see cref="System.IO.Compression.ZipArchive"/> reads it: the number
/// of entries, and whether a second central directory header follows the first.
/// </summary>
/// <remarks>
/// ZipArchive builds an object for every central directory header it finds, whatever count the end record claims,
/// and only then compares; a 10 MiB archive can hold some 200,000 of them. An OSO attachment is exactly one file,
/// so anything else is refused here, reading at most 64 KiB. What this check cannot judge (an archive it does not
/// understand) it leaves to ZipArchive, which stays the authority on validity.
/// </remarks>
internal static class ZipVoorcontrole
{
    public const string GeenZip = "de inhoud is geen geldig ZIP-bestand";
    public const string Leeg = "het ZIP-bestand is leeg";
    public const string MeerDanEen = "het ZIP-bestand bevat meer dan één bestand; stuur elk document als eigen bijlage";

    private const uint EindeHandtekening = 0x06054b50;
    private const uint Zip64EindeHandtekening = 0x06064b50;
    private const uint Zip64LocatorHandtekening = 0x07064b50;
    private const uint CentraleKopHandtekening = 0x02014b50;
    private const int EindeLengte = 22;
    private const int Zip64LocatorLengte = 20;
    private const int Zip64EindeLengte = 56;
    private const int CentraleKopLengte = 46;

    /// <summary>Null when ZipArchive may read it; otherwise the reason (Dutch) to refuse it as unreadable.</summary>
    public static string? Controleer(Stream zip)
    {
        var lengte = zip.Length;
        if (lengte < EindeLengte)
        {
            return GeenZip;
        }

        var staartLengte = (int)Math.Min(lengte, EindeLengte + ushort.MaxValue + Zip64LocatorLengte);
        var buffer = ArrayPool<byte>.Shared.Rent(staartLengte);
        try
        {
            var staart = buffer.AsSpan(0, staartLengte);
            zip.Position = lengte - staartLengte;
            zip.ReadExactly(staart);

            // The same search ZipArchive does: the last end-record signature wins.
            var einde = -1;
            for (var i = staartLengte - EindeLengte; i >= 0; i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(staart[i..]) == EindeHandtekening)
                {
                    einde = i;
                    break;
                }
            }

            if (einde < 0)
            {
                return GeenZip;
            }

            long aantal = BinaryPrimitives.ReadUInt16LittleEndian(staart[(einde + 10)..]);
            long centraleMap = BinaryPrimitives.ReadUInt32LittleEndian(staart[(einde + 16)..]);
            if (aantal == ushort.MaxValue || centraleMap == uint.MaxValue)
            {
                var locator = einde - Zip64LocatorLengte;
                if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(staart[locator..]) != Zip64LocatorHandtekening)
                {
                    return null;
                }

                var zip64Einde = BinaryPrimitives.ReadInt64LittleEndian(staart[(locator + 8)..]);
                Span<byte> record = stackalloc byte[Zip64EindeLengte];
                if (zip64Einde < 0 || zip64Einde > lengte - Zip64EindeLengte || !Lees(zip, zip64Einde, record)
                    || BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EindeHandtekening)
                {
                    return null;
                }

                aantal = BinaryPrimitives.ReadInt64LittleEndian(record[32..]);
                centraleMap = BinaryPrimitives.ReadInt64LittleEndian(record[48..]);
            }

            if (aantal == 0)
            {
                return Leeg;
            }

            if (aantal != 1)
            {
                return MeerDanEen;
            }

            return TweedeCentraleKop(zip, centraleMap, lengte) ? MeerDanEen : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TweedeCentraleKop(Stream zip, long centraleMap, long lengte)
    {
        Span<byte> kop = stackalloc byte[CentraleKopLengte];
        if (centraleMap < 0 || centraleMap > lengte - CentraleKopLengte || !Lees(zip, centraleMap, kop)
            || BinaryPrimitives.ReadUInt32LittleEndian(kop) != CentraleKopHandtekening)
        {
            return false;
        }

        var volgende = centraleMap + CentraleKopLengte
            + BinaryPrimitives.ReadUInt16LittleEndian(kop[28..])
            + BinaryPrimitives.ReadUInt16LittleEndian(kop[30..])
            + BinaryPrimitives.ReadUInt16LittleEndian(kop[32..]);
        Span<byte> handtekening = stackalloc byte[4];
        return volgende <= lengte - 4 && Lees(zip, volgende, handtekening)
            && BinaryPrimitives.ReadUInt32LittleEndian(handtekening) == CentraleKopHandtekening;
    }

    private static bool Lees(Stream zip, long positie, Span<byte> doel)
    {
        zip.Position = positie;
        return zip.ReadAtLeast(doel, doel.Length, throwOnEndOfStream: false) == doel.Length;
    }
}
