using System.Buffers.Binary;
using System.Text;

namespace Hulpvraag.Core.Tests.Fixtures;

/// <summary>A stream (<see cref="Data"/> set) or a storage (<see cref="Kinderen"/> set) inside a compound file.</summary>
internal sealed record CfbEntry(string Naam, byte[]? Data, IReadOnlyList<CfbEntry>? Kinderen)
{
    public static CfbEntry Stream(string naam, byte[]? data = null) => new(naam, data ?? [], null);

    public static CfbEntry Opslag(string naam, params CfbEntry[] kinderen) => new(naam, null, kinderen);
}

/// <summary>The bytes plus where the writer put things, so tests can damage specific structures.</summary>
internal sealed record CfbBestand(byte[] Bytes, int SectorGrootte, uint EersteDirectorySector, IReadOnlyList<uint> FatSectoren)
{
    public long SectorPositie(uint sector) => (sector + 1L) * SectorGrootte;

    public long FatEntryPositie(uint sector) =>
        SectorPositie(FatSectoren[(int)(sector / (SectorGrootte / 4))]) + ((sector % (SectorGrootte / 4)) * 4);
}

/// <summary>
/// Writes a compound file as [MS-CFB] lays it out (section numbers refer to that spec): a 512-byte header (2.2),
/// FAT sectors (2.3), optional DIFAT sectors (2.5), stream data in regular sectors, and the directory (2.6) with
/// each storage's children in a red-black tree ordered by name length, then upper-case name (2.6.4).
/// </summary>
/// <remarks>
/// Streams are padded to the 4096-byte mini stream cutoff so they always live in regular sectors and no mini FAT is
/// needed; that is valid, just not what Office does for tiny streams. <c>opvulSectoren</c> inserts free sectors before
/// the data, to push the directory beyond what the 109 header DIFAT slots can address.
/// </remarks>
internal static class SamengesteldBestandSchrijver
{
    private const uint VrijeSector = 0xFFFFFFFF;
    private const uint EindeKeten = 0xFFFFFFFE;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint DifatSector = 0xFFFFFFFC;
    private const uint GeenStream = 0xFFFFFFFF;
    private const int MiniStreamGrens = 4096;

    public static byte[] Document(string hoofdstream, params CfbEntry[] extra) =>
        Schrijf([CfbEntry.Stream(hoofdstream, Encoding.ASCII.GetBytes("inhoud van " + hoofdstream)), .. extra]).Bytes;

    public static CfbBestand Schrijf(IReadOnlyList<CfbEntry> rootKinderen, int hoofdversie = 3, int opvulSectoren = 0)
    {
        var sectorGrootte = hoofdversie == 4 ? 4096 : 512;
        var perFatSector = sectorGrootte / 4;

        // Directory: flatten depth-first, root first; ids are list positions.
        var entries = new List<DirEntry> { new("Root Entry", 5, null) };
        entries[0].Kind = Boom(rootKinderen, entries);

        var streamSectoren = entries
            .Select(e => e.Data is null ? 0 : (Math.Max(e.Data.Length, MiniStreamGrens) + sectorGrootte - 1) / sectorGrootte)
            .ToList();
        var directorySectoren = ((entries.Count * 128) + sectorGrootte - 1) / sectorGrootte;
        var overig = opvulSectoren + streamSectoren.Sum() + directorySectoren;

        int fatSectoren = 1, difatSectoren = 0;
        while (true)
        {
            var totaal = fatSectoren + difatSectoren + overig;
            var nodigFat = (totaal + perFatSector - 1) / perFatSector;
            var nodigDifat = nodigFat > 109 ? (nodigFat - 109 + perFatSector - 2) / (perFatSector - 1) : 0;
            if (nodigFat == fatSectoren && nodigDifat == difatSectoren)
            {
                break;
            }

            (fatSectoren, difatSectoren) = (nodigFat, nodigDifat);
        }

        var totaalSectoren = fatSectoren + difatSectoren + overig;
        var fat = Enumerable.Repeat(VrijeSector, fatSectoren * perFatSector).ToArray();
        var bytes = new byte[(totaalSectoren + 1L) * sectorGrootte];
        uint volgende = 0;

        var fatNummers = new List<uint>();
        for (var i = 0; i < fatSectoren; i++)
        {
            fat[volgende] = FatSector;
            fatNummers.Add(volgende++);
        }

        var difatNummers = new List<uint>();
        for (var i = 0; i < difatSectoren; i++)
        {
            fat[volgende] = DifatSector;
            difatNummers.Add(volgende++);
        }

        volgende += (uint)opvulSectoren;

        for (var id = 0; id < entries.Count; id++)
        {
            var entry = entries[id];
            if (entry.Data is null)
            {
                continue;
            }

            entry.Grootte = Math.Max(entry.Data.Length, MiniStreamGrens);
            entry.StartSector = Keten(fat, ref volgende, streamSectoren[id]);
            entry.Data.CopyTo(bytes, (entry.StartSector + 1L) * sectorGrootte);
        }

        var eersteDirectory = Keten(fat, ref volgende, directorySectoren);
        for (var id = 0; id < directorySectoren * sectorGrootte / 128; id++)
        {
            var positie = (int)(((eersteDirectory + 1L) * sectorGrootte) + (id * 128));
            SchrijfEntry(bytes.AsSpan(positie, 128), id < entries.Count ? entries[id] : null);
        }

        for (var i = 0; i < fatSectoren; i++)
        {
            var sector = bytes.AsSpan((int)((fatNummers[i] + 1L) * sectorGrootte), sectorGrootte);
            for (var j = 0; j < perFatSector; j++)
            {
                U32(sector, j * 4, fat[(i * perFatSector) + j]);
            }
        }

        for (var i = 0; i < difatSectoren; i++)
        {
            var sector = bytes.AsSpan((int)((difatNummers[i] + 1L) * sectorGrootte), sectorGrootte);
            for (var j = 0; j < perFatSector - 1; j++)
            {
                var fatIndex = 109 + (i * (perFatSector - 1)) + j;
                U32(sector, j * 4, fatIndex < fatSectoren ? fatNummers[fatIndex] : VrijeSector);
            }

            U32(sector, (perFatSector - 1) * 4, i + 1 < difatSectoren ? difatNummers[i + 1] : EindeKeten);
        }

        var header = bytes.AsSpan(0, 512);
        ReadOnlySpan<byte> handtekening = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        handtekening.CopyTo(header);
        U16(header, 0x18, 0x003E);
        U16(header, 0x1A, (ushort)hoofdversie);
        U16(header, 0x1C, 0xFFFE);
        U16(header, 0x1E, (ushort)(hoofdversie == 4 ? 12 : 9));
        U16(header, 0x20, 6);
        U32(header, 0x28, hoofdversie == 4 ? (uint)directorySectoren : 0);
        U32(header, 0x2C, (uint)fatSectoren);
        U32(header, 0x30, eersteDirectory);
        U32(header, 0x38, MiniStreamGrens);
        U32(header, 0x3C, EindeKeten);
        U32(header, 0x44, difatSectoren > 0 ? difatNummers[0] : EindeKeten);
        U32(header, 0x48, (uint)difatSectoren);
        for (var i = 0; i < 109; i++)
        {
            U32(header, 0x4C + (i * 4), i < fatSectoren ? fatNummers[i] : VrijeSector);
        }

        return new CfbBestand(bytes, sectorGrootte, eersteDirectory, fatNummers);
    }

