using System.Buffers.Binary;
using System.Text;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>
/// A small, bounded reader of the directory of an OLE2 compound file ([MS-CFB]): just enough to list the streams
/// directly under the root storage, which is where Word, Excel and PowerPoint keep their main stream.
/// </summary>
/// <remarks>
/// Reads the header, the FAT entries of the directory chain (through the DIFAT when needed) and the directory
/// sectors; never the stream data. Anything malformed (bad header fields, sector numbers outside the file, cycles in
/// the FAT chain or the sibling tree, bad names) yields null rather than an exception: the input is untrusted.
/// </remarks>
internal static class SamengesteldBestandLezer
{
    internal static ReadOnlySpan<byte> Handtekening => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int HeaderGrootte = 512;
    private const int DirectoryEntryGrootte = 128;
    private const int HeaderDifatAantal = 109;
    private const uint MaxRegulierSector = 0xFFFFFFFA;
    private const uint EindeKeten = 0xFFFFFFFE;
    private const uint GeenStream = 0xFFFFFFFF;
    private const byte TypeOpslag = 1;
    private const byte TypeStream = 2;
    private const byte TypeRoot = 5;

    // Real documents have a handful of directory sectors; this bound keeps a hostile chain from costing more than a few MB.
    private const int MaxDirectorySectoren = 4096;

    /// <summary>Names of the streams directly under the root storage, or null when the file is not a sound compound file.</summary>
    internal static IReadOnlyList<string>? StreamsInRoot(Stream bron)
    {
        if (bron.Length < HeaderGrootte)
        {
            return null;
        }

        var header = new byte[HeaderGrootte];
        if (!LeesOp(bron, 0, header))
        {
            return null;
        }

        var lezer = Maak(bron, header);
        if (lezer is null)
        {
            return null;
        }

        var entries = lezer.Value.LeesDirectory();
        return entries is null ? null : RootKinderen(entries);
    }

    private static Indeling? Maak(Stream bron, byte[] header)
    {
        if (!header.AsSpan(0, 8).SequenceEqual(Handtekening) || U16(header, 0x1C) != 0xFFFE)
        {
            return null;
        }

        var hoofdversie = U16(header, 0x1A);
        var sectorShift = U16(header, 0x1E);
        if (!((hoofdversie == 3 && sectorShift == 9) || (hoofdversie == 4 && sectorShift == 12)) || U16(header, 0x20) != 6)
        {
            return null;
        }

        var sectorGrootte = 1 << sectorShift;
        var aantalSectoren = (bron.Length / sectorGrootte) - 1;
        var aantalFatSectoren = U32(header, 0x2C);
        var eersteDirectorySector = U32(header, 0x30);
        var eersteDifatSector = U32(header, 0x44);
        var aantalDifatSectoren = U32(header, 0x48);
        if (aantalSectoren <= 0 || aantalFatSectoren == 0 || aantalFatSectoren > aantalSectoren || aantalDifatSectoren > aantalSectoren)
        {
            return null;
        }

        return new Indeling(bron, header, sectorGrootte, aantalSectoren, aantalFatSectoren, eersteDirectorySector,
            eersteDifatSector, aantalDifatSectoren);
    }

