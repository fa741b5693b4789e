using System.IO.Compression;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>The one file of an OSO attachment ZIP, staged; or why there is none (<see cref="TeGroot"/> or <see cref="Reden"/>).</summary>
internal readonly record struct Uitpakresultaat(GestagedeBijlage? Bestand, bool TeGroot, string? Reden)
{
    public static Uitpakresultaat Groot => new(null, true, null);

    public static Uitpakresultaat Onleesbaar(string reden) => new(null, false, reden);
}

/// <summary>
/// Opens a staged OSO attachment (<c>bestandsinhoud</c>: a ZIP holding exactly one file) and stages that file.
/// </summary>
internal sealed class ZipUitpakker(IBijlageStaging staging)
{
    public const string Beschadigd = "het ZIP-bestand is beschadigd";

    /// <summary>
    /// The 10 MiB limit is on the file inside (spec: "at most 10 MiB after decoding" per attachment); the ZIP around a
    /// file of exactly 10 MiB is larger by its headers, or by a few bytes per 64 KiB when deflate cannot compress.
    /// One MiB of slack covers both; the entry itself is bounded again while it is unpacked.
    /// </summary>
    public const long MaxZipGrootte = BijlageRegels.MaxGrootte + (1024 * 1024);

    public async Task<Uitpakresultaat> PakUitAsync(GestagedeBijlage zip, CancellationToken ct)
    {
        if (zip.TeGroot)
        {
            return Uitpakresultaat.Groot;
        }

        if (zip.Onleesbaar)
        {
            return Uitpakresultaat.Onleesbaar("de base64-codering is ongeldig");
        }

        if (zip.Grootte == 0)
        {
            return Uitpakresultaat.Onleesbaar("de inhoud is leeg");
        }

        var bestand = zip.Inhoud.OpenRead();
        await using (bestand)
        {
            if (ZipVoorcontrole.Controleer(bestand) is { } reden)
            {
                return Uitpakresultaat.Onleesbaar(reden);
            }

            bestand.Position = 0;
            ZipArchive archief;
            try
            {
                archief = new ZipArchive(bestand, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException)
            {
                return Uitpakresultaat.Onleesbaar(ZipVoorcontrole.GeenZip);
            }

            using (archief)
            {
                return await PakEnigeBestandUitAsync(archief, ct);
            }
        }
    }

    private async Task<Uitpakresultaat> PakEnigeBestandUitAsync(ZipArchive archief, CancellationToken ct)
    {
        switch (archief.Entries.Count)
        {
            case 0:
                return Uitpakresultaat.Onleesbaar(ZipVoorcontrole.Leeg);
            case > 1:
                return Uitpakresultaat.Onleesbaar(ZipVoorcontrole.MeerDanEen);
        }

        var entry = archief.Entries[0];
        if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
        {
            return Uitpakresultaat.Onleesbaar("het ZIP-bestand bevat een map in plaats van een bestand");
        }

        // The declared size refuses an honest oversized file before a byte is inflated; the bounded copy below
        // catches a header that lies.
        if (entry.Length > BijlageRegels.MaxGrootte)
        {
            return Uitpakresultaat.Groot;
        }

        if (entry.IsEncrypted)
        {
            return Uitpakresultaat.Onleesbaar("het bestand in het ZIP-bestand is met een wachtwoord beveiligd");
        }

        Stream inhoud;
        try
        {
            inhoud = entry.Open();
        }
        catch (InvalidDataException)
        {
            return Uitpakresultaat.Onleesbaar("het ZIP-bestand gebruikt een compressiemethode die niet wordt ondersteund");
        }

        await using (inhoud)
        {
            var begrensd = new BegrensdeStream(inhoud, BijlageRegels.MaxGrootte);
            var gestaged = await staging.StageAsync(begrensd, BijlageCodering.Binair, BijlageRegels.MaxGrootte, ct);
            var behouden = false;
            try
            {
                var uitkomst = Beoordeel(entry, begrensd, gestaged);
                behouden = uitkomst.Bestand is not null;
                return uitkomst;
            }
            finally
            {
                if (!behouden)
                {
                    await gestaged.DisposeAsync();
                }
            }
        }
    }

    private static Uitpakresultaat Beoordeel(ZipArchiveEntry entry, BegrensdeStream begrensd, GestagedeBijlage gestaged)
    {
        if (begrensd.Fout is { } fout)
        {
            if (fout.SourceException is InvalidDataException)
            {
                return Uitpakresultaat.Onleesbaar(Beschadigd);
            }

            fout.Throw();
        }

        if (begrensd.Overschreden || gestaged.TeGroot)
        {
            return Uitpakresultaat.Groot;
        }

        // The runtime stops inflating at the declared size and checks no CRC: a size or checksum that does not
        // match what came out means a damaged (or doctored) archive, never a file to pass on.
        if (gestaged.Onleesbaar || begrensd.Gelezen != entry.Length || begrensd.Crc32 != entry.Crc32)
        {
            return Uitpakresultaat.Onleesbaar(Beschadigd);
        }

        return new Uitpakresultaat(gestaged, false, null);
    }
}
