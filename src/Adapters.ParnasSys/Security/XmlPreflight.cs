using System.Text;
using System.Text.Unicode;
using System.Xml;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Everything that happens before a DOM exists: size, encoding, and one streaming pass that enforces the
/// depth, element and attribute limits and counts every id-like attribute value (for the strict id rule).
/// </summary>
internal static class XmlPreflight
{
    public static VerificationResult? CheckBytes(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        if (bytes.IsEmpty)
        {
            return FailureCatalog.Fail(R.MessageEmpty);
        }

        if (bytes.Length > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // A NUL byte is valid UTF-8 but never valid XML 1.0; it is also how UTF-16/32 without a BOM would
        // slip past the UTF-8 validation and be auto-detected by XmlReader.
        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            return FailureCatalog.Fail(R.NotUtf8);
        }

        var declared = DeclaredEncoding(bytes);
        if (declared is not null && !declared.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return FailureCatalog.Fail(R.EncodingNotUtf8);
        }

        return null;
    }

    public static VerificationResult TooLarge(int maxBytes) => FailureCatalog.Fail(R.MessageTooLarge, $"maximaal {maxBytes} bytes");

    public static XmlReaderSettings CreateReaderSettings(int maxBytes, XmlNameTable? nameTable = null) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // UTF-8 never decodes to more characters than bytes, so the byte limit bounds the document too.
        MaxCharactersInDocument = maxBytes,
        // Zero would mean "unlimited"; without a DTD only the predefined entities exist anyway.
        MaxCharactersFromEntities = 1024,
        ConformanceLevel = ConformanceLevel.Document,
        CheckCharacters = true,
        IgnoreComments = false,
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
        NameTable = nameTable,
    };

    /// <summary>Streams through the document once, enforcing limits and counting id values, before any DOM is built.</summary>
    /// <param name="idCounts">
    /// Occurrences of every value of wsu:Id, Id, ID, id and xml:id. Only wsu:Id, Id and ID can make an element a
    /// reference target, but the other forms are counted too so that no processor's notion of "id" can give a
    /// referenced value a second home.
    /// </param>
    public static VerificationResult? Scan(ArraySegment<byte> bytes, WsSecurityVerifierOptions options, NameTable nameTable, out Dictionary<string, int> idCounts)
    {
        using var stream = new MemoryStream(bytes.Array ?? [], bytes.Offset, bytes.Count, writable: false);
        return Scan(stream, bytes.AsSpan(0, Math.Min(bytes.Count, DoctypeWindow)), options, nameTable, out idCounts);
    }

    /// <summary>How far into the message a DOCTYPE is looked for to name the refusal precisely; it must precede the root.</summary>
    internal const int DoctypeWindow = 64 * 1024;

    /// <inheritdoc cref="Scan(ArraySegment{byte}, WsSecurityVerifierOptions, NameTable, out Dictionary{string, int})"/>
    /// <param name="head">The first bytes of the message, only to tell a DOCTYPE apart from other malformed XML.</param>
    public static VerificationResult? Scan(Stream stream, ReadOnlySpan<byte> head, WsSecurityVerifierOptions options, NameTable nameTable, out Dictionary<string, int> idCounts)
    {
        idCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        HashSet<string>? wsuIds = null;
        var idAtom = nameTable.Add("Id");
        var upperIdAtom = nameTable.Add("ID");
        var lowerIdAtom = nameTable.Add("id");
        var emptyAtom = nameTable.Add(string.Empty);
        var wsuAtom = nameTable.Add(WsNamespaces.Wsu);
        var xmlAtom = nameTable.Add(WsNamespaces.Xml);

        var elements = 0;
        var rootSeen = false;
        try
        {
            var settings = CreateReaderSettings(options.MaxMessageBytes, nameTable);
            settings.CloseInput = false;
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                rootSeen = true;
                if (++elements > options.MaxElements)
                {
                    return FailureCatalog.Fail(R.TooManyElements, $"maximaal {options.MaxElements}");
                }

                if (reader.Depth >= options.MaxDepth)
                {
                    return FailureCatalog.Fail(R.TooDeep, $"maximaal {options.MaxDepth} niveaus");
                }

                if (reader.AttributeCount > options.MaxAttributesPerElement)
                {
                    return FailureCatalog.Fail(R.TooManyAttributes, $"maximaal {options.MaxAttributesPerElement}");
                }

                if (!reader.MoveToFirstAttribute())
                {
                    continue;
                }

                do
                {
                    // Atomised strings from the shared name table: reference comparison is exact and cheap.
                    var local = reader.LocalName;
                    var ns = reader.NamespaceURI;
                    var isId = ((object)ns == emptyAtom && ((object)local == idAtom || (object)local == upperIdAtom || (object)local == lowerIdAtom))
                        || ((object)ns == wsuAtom && (object)local == idAtom)
                        || ((object)ns == xmlAtom && (object)local == lowerIdAtom);
                    if (isId)
                    {
                        var value = reader.Value;
                        idCounts[value] = idCounts.GetValueOrDefault(value) + 1;

                        // wsu:Id is the WS-Security id: a repeated one is a broken or tampered message even when no
                        // Reference names it. Plain Id/ID/id may be business data and only matter when referenced.
                        if ((object)ns == wsuAtom && !(wsuIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(value))
                        {
                            return FailureCatalog.Fail(R.DuplicateId);
                        }
                    }
                }
                while (reader.MoveToNextAttribute());

                reader.MoveToElement();
            }
        }
        catch (XmlException ex)
        {
            if (!rootSeen && head.IndexOf("<!DOCTYPE"u8) >= 0)
            {
                return FailureCatalog.Fail(R.DoctypeProhibited);
            }

            return FailureCatalog.Fail(R.MalformedXml, $"regel {ex.LineNumber}, positie {ex.LinePosition}");
        }

        return null;
    }

    /// <summary>
    /// The encoding pseudo-attribute of the XML declaration, read from the raw bytes: XmlReader would switch its
    /// decoder on it (or throw) before we could look at the declaration node.
    /// </summary>
    internal static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (!bytes.StartsWith("<?xml"u8) || bytes.Length < 6 || !IsXmlSpace(bytes[5]))
        {
            return null;
        }

        var end = bytes.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = bytes[..end];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'=')
        {
            return string.Empty;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || (rest[0] != (byte)'"' && rest[0] != (byte)'\''))
        {
            return string.Empty;
        }

        var close = rest[1..].IndexOf(rest[0]);
        return close < 0 ? string.Empty : Encoding.UTF8.GetString(rest.Slice(1, close));
    }

    private static bool IsXmlSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
