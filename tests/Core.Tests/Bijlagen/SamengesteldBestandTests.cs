using System.Buffers.Binary;
using System.Text;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Tests.Fixtures;

namespace Hulpvraag.Core.Tests.Bijlagen;

/// <summary>OLE2 compound files ([MS-CFB]): DOC, XLS and PPT by their main stream, and robustness against damage.</summary>
public sealed class SamengesteldBestandTests
{
    private const uint EindeKeten = 0xFFFFFFFE;

    private static BijlageSoort? Herken(byte[] bytes) => BijlageTypeHerkenning.Herken(new MemoryStream(bytes));

    private static CfbBestand Word() =>
        SamengesteldBestandSchrijver.Schrijf([CfbEntry.Stream("WordDocument", Encoding.ASCII.GetBytes("Word")), CfbEntry.Stream("1Table")]);

    [Fact]
    public void Schrijver_Output_FollowsTheMsCfbHeaderLayout()
    {
        var bestand = Word();
        var b = bestand.Bytes;

        Assert.Equal(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, b[..8]);
        Assert.Equal(new byte[16], b[8..24]);
        Assert.Equal(0x003E, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x18)));
        Assert.Equal(0x0003, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x1A)));
        Assert.Equal(0xFFFE, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x1C)));
        Assert.Equal(9, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x1E)));
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x20)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(0x28)));
        Assert.Equal(4096u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(0x38)));
        Assert.Equal(EindeKeten, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(0x3C)));
        Assert.Equal(bestand.FatSectoren[0], BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(0x4C)));
        Assert.Equal(0, b.Length % 512);

        // The FAT marks its own sector FATSECT, and the directory chain ends in ENDOFCHAIN.
        Assert.Equal(0xFFFFFFFDu, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)bestand.FatEntryPositie(bestand.FatSectoren[0]))));
        Assert.Equal(EindeKeten, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)bestand.FatEntryPositie(bestand.EersteDirectorySector))));

        var root = b.AsSpan((int)bestand.SectorPositie(bestand.EersteDirectorySector), 128);
        Assert.Equal("Root Entry", Encoding.Unicode.GetString(root[..20]));
        Assert.Equal(22, BinaryPrimitives.ReadUInt16LittleEndian(root[0x40..]));
        Assert.Equal(5, root[0x42]);
        Assert.Equal(1, root[0x43]);
    }

    [Theory]
    [InlineData("WordDocument", BijlageSoort.Doc)]
    [InlineData("Workbook", BijlageSoort.Xls)]
    [InlineData("Book", BijlageSoort.Xls)]
    [InlineData("PowerPoint Document", BijlageSoort.Ppt)]
    public void Herken_Version4With4096ByteSectors_IsRecognised(string hoofdstream, BijlageSoort verwacht)
    {
        var bestand = SamengesteldBestandSchrijver.Schrijf([CfbEntry.Stream(hoofdstream), CfbEntry.Stream("\u0005SummaryInformation")], hoofdversie: 4);

        Assert.Equal(4096, bestand.SectorGrootte);
        Assert.Equal(verwacht, Herken(bestand.Bytes));
    }

    [Fact]
    public void Herken_ManyStreamsInRoot_FindsTheMainStreamAnywhereInTheTree()
    {
        var streams = Enumerable.Range(0, 40).Select(i => CfbEntry.Stream($"Stream{i:D2}")).Append(CfbEntry.Stream("WordDocument")).ToArray();

        Assert.Equal(BijlageSoort.Doc, Herken(SamengesteldBestandSchrijver.Schrijf(streams).Bytes));
    }

    [Fact]
    public void Herken_WordWithEmbeddedExcelInObjectPool_IsDoc()
    {
        var bytes = SamengesteldBestandSchrijver.Document(
            "WordDocument",
            CfbEntry.Stream("1Table"),
            CfbEntry.Opslag("ObjectPool", CfbEntry.Opslag("_1234", CfbEntry.Stream("Workbook"))));

        Assert.Equal(BijlageSoort.Doc, Herken(bytes));
    }

    [Fact]
    public void Herken_MainStreamOnlyInsideASubStorage_IsNull()
    {
        var bytes = SamengesteldBestandSchrijver.Schrijf([CfbEntry.Opslag("Bijlage", CfbEntry.Stream("WordDocument"))]).Bytes;

        Assert.Null(Herken(bytes));
    }

    [Fact]
    public void Herken_TwoDifferentMainStreams_IsNull()
    {
        Assert.Null(Herken(SamengesteldBestandSchrijver.Document("WordDocument", CfbEntry.Stream("Workbook"))));
    }

    [Theory]
    [InlineData("__substg1.0_0037001F")]
    [InlineData("VisioDocument")]
    [InlineData("Contents")]
    public void Herken_CompoundFileOfAnotherProgram_IsNull(string hoofdstream)
    {
        Assert.Null(Herken(SamengesteldBestandSchrijver.Document(hoofdstream)));
    }

    [Fact]
    public void Herken_DirectoryBeyondTheHeaderDifat_IsReadThroughDifatSectors()
    {
        // 14,000 free sectors push the directory past sector 109 * 128, so its FAT entry sits in a FAT sector
        // that only a DIFAT sector lists.
        var bestand = SamengesteldBestandSchrijver.Schrijf([CfbEntry.Stream("WordDocument")], opvulSectoren: 14_000);

        Assert.True(bestand.FatSectoren.Count > 109);
        Assert.True(bestand.EersteDirectorySector >= 109 * 128);
        Assert.True(bestand.Bytes.Length <= 10 * 1024 * 1024);
        Assert.Equal(BijlageSoort.Doc, Herken(bestand.Bytes));
    }

    [Fact]
    public void Herken_BrokenDifatPointer_IsNull()
    {
        var bestand = SamengesteldBestandSchrijver.Schrijf([CfbEntry.Stream("WordDocument")], opvulSectoren: 14_000);
        var bytes = bestand.Bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x44), 0x7FFFFFFF);

        Assert.Null(Herken(bytes));
    }

    public static TheoryData<string> Beschadigingen() =>
    [
        "header only", "bad byte order", "bad sector shift", "version 4 with 512-byte sectors", "no FAT sectors",
        "directory sector outside file", "directory chain loops", "fat sector outside file", "root is not a root",
        "sibling points to itself", "sibling outside directory", "name length odd", "name length too long",
        "unallocated entry in tree", "half a sector",
    ];

    [Theory]
    [MemberData(nameof(Beschadigingen))]
    public void Herken_DamagedCompoundFile_IsNullWithoutException(string beschadiging)
    {
        var bestand = Word();
        var b = bestand.Bytes;
        var directory = (int)bestand.SectorPositie(bestand.EersteDirectorySector);
        var eersteKind = directory + 128;
        switch (beschadiging)
        {
            case "header only":
                b = b[..512];
                break;
            case "bad byte order":
                b[0x1C] = 0xFF;
                break;
            case "bad sector shift":
                b[0x1E] = 10;
                break;
            case "version 4 with 512-byte sectors":
                b[0x1A] = 4;
                break;
            case "no FAT sectors":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x2C), 0);
                break;
            case "directory sector outside file":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x30), 5000);
                break;
            case "directory chain loops":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)bestand.FatEntryPositie(bestand.EersteDirectorySector)), bestand.EersteDirectorySector);
                break;
            case "fat sector outside file":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x4C), 99_999);
                break;
            case "root is not a root":
                b[directory + 0x42] = 1;
                break;
            case "sibling points to itself":
                var rootKind = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(directory + 0x4C));
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(directory + ((int)rootKind * 128) + 0x44), rootKind);
                break;
            case "sibling outside directory":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(eersteKind + 0x48), 1000);
                break;
            case "name length odd":
                b[eersteKind + 0x40] = 13;
                break;
            case "name length too long":
                b[eersteKind + 0x40] = 66;
                break;
            case "unallocated entry in tree":
                b[eersteKind + 0x42] = 0;
                break;
            case "half a sector":
                b = b[..(directory + 256)];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(beschadiging));
        }

        Assert.Null(Herken(b));
    }

    [Fact]
    public void Herken_UndamagedBaseline_IsDoc()
    {
        // Guards the damage tests above: without damage the same file is recognised.
        Assert.Equal(BijlageSoort.Doc, Herken(Word().Bytes));
    }

    [Fact]
    public void Herken_EveryTruncationOfACompoundFile_IsNullOrDocWithoutException()
    {
        var bytes = SamengesteldBestandSchrijver.Document("WordDocument", CfbEntry.Stream("1Table"));
        for (var lengte = 0; lengte <= bytes.Length; lengte += 64)
        {
            var uitkomst = Herken(bytes[..lengte]);
            Assert.True(uitkomst is null or BijlageSoort.Doc, $"length {lengte}: {uitkomst}");
        }
    }
}
