using System.Buffers;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>
/// A read-only view of a JSON body that refuses any single token longer than the largest legal field, before the
/// serializer has to hold it. System.Text.Json keeps a whole token in one buffer (doubling it, from the shared array
/// pool) until the token ends, so one 70 MB string would cost 128 MB arrays that the pool keeps after the request.
/// Only an attachment's <c>inhoud</c> (base64 of at most 10 MiB, about 14 MB) may be long; every other string is a
/// text of at most a few thousand characters, and a bare value (number, true, false, null) is short. The scan is
/// lexical only: inside or outside a string, the last property name, and how long the current token is.
/// </summary>
internal sealed class JsonTokenGrens(Stream binnen, long maxInhoud, int maxTekst = JsonTokenGrens.StandaardMaxTekst, int maxWaarde = 4096) : Stream
{
    /// <summary>Base64 of 10 MiB with room for line breaks and escaped slashes some encoders add.</summary>
    public const long StandaardMaxInhoud = 15L * 1024 * 1024;

    /// <summary>
    /// Far above the longest text field (4,000 characters, 24 KB escaped), so an over-long name still reaches the
    /// field rules and is refused naming the field; far below what would keep the serializer's buffers large.
    /// </summary>
    public const int StandaardMaxTekst = 2 * 1024 * 1024;

    private static readonly SearchValues<byte> StringEinde = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structuur = SearchValues.Create("\"{}[],: \t\r\n"u8);
    private static ReadOnlySpan<byte> Inhoud => "inhoud"u8;

    private readonly byte[] _begin = new byte[8];
    private bool _inString;
    private bool _escape;
    private long _lengte;
    private long _max;
    private bool _laatsteWasInhoud;
    private bool _naDubbelepunt;
    private bool _waardeIsInhoud;

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
                i += ScanString(data[i..]);
                continue;
            }

            switch (data[i])
            {
                case (byte)'"':
                    _inString = true;
                    _lengte = 0;
                    _max = _naDubbelepunt && _waardeIsInhoud ? maxInhoud : maxTekst;
                    _naDubbelepunt = false;
                    i++;
                    break;
                case (byte)':':
                    _naDubbelepunt = true;
                    _waardeIsInhoud = _laatsteWasInhoud;
                    _lengte = 0;
                    i++;
                    break;
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    _lengte = 0;
                    i++;
                    break;
                case (byte)',' or (byte)'{' or (byte)'}' or (byte)'[' or (byte)']':
                    _naDubbelepunt = false;
                    _laatsteWasInhoud = false;
                    _lengte = 0;
                    i++;
                    break;
                default:
                    // A bare value (number, true, false, null, or garbage): counted until the next structural character.
                    var rest = data[i..];
                    var stop = rest.IndexOfAny(Structuur);
                    var stuk = stop < 0 ? rest.Length : stop;
                    _lengte += stuk;
                    if (_lengte > maxWaarde)
                    {
                        throw new JsonTokenTeLangException(maxWaarde);
                    }

                    _naDubbelepunt = false;
                    i += stuk;
                    break;
            }
        }
    }

    /// <summary>Consumes string bytes up to and including the closing quote; returns how many.</summary>
    private int ScanString(ReadOnlySpan<byte> rest)
    {
        if (_escape)
        {
            _escape = false;
            Tel(rest[..1]);
            return 1;
        }

        var stop = rest.IndexOfAny(StringEinde);
        var stuk = stop < 0 ? rest.Length : stop;
        Tel(rest[..stuk]);
        if (stop < 0)
        {
            return stuk;
        }

        if (rest[stop] == (byte)'\\')
        {
            _escape = true;
            Tel(rest.Slice(stop, 1));
        }
        else
        {
            _inString = false;
            _laatsteWasInhoud = _lengte == Inhoud.Length && _begin.AsSpan(0, Inhoud.Length).SequenceEqual(Inhoud);
        }

        return stop + 1;
    }

    private void Tel(ReadOnlySpan<byte> bytes)
    {
        if (_lengte < _begin.Length)
        {
            var n = (int)Math.Min(bytes.Length, _begin.Length - _lengte);
            bytes[..n].CopyTo(_begin.AsSpan((int)_lengte));
        }

        _lengte += bytes.Length;
        if (_lengte > _max)
        {
            throw new JsonTokenTeLangException(_max);
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
