using System.Buffers;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>
/// A read-only view of a JSON body that refuses any single token longer than the largest legal field, before the
/// serializer has to hold it. System.Text.Json keeps a whole token in one buffer (doubling it, from the shared array
/// pool) until the token ends, so one 70 MB string would cost 128 MB arrays that the pool keeps after the request. The
/// largest legal token is the base64 of a 10 MiB attachment (about 14 MB); anything longer is refused as it streams in.
/// The scan is lexical only: inside or outside a string, and how long the current string or bare value is.
/// </summary>
internal sealed class JsonTokenGrens(Stream binnen, long maxTekenreeks, int maxWaarde = 4096) : Stream
{
    /// <summary>Base64 of 10 MiB with room for line breaks and escaped slashes some encoders add.</summary>
    public const long StandaardMaxTekenreeks = 15L * 1024 * 1024;

    private static readonly SearchValues<byte> StringEinde = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structuur = SearchValues.Create("\"{}[],: \t\r\n"u8);

    private bool _inString;
    private bool _escape;
    private long _lengte;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = binnen.Read(buffer, offset, count);
        Scan(buffer.AsSpan(offset, n));
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await binnen.ReadAsync(buffer, cancellationToken);
        Scan(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Scan(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                    _lengte++;
                    i++;
                    continue;
                }

                var rest = data[i..];
                var stop = rest.IndexOfAny(StringEinde);
                var stuk = stop < 0 ? rest.Length : stop;
                _lengte += stuk;
                if (_lengte > maxTekenreeks)
                {
                    throw new JsonTokenTeLangException(maxTekenreeks);
                }

                i += stuk;
                if (stop >= 0)
                {
                    _escape = data[i] == (byte)'\\';
                    _inString = data[i] != (byte)'"';
                    _lengte = _inString ? _lengte + 1 : 0;
                    i++;
                }
            }
            else if (data[i] == (byte)'"')
            {
                _inString = true;
                _lengte = 0;
                i++;
            }
            else
            {
                // A bare value (number, true, false, null, or garbage): counted until the next structural character.
                var rest = data[i..];
                var stop = rest.IndexOfAny(Structuur);
                var stuk = stop < 0 ? rest.Length : stop;
                _lengte += stuk;
                if (_lengte > maxWaarde)
                {
                    throw new JsonTokenTeLangException(maxWaarde);
                }

                i += stuk;
                if (stop >= 0 && data[i] != (byte)'"')
                {
                    _lengte = 0;
                    i++;
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>One value in the body is longer than any field may be: refused before it is buffered.</summary>
internal sealed class JsonTokenTeLangException(long max) : IOException($"A JSON token is longer than {max} bytes.")
{
    public long Max { get; } = max;
}