    private static uint Keten(uint[] fat, ref uint volgende, int aantal)
    {
        var start = volgende;
        for (var i = 0; i < aantal; i++)
        {
            fat[volgende] = i == aantal - 1 ? EindeKeten : volgende + 1;
            volgende++;
        }

        return start;
    }

    // Builds the balanced tree for one storage's children and returns the id of its top; fills in entries recursively.
    private static uint Boom(IReadOnlyList<CfbEntry> kinderen, List<DirEntry> entries)
    {
        if (kinderen.Count == 0)
        {
            return GeenStream;
        }

        var gesorteerd = kinderen
            .OrderBy(k => k.Naam.Length)
            .ThenBy(k => k.Naam.ToUpperInvariant(), StringComparer.Ordinal)
            .ToList();
        var ids = new List<uint>();
        foreach (var kind in gesorteerd)
        {
            ids.Add((uint)entries.Count);
            entries.Add(new DirEntry(kind.Naam, kind.Data is null ? (byte)1 : (byte)2, kind.Data));
        }

        for (var i = 0; i < gesorteerd.Count; i++)
        {
            if (gesorteerd[i].Kinderen is { } kleinkinderen)
            {
                entries[(int)ids[i]].Kind = Boom(kleinkinderen, entries);
            }
        }

        // Red-black validity: with a middle-split tree every path has the same number of black nodes when the
        // deepest level (below the root) is red.
        var rodeDiepte = (int)Math.Floor(Math.Log2(gesorteerd.Count));
        return Deel(0, gesorteerd.Count - 1, 0);

        uint Deel(int van, int tot, int diepte)
        {
            if (van > tot)
            {
                return GeenStream;
            }

            var midden = (van + tot) / 2;
            var entry = entries[(int)ids[midden]];
            entry.Links = Deel(van, midden - 1, diepte + 1);
            entry.Rechts = Deel(midden + 1, tot, diepte + 1);
            entry.Kleur = diepte > 0 && diepte == rodeDiepte ? (byte)0 : (byte)1;
            return ids[midden];
        }
    }

    private static void SchrijfEntry(Span<byte> doel, DirEntry? entry)
    {
        U32(doel, 0x44, GeenStream);
        U32(doel, 0x48, GeenStream);
        U32(doel, 0x4C, GeenStream);
        if (entry is null)
        {
            return;
        }

        var naam = Encoding.Unicode.GetBytes(entry.Naam);
        naam.CopyTo(doel);
        U16(doel, 0x40, (ushort)(naam.Length + 2));
        doel[0x42] = entry.Type;
        doel[0x43] = entry.Type == 5 ? (byte)1 : entry.Kleur;
        U32(doel, 0x44, entry.Links);
        U32(doel, 0x48, entry.Rechts);
        U32(doel, 0x4C, entry.Kind);
        U32(doel, 0x74, entry.Data is null ? (entry.Type == 5 ? EindeKeten : 0) : entry.StartSector);
        BinaryPrimitives.WriteUInt64LittleEndian(doel[0x78..], (ulong)entry.Grootte);
    }

    private static void U16(Span<byte> doel, int positie, ushort waarde) =>
        BinaryPrimitives.WriteUInt16LittleEndian(doel[positie..], waarde);

    private static void U32(Span<byte> doel, int positie, uint waarde) =>
        BinaryPrimitives.WriteUInt32LittleEndian(doel[positie..], waarde);

    private sealed class DirEntry(string naam, byte type, byte[]? data)
    {
        public string Naam { get; } = naam;
        public byte Type { get; } = type;
        public byte[]? Data { get; } = data;
        public uint Links { get; set; } = GeenStream;
        public uint Rechts { get; set; } = GeenStream;
        public uint Kind { get; set; } = GeenStream;
        public byte Kleur { get; set; } = 1;
        public uint StartSector { get; set; }
        public long Grootte { get; set; }
    }
}
