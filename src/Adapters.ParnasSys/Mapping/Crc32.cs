namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>
/// CRC-32 as ZIP uses it (IEEE 802.3, reflected, polynomial 0xEDB88320). The runtime's ZipArchive does not check it
/// when reading, so a damaged or doctored entry would otherwise pass as a valid, silently different file.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Tabel = MaakTabel();

    /// <summary>Continues <paramref name="crc"/> (0 to start) over <paramref name="data"/>.</summary>
    public static uint Voeg(uint crc, ReadOnlySpan<byte> data)
    {
        var waarde = ~crc;
        foreach (var b in data)
        {
            waarde = Tabel[(waarde ^ b) & 0xFF] ^ (waarde >> 8);
        }

        return ~waarde;
    }

    private static uint[] MaakTabel()
    {
        var tabel = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            tabel[n] = c;
        }

        return tabel;
    }
}
