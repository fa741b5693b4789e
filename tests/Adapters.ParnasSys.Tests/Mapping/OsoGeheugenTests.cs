using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Mapping;
using Hulpvraag.Core.Bijlagen;
using Xunit.Abstractions;
using static Hulpvraag.Adapters.ParnasSys.Tests.Mapping.OsoTestDossiers;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>
/// Allocation is measured process-wide (async continuations change threads), so nothing else may run meanwhile.
/// </summary>
[CollectionDefinition(Naam, DisableParallelization = true)]
public sealed class GeheugenCollectie
{
    public const string Naam = "Geheugen (alleen)";
}

[Collection(GeheugenCollectie.Naam)]
public sealed class OsoGeheugenTests(ITestOutputHelper uitvoer) : IDisposable
{
    private readonly TestBijlageStaging _staging = new();
    private readonly string _map = Directory.CreateTempSubdirectory("oso-geheugen-").FullName;

    public void Dispose()
    {
        _staging.Dispose();
        Directory.Delete(_map, recursive: true);
    }

    /// <remarks>
    /// The bound is half the attachment: any one copy of it in memory (10 MiB as bytes, about 28 MiB as a base64
    /// string, 14 MiB as its UTF-8 text) exceeds it on its own, so a regression to buffering cannot hide under it,
    /// while streaming costs a fixed set of buffers plus a small object per chunk (about 1 MiB measured), far enough
    /// below not to flake. Total allocation over the call also bounds the peak the call added.
    /// </remarks>
    [Fact]
    public async Task MapAsync_10MiBAttachment_AllocatesFarLessThanTheAttachment()
    {
        var grootte = BijlageRegels.MaxGrootte - 4096;
        var (xml, sha256) = SchrijfGroteBijlage(_map, grootte);
        var mapper = new OsoDossierMapper(_staging);
        await WarmOpAsync(mapper);

        long toegewezen;
        Core.Fouten.Result<OsoDocumentAntwoord> resultaat;
        using (var reader = XmlReader.Create(
            new FileStream(xml, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan),
            OsoReferentie.VeiligeInstellingen(async: true)))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var voor = GC.GetTotalAllocatedBytes(precise: true);
            resultaat = await mapper.MapAsync(reader, Context, CancellationToken.None);
            toegewezen = GC.GetTotalAllocatedBytes(precise: true) - voor;
        }

        uitvoer.WriteLine($"attachment {grootte:N0} bytes, XML {new FileInfo(xml).Length:N0} bytes, allocated during MapAsync {toegewezen:N0} bytes");
        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            var bijlage = Assert.Single(aanvraag.Invoer.Bijlagen);
            Assert.Equal(grootte, bijlage.Grootte);
            Assert.Equal(sha256, bijlage.Sha256);
            Assert.Equal(sha256, await Sha256Async(bijlage.Inhoud.OpenRead()));
        }

        Assert.InRange(toegewezen, 0, BijlageRegels.MaxGrootte / 2);
    }

    /// <summary>First use pays for static tables and JIT-time allocations that a steady-state mapping does not.</summary>
    private static async Task WarmOpAsync(OsoDossierMapper mapper)
    {
        var dossier = MinimaalDossier(Document("a.pdf", Zip(("a.pdf", Pdf("a")))));
        var resultaat = await mapper.MapAsync(Reader(DocumentResponse(dossier), async: true), Context, CancellationToken.None);
        await resultaat.Value!.DisposeAsync();
    }
}
