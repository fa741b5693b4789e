using System.Security.Cryptography;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>
/// Staging in a private temp folder, behaving like the gateway's own (streaming base64 decode, stop just past
/// 10 MiB, Onleesbaar on bad base64) and recording what the tests check: files left behind, the most bytes one
/// staging wrote, and whether a source stream ever threw into it.
/// </summary>
internal sealed class TestBijlageStaging : IBijlageStaging, IDisposable
{
    private readonly string _map = Directory.CreateTempSubdirectory("oso-mapping-test-").FullName;
    private long _maxGeschreven;
    private int _aantal;

    /// <summary>Called at the start of every staging (e.g. to cancel the mapping halfway).</summary>
    public Action<int>? BijStart { get; set; }

    public int AantalGestaged => _aantal;

    public long MaxGeschreven => Interlocked.Read(ref _maxGeschreven);

    public bool BronGooide { get; private set; }

    public int Achtergebleven => Directory.GetFiles(_map).Length;

    public async Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken)
    {
        var nummer = Interlocked.Increment(ref _aantal);
        BijStart?.Invoke(nummer);
        var pad = Path.Combine(_map, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long grootte = 0;
        bool teGroot = false, onleesbaar = false;
        var invoer = codering == BijlageCodering.Base64
            ? new CryptoStream(bron, new FromBase64Transform(FromBase64TransformMode.IgnoreWhiteSpaces), CryptoStreamMode.Read, leaveOpen: true)
            : bron;
        try
        {
            await using var doel = new FileStream(pad, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            var buffer = new byte[81920];
            int n;
            while ((n = await invoer.ReadAsync(buffer, cancellationToken)) > 0)
            {
                grootte += n;
                if (grootte > maxGrootte)
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
        catch
        {
            BronGooide = true;
            File.Delete(pad);
            throw;
        }
        finally
        {
            if (!ReferenceEquals(invoer, bron))
            {
                await invoer.DisposeAsync();
            }
        }

        var geschreven = new FileInfo(pad).Length;
        long huidig;
        while ((huidig = Interlocked.Read(ref _maxGeschreven)) < geschreven
               && Interlocked.CompareExchange(ref _maxGeschreven, geschreven, huidig) != huidig)
        {
        }

        return new GestagedeBijlage(new Bestand(pad), grootte, Convert.ToHexStringLower(hash.GetHashAndReset()), teGroot, onleesbaar, () =>
        {
            File.Delete(pad);
            return ValueTask.CompletedTask;
        });
    }

    public GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64) =>
        throw new NotSupportedException("The OSO mapper streams from XML; only Esis stages JSON tokens.");

    public void Dispose() => Directory.Delete(_map, recursive: true);

    private sealed class Bestand(string pad) : IBijlageInhoud
    {
        public Stream OpenRead() => new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
    }
}
