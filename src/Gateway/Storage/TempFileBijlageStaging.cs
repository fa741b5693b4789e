using System.Buffers;
using System.Buffers.Text;
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
        var pad = NieuwPad();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long grootte = 0;
        bool teGroot = false, onleesbaar = false;
        var invoer = codering == BijlageCodering.Base64
            ? new CryptoStream(bron, new FromBase64Transform(FromBase64TransformMode.IgnoreWhiteSpaces), CryptoStreamMode.Read, leaveOpen: true)
            : bron;
        try
        {
            await using var doel = new FileStream(pad, Opties(FileOptions.Asynchronous));
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

        return new GestagedeBijlage(new Bestand(pad), grootte, Convert.ToHexStringLower(hash.GetHashAndReset()), teGroot, onleesbaar, Opruimer(pad));
    }

    public GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64)
    {
        var pad = NieuwPad();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long grootte = 0;
        bool teGroot = false, onleesbaar = false;
        using (var doel = new FileStream(pad, Opties(FileOptions.None)))
        {
            Span<byte> buffer = stackalloc byte[12 * 1024];
            var rest = utf8Base64;
            while (!rest.IsEmpty)
            {
                var status = Base64.DecodeFromUtf8(rest, buffer, out var gelezen, out var geschreven, isFinalBlock: true);
                if (status == OperationStatus.InvalidData || (status == OperationStatus.NeedMoreData) || (gelezen == 0 && geschreven == 0))
                {
                    onleesbaar = true;
                    break;
                }

                grootte += geschreven;
                if (grootte > BijlageRegels.MaxGrootte)
                {
                    teGroot = true;
                    break;
                }

                hash.AppendData(buffer[..geschreven]);
                doel.Write(buffer[..geschreven]);
                rest = rest[gelezen..];
            }
        }

        return new GestagedeBijlage(new Bestand(pad), grootte, Convert.ToHexStringLower(hash.GetHashAndReset()), teGroot, onleesbaar, Opruimer(pad));
    }

    private string NieuwPad()
    {
        Directory.CreateDirectory(_map);
        return Path.Combine(_map, Guid.NewGuid().ToString("N"));
    }

    private static Func<ValueTask> Opruimer(string pad) => () =>
    {
        File.Delete(pad);
        return ValueTask.CompletedTask;
    };

    /// <summary>Pupil documents: readable by the gateway's own user only.</summary>
    private static FileStreamOptions Opties(FileOptions extra)
    {
        var opties = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = extra };
        if (!OperatingSystem.IsWindows())
        {
            opties.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return opties;
    }

    private sealed class Bestand(string pad) : IBijlageInhoud
    {
        public Stream OpenRead() => new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }
}
