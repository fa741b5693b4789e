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

    public async Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken)
    {
        var pad = NieuwPad();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long grootte = 0;
        bool teGroot = false, onleesbaar = false;
        try
        {
            await using var doel = new FileStream(pad, Opties(FileOptions.Asynchronous));
            var buffer = new byte[81920];
            var decoder = codering == BijlageCodering.Base64 ? new Base64Decoder() : null;
            var uit = decoder is null ? buffer : new byte[81920];
            int n;
            while ((n = await bron.ReadAsync(buffer, cancellationToken)) > 0 || decoder?.HeeftRest == true)
            {
                var klaar = n == 0;
                var geschreven = n;
                if (decoder is not null && !decoder.Decodeer(buffer.AsSpan(0, n), uit, klaar, out geschreven))
                {
                    onleesbaar = true;
                    break;
                }

                grootte += geschreven;
                if (grootte > maxGrootte)
                {
                    teGroot = true;
                    break;
                }

                hash.AppendData(uit, 0, geschreven);
                await doel.WriteAsync(uit.AsMemory(0, geschreven), cancellationToken);
                if (klaar)
                {
                    break;
                }
            }
        }
        catch
        {
            // A broken upload or a cancelled request must not leave a pupil's document behind in temp.
            File.Delete(pad);
            throw;
        }

        return new GestagedeBijlage(new Bestand(pad), grootte, Convert.ToHexStringLower(hash.GetHashAndReset()), teGroot, onleesbaar, Opruimer(pad));
    }

    /// <summary>
    /// Strict streaming base64: white space is skipped, a group cut in two by a read is carried over, and an incomplete
    /// final group is an error (a lenient decoder would silently drop the last bytes of a document).
    /// </summary>
    private sealed class Base64Decoder
    {
        private readonly byte[] _rest = new byte[4];
        private int _restLengte;

        public bool HeeftRest => _restLengte > 0;

        public bool Decodeer(ReadOnlySpan<byte> invoer, byte[] uit, bool laatste, out int geschreven)
        {
            geschreven = 0;
            var buffer = new byte[_restLengte + invoer.Length];
            _rest.AsSpan(0, _restLengte).CopyTo(buffer);
            var lengte = _restLengte;
            foreach (var b in invoer)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    buffer[lengte++] = b;
                }
            }

            var heel = laatste ? lengte : lengte - (lengte % 4);
            _restLengte = lengte - heel;
            buffer.AsSpan(heel, _restLengte).CopyTo(_rest);
            if (laatste && heel % 4 != 0)
            {
                return false;
            }

            // Whole quartets only reach the decoder, so each may be treated as final: padding in the middle of a stream
            // is invalid anyway, and a quartet cut by a read waits in the carry.
            var status = Base64.DecodeFromUtf8(buffer.AsSpan(0, heel), uit, out var gelezen, out geschreven, isFinalBlock: true);
            return status == OperationStatus.Done && gelezen == heel;
        }
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
