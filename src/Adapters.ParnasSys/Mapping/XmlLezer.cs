using System.Text;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>The text of a simple element, bounded: <see cref="TeLang"/> when it exceeded the limit (then no text is kept).</summary>
internal readonly record struct ElementTekst(string? Waarde, bool TeLang, bool BevatElementen)
{
    public bool Geldig => !TeLang && !BevatElementen;
}

/// <summary>
/// A caller's <see cref="XmlReader"/> used through one API whether it was created with <c>Async = true</c> or not
/// (an async reader refuses nothing, a sync one throws on every *Async call).
/// </summary>
/// <remarks>
/// Convention of every "lees" method: it starts on an element's start tag and leaves the reader on the node after
/// that element, like <see cref="XmlReader.Skip"/>.
/// </remarks>
internal sealed class XmlLezer(XmlReader reader)
{
    /// <summary>Generous for every simple field (the intake itself allows 4,000 characters of omschrijving) and still small.</summary>
    public const int MaxTekstLengte = 16 * 1024;

    private char[]? _tekens;

    public XmlReader Reader { get; } = reader;

    public bool IsAsync { get; } = reader.Settings?.Async == true;

    public ValueTask<bool> ReadAsync() => IsAsync ? new(Reader.ReadAsync()) : new(Reader.Read());

    public ValueTask SkipAsync()
    {
        if (IsAsync)
        {
            return new(Reader.SkipAsync());
        }

        Reader.Skip();
        return ValueTask.CompletedTask;
    }

    public ValueTask<XmlNodeType> MoveToContentAsync() =>
        IsAsync ? new(Reader.MoveToContentAsync()) : new(Reader.MoveToContent());

    public ValueTask<int> ReadValueChunkAsync(char[] buffer) =>
        IsAsync ? new(Reader.ReadValueChunkAsync(buffer, 0, buffer.Length)) : new(Reader.ReadValueChunk(buffer, 0, buffer.Length));

    public bool Is(string localName, string ns) =>
        Reader.NodeType == XmlNodeType.Element && Reader.LocalName == localName && Reader.NamespaceURI == ns;

    /// <summary>
    /// Reads the text of the element the reader is on, in chunks, so an oversized value costs at most the limit.
    /// Comments and processing instructions inside are ignored; child elements make the value invalid.
    /// </summary>
    public async ValueTask<ElementTekst> LeesTekstAsync(CancellationToken ct)
    {
        if (Reader.IsEmptyElement)
        {
            await ReadAsync();
            return new ElementTekst("", false, false);
        }

        var diepte = Reader.Depth;
        var tekst = new StringBuilder();
        bool teLang = false, bevatElementen = false;
        var verder = await ReadAsync();
        while (verder)
        {
            ct.ThrowIfCancellationRequested();
            switch (Reader.NodeType)
            {
                case XmlNodeType.EndElement when Reader.Depth == diepte:
                    await ReadAsync();
                    return new ElementTekst(teLang || bevatElementen ? null : tekst.ToString(), teLang, bevatElementen);
                case XmlNodeType.Element:
                    bevatElementen = true;
                    await SkipAsync();
                    verder = !Reader.EOF;
                    continue;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when !teLang:
                    teLang = !await VoegToeBegrensdAsync(tekst);
                    break;
            }

            verder = await ReadAsync();
        }

        throw new XmlException("The document ended inside an element.");
    }

    /// <summary>Appends the current text node; false (and nothing more appended) once the limit would be passed.</summary>
    private async ValueTask<bool> VoegToeBegrensdAsync(StringBuilder tekst)
    {
        if (!Reader.CanReadValueChunk)
        {
            // A reader without chunked access (a DOM reader) already holds the whole value in memory.
            var waarde = Reader.Value;
            if (tekst.Length + waarde.Length > MaxTekstLengte)
            {
                return false;
            }

            tekst.Append(waarde);
            return true;
        }

        _tekens ??= new char[1024];
        int n;
        while ((n = await ReadValueChunkAsync(_tekens)) > 0)
        {
            if (tekst.Length + n > MaxTekstLengte)
            {
                return false;
            }

            tekst.Append(_tekens, 0, n);
        }

        return true;
    }
}