    private readonly record struct Indeling(
        Stream Bron,
        byte[] Header,
        int SectorGrootte,
        long AantalSectoren,
        uint AantalFatSectoren,
        uint EersteDirectorySector,
        uint EersteDifatSector,
        uint AantalDifatSectoren)
    {
        private int EntriesPerSector => SectorGrootte / 4;

        internal List<byte[]>? LeesDirectory()
        {
            var entries = new List<byte[]>();
            var bezocht = new HashSet<uint>();
            var sector = EersteDirectorySector;
            var buffer = new byte[SectorGrootte];
            while (sector != EindeKeten)
            {
                if (!IsGeldigeSector(sector) || !bezocht.Add(sector) || bezocht.Count > MaxDirectorySectoren
                    || !LeesSector(sector, buffer))
                {
                    return null;
                }

                for (var i = 0; i + DirectoryEntryGrootte <= SectorGrootte; i += DirectoryEntryGrootte)
                {
                    entries.Add(buffer.AsSpan(i, DirectoryEntryGrootte).ToArray());
                }

                if (Volgende(sector) is not { } volgende)
                {
                    return null;
                }

                sector = volgende;
            }

            return entries.Count == 0 ? null : entries;
        }

        private uint? Volgende(uint sector)
        {
            var fatIndex = sector / (uint)EntriesPerSector;
            if (fatIndex >= AantalFatSectoren || FatSector(fatIndex) is not { } fatSector || !IsGeldigeSector(fatSector))
            {
                return null;
            }

            var positie = ((fatSector + 1L) * SectorGrootte) + ((sector % (uint)EntriesPerSector) * 4L);
            Span<byte> waarde = stackalloc byte[4];
            return LeesOp(Bron, positie, waarde) ? BinaryPrimitives.ReadUInt32LittleEndian(waarde) : null;
        }

        // The header holds the first 109 FAT sector numbers; the rest sit in a chain of DIFAT sectors whose last
        // slot points to the next DIFAT sector.
        private uint? FatSector(uint fatIndex)
        {
            if (fatIndex < HeaderDifatAantal)
            {
                return U32(Header, 0x4C + ((int)fatIndex * 4));
            }

            var perDifatSector = (uint)EntriesPerSector - 1;
            var rest = fatIndex - HeaderDifatAantal;
            var stappen = rest / perDifatSector;
            if (stappen >= AantalDifatSectoren)
            {
                return null;
            }

            var difat = EersteDifatSector;
            Span<byte> waarde = stackalloc byte[4];
            for (var i = 0u; i < stappen; i++)
            {
                if (!IsGeldigeSector(difat)
                    || !LeesOp(Bron, ((difat + 1L) * SectorGrootte) + (perDifatSector * 4L), waarde))
                {
                    return null;
                }

                difat = BinaryPrimitives.ReadUInt32LittleEndian(waarde);
            }

            if (!IsGeldigeSector(difat)
                || !LeesOp(Bron, ((difat + 1L) * SectorGrootte) + ((rest % perDifatSector) * 4L), waarde))
            {
                return null;
            }

            return BinaryPrimitives.ReadUInt32LittleEndian(waarde);
        }

        private bool IsGeldigeSector(uint sector) => sector <= MaxRegulierSector && sector < AantalSectoren;

        private bool LeesSector(uint sector, byte[] buffer) => LeesOp(Bron, (sector + 1L) * SectorGrootte, buffer);
    }

    // Walks the red-black sibling tree below the root entry; only streams one level down count.
    private static List<string>? RootKinderen(List<byte[]> entries)
    {
        var root = entries[0];
        if (root[0x42] != TypeRoot)
        {
            return null;
        }

        var namen = new List<string>();
        var bezocht = new HashSet<uint>();
        var werk = new Stack<uint>();
        werk.Push(U32(root, 0x4C));
        while (werk.Count > 0)
        {
            var id = werk.Pop();
            if (id == GeenStream)
            {
                continue;
            }

            if (id >= entries.Count || !bezocht.Add(id))
            {
                return null;
            }

            var entry = entries[(int)id];
            var type = entry[0x42];
            if (type is not (TypeOpslag or TypeStream) || Naam(entry) is not { } naam)
            {
                return null;
            }

            if (type == TypeStream)
            {
                namen.Add(naam);
            }

            werk.Push(U32(entry, 0x44));
            werk.Push(U32(entry, 0x48));
        }

        return namen;
    }

    private static string? Naam(byte[] entry)
    {
        // Length in bytes including the terminating NUL, at most 32 UTF-16 code units.
        var lengte = U16(entry, 0x40);
        if (lengte < 4 || lengte > 64 || lengte % 2 != 0)
        {
            return null;
        }

        return Encoding.Unicode.GetString(entry, 0, lengte - 2);
    }

    private static ushort U16(byte[] data, int positie) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(positie, 2));

    private static uint U32(byte[] data, int positie) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(positie, 4));

    private static bool LeesOp(Stream bron, long positie, Span<byte> doel)
    {
        if (positie < 0 || positie > bron.Length - doel.Length)
        {
            return false;
        }

        bron.Position = positie;
        return bron.ReadAtLeast(doel, doel.Length, throwOnEndOfStream: false) == doel.Length;
    }
}
