using System.Runtime.ExceptionServices;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>
/// Passes at most <c>limiet + 1</c> bytes of an unzipping stream on, counting them and computing their CRC-32.
/// </summary>
/// <remarks>
/// The "+ 1" is what tells "exactly the limit" from "over it"; the stream then ends, so whatever the ZIP's headers
/// claim, no more than that is ever inflated or written (zip bombs). Like <see cref="Base64TekstStream"/> it never
/// throws into the staging: a failure ends the stream and waits in <see cref="Fout"/>. The wrapped stream is not
/// owned.
/// </remarks>
internal sealed class BegrensdeStream(Stream bron, long limiet) : Stream
{
    public long Gelezen { get; private set; }

    public uint Crc32 { get; private set; }

    public bool Overschreden => Gelezen > limiet;

    public ExceptionDispatchInfo? Fout { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var ruimte = Ruimte(buffer.Length);
        if (ruimte == 0)
        {
            return 0;
        }

        try
        {
            return Tel(buffer[..bron.Read(buffer[..ruimte])]);
        }
        catch (Exception e)
        {
            Fout = ExceptionDispatchInfo.Capture(e);
            return 0;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var ruimte = Ruimte(buffer.Length);
        if (ruimte == 0)
        {
            return 0;
        }

        try
        {
            var n = await bron.ReadAsync(buffer[..ruimte], cancellationToken);
            return Tel(buffer.Span[..n]);
        }
        catch (Exception e)
        {
            Fout = ExceptionDispatchInfo.Capture(e);
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Ruimte(int gevraagd) =>
        Fout is not null || Overschreden ? 0 : (int)Math.Min(gevraagd, limiet + 1 - Gelezen);

    private int Tel(ReadOnlySpan<byte> gelezen)
    {
        Gelezen += gelezen.Length;
        Crc32 = Mapping.Crc32.Voeg(Crc32, gelezen);
        return gelezen.Length;
    }
}
