using System.Runtime.ExceptionServices;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>
/// The text of the element the reader is on (<c>bestandsinhoud</c>), as ASCII bytes in chunks, for the staging to
/// base64-decode: the text is never held whole.
/// </summary>
/// <remarks>
/// This stream never throws into the staging: a staging that meets an exception from its source cannot hand back
/// the file it already wrote, and it would stay behind. A failure (bad XML, cancellation) ends the stream and is
/// raised by <see cref="AfrondenAsync"/> after the caller disposed what was staged.
/// </remarks>
internal sealed class Base64TekstStream : Stream
{
    private const int ChunkTekens = 8192;

    // Not a base64 character and not white space, so the staging's decoder refuses it.
    private const byte OngeldigTeken = (byte)'!';

    private readonly XmlLezer _lezer;
    private readonly int _diepte;
    private readonly char[] _tekens = new char[ChunkTekens];
    private int _tekenPositie;
    private int _tekenAantal;
    private string? _waarde;
    private int _waardePositie;
    private Toestand _toestand = Toestand.Begin;
    private ExceptionDispatchInfo? _fout;

    /// <param name="lezer">Positioned on the start tag of the element whose text is the base64 content.</param>
    public Base64TekstStream(XmlLezer lezer)
    {
        _lezer = lezer;
        _diepte = lezer.Reader.Depth;
    }

    private enum Toestand
    {
        Begin,
        OpNode,
        InTekst,
        Klaar,
    }

    /// <summary>The element held child elements: its content is no base64 text.</summary>
    public bool BevatElementen { get; private set; }

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
        var taak = LeesAsync(buffer.AsMemory(offset, count), magAsync: false, CancellationToken.None);
        return taak.IsCompleted ? taak.Result : taak.AsTask().GetAwaiter().GetResult();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        LeesAsync(buffer, magAsync: true, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        LeesAsync(buffer.AsMemory(offset, count), magAsync: true, cancellationToken).AsTask();

    /// <summary>
    /// Raises a failure the stream swallowed, else reads past the rest of the element (what the staging did not
    /// read, e.g. after it stopped at the size limit) without keeping it, and leaves the reader after the element.
    /// </summary>
    public async ValueTask AfrondenAsync(CancellationToken ct)
    {
        _fout?.Throw();
        var reader = _lezer.Reader;
        if (reader.NodeType == XmlNodeType.Element && reader.Depth == _diepte)
        {
            // Still on the element itself: never read, or empty.
            var leeg = reader.IsEmptyElement;
            await _lezer.ReadAsync();
            if (leeg)
            {
                _toestand = Toestand.Klaar;
                return;
            }
        }

        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == _diepte))
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element)
            {
                await _lezer.SkipAsync();
            }
            else if (!await _lezer.ReadAsync())
            {
                throw new XmlException("The document ended inside an element.");
            }
        }

        _toestand = Toestand.Klaar;
        await _lezer.ReadAsync();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask<int> LeesAsync(Memory<byte> doel, bool magAsync, CancellationToken ct)
    {
        if (_toestand == Toestand.Klaar || _fout is not null || doel.IsEmpty)
        {
            return 0;
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            while (true)
            {
                if (_tekenPositie < _tekenAantal)
                {
                    return Kopieer(doel.Span);
                }

                if (!await VulAsync(magAsync))
                {
                    return 0;
                }
            }
        }
        catch (Exception e)
        {
            _fout = ExceptionDispatchInfo.Capture(e);
            _toestand = Toestand.Klaar;
            return 0;
        }
    }

    private int Kopieer(Span<byte> doel)
    {
        var n = Math.Min(doel.Length, _tekenAantal - _tekenPositie);
        var bron = _tekens.AsSpan(_tekenPositie, n);
        for (var i = 0; i < n; i++)
        {
            var c = bron[i];
            doel[i] = c < 128 ? (byte)c : OngeldigTeken;
        }

        _tekenPositie += n;
        return n;
    }

    /// <summary>Fetches the next chunk of text into the char buffer; false at the end of the element's content.</summary>
    private async ValueTask<bool> VulAsync(bool magAsync)
    {
        var reader = _lezer.Reader;
        while (true)
        {
            switch (_toestand)
            {
                case Toestand.Begin:
                    if (reader.IsEmptyElement)
                    {
                        // Stay on the empty element: AfrondenAsync moves past it.
                        _toestand = Toestand.Klaar;
                        return false;
                    }

                    await LeesNodeAsync(magAsync);
                    _toestand = Toestand.OpNode;
                    break;
                case Toestand.OpNode:
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.EndElement when reader.Depth == _diepte:
                            _toestand = Toestand.Klaar;
                            return false;
                        case XmlNodeType.Element:
                            BevatElementen = true;
                            _toestand = Toestand.Klaar;
                            return false;
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                            _toestand = Toestand.InTekst;
                            _waarde = reader.CanReadValueChunk ? null : reader.Value;
                            _waardePositie = 0;
                            break;
                        default:
                            await LeesNodeAsync(magAsync);
                            break;
                    }

                    break;
                case Toestand.InTekst:
                    var n = await ChunkAsync(magAsync);
                    if (n > 0)
                    {
                        _tekenPositie = 0;
                        _tekenAantal = n;
                        return true;
                    }

                    _waarde = null;
                    _toestand = Toestand.OpNode;
                    await LeesNodeAsync(magAsync);
                    break;
                default:
                    return false;
            }
        }
    }

    private async ValueTask<int> ChunkAsync(bool magAsync)
    {
        if (_waarde is not null)
        {
            var n = Math.Min(_tekens.Length, _waarde.Length - _waardePositie);
            _waarde.CopyTo(_waardePositie, _tekens, 0, n);
            _waardePositie += n;
            return n;
        }

        var reader = _lezer.Reader;
        return magAsync && _lezer.IsAsync
            ? await reader.ReadValueChunkAsync(_tekens, 0, _tekens.Length)
            : reader.ReadValueChunk(_tekens, 0, _tekens.Length);
    }

    private async ValueTask LeesNodeAsync(bool magAsync)
    {
        var reader = _lezer.Reader;
        var gelezen = magAsync && _lezer.IsAsync ? await reader.ReadAsync() : reader.Read();
        if (!gelezen)
        {
            throw new XmlException("The document ended inside an element.");
        }
    }
}
