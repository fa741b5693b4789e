using System.Security.Cryptography;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Stages attachments in private temp files: base64 is decoded by a streaming transform, the SHA-256 and the size
/// are computed on the way, and the file is deleted when the request is done.
/// </summary>
public sealed class TempFileBijlageStaging : IBijlageStaging
{
    private readonly string _map = Path.Combine(Path.GetTempPath(), "hulpvraag-gateway-staging");

    public async Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_map);
        var pad = Path.Combine(_map, Guid.NewGuid().ToString("N"));
        var opruimen = () =>
        {
            File.Delete(pad);
            return ValueTask.CompletedTask;
        };

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long grootte = 0;
        bool teGroot = false, onleesbaar = false;
        var invoer = codering == BijlageCodering.Base64
            ? new CryptoStream(bron, new FromBase64Transform(FromBase64TransformMode.IgnoreWhiteSpaces), CryptoStreamMode.Read, leaveOpen: true)
            : bron;
        try
        {
            // Pupil documents: readable by the gateway's own user only.
            var opties = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                opties.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var doel = new FileStream(pad, opties);
            var buffer = new byte[81920];
            int n;
            while ((n = await invoer.ReadAsync(buffer, cancellationToken)) > 0)
            {
                grootte += n;
                if (grootte > BijlageRegels.MaxGrootte)
                {
                    teGroot = true;
                    break;
                }

                hash.AppendData(buffer, 0, n);
                await doel.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }
        }
        catch (FormatException)
        {
            onleesbaar = true;
        }
        finally
        {
            if (!ReferenceEquals(invoer, bron))
            {
                await invoer.DisposeAsync();
            }
        }

        return new GestagedeBijlage(new Bestand(pad), grootte, Convert.ToHexStringLower(hash.GetHashAndReset()), teGroot, onleesbaar, opruimen);
    }

    private sealed class Bestand(string pad) : IBijlageInhoud
    {
        public Stream OpenRead() => new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }
}
