using System.Buffers;
using System.Security.Cryptography;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Security;

internal static partial class ExclusiveC14n
{
    private const int TextChunkChars = 4096;

    /// <summary>
    /// The digest of the exc-c14n form of the element the reader is positioned on, consuming its whole subtree.
    /// Returns with the reader on that element's EndElement (or still on it when it is empty, <c>&lt;x/&gt;</c>), so
    /// the caller's next <see cref="XmlReader.Read"/> continues after it. The namespace context of the apex is the
    /// reader's scope. Text is streamed with <see cref="XmlReader.ReadValueChunk"/>, so a text node of many megabytes
    /// costs only a small buffer.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader is not positioned on an element.</exception>
    /// <exception cref="XmlException">The document is malformed (from the reader) or ends inside the element.</exception>
    public static byte[] DigestSubtree(XmlReader reader, IReadOnlyList<string> inclusivePrefixes, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Run(reader, WriteSubtree, inclusivePrefixes, algorithm, copy: null);
    }

    /// <summary>Like <see cref="DigestSubtree"/> but writes the canonical bytes themselves (tests, diagnostics).</summary>
    public static void CanonicalizeSubtree(XmlReader reader, IReadOnlyList<string> inclusivePrefixes, Stream output)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        Run(reader, WriteSubtree, inclusivePrefixes, HashAlgorithmName.SHA256, output);
    }

    private static void WriteSubtree(Writer writer, XmlReader reader)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new InvalidOperationException("DigestSubtree needs a reader positioned on an element, not on " + reader.NodeType + ".");
        }

        var apexDepth = reader.Depth;
        if (StartReaderElement(writer, reader, isApex: true))
        {
            writer.EndElement();
            return;
        }

        char[]? chunk = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (StartReaderElement(writer, reader, isApex: false))
                        {
                            writer.EndElement();
                        }

                        break;
                    case XmlNodeType.EndElement:
                        writer.EndElement();
                        if (reader.Depth == apexDepth)
                        {
                            return;
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (reader.CanReadValueChunk)
                        {
                            chunk ??= ArrayPool<char>.Shared.Rent(TextChunkChars);
                            int read;
                            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                            {
                                writer.WriteText(chunk.AsSpan(0, read));
                            }
                        }
                        else
                        {
                            writer.WriteText(reader.Value);
                        }

                        break;
                    case XmlNodeType.ProcessingInstruction:
                        writer.WriteProcessingInstruction(reader.Name, reader.Value);
                        break;
                    case XmlNodeType.Comment:
                        break;
                    default:
                        // Entity references cannot occur: the reader runs with DtdProcessing.Prohibit.
                        throw new NotSupportedException("Exclusive c14n: unexpected node type " + reader.NodeType);
                }
            }

            throw new XmlException("The document ended inside the element being canonicalised.");
        }
        finally
        {
            if (chunk is not null)
            {
                ArrayPool<char>.Shared.Return(chunk);
            }
        }
    }

    /// <returns>Whether the element is empty (<c>&lt;x/&gt;</c>): no EndElement node will follow.</returns>
    private static bool StartReaderElement(Writer writer, XmlReader reader, bool isApex)
    {
        writer.StartElement(reader.Name, reader.Prefix, reader.NamespaceURI);
        if (isApex)
        {
            foreach (var prefix in writer.InclusivePrefixes)
            {
                if (reader.LookupNamespace(prefix) is { } uri)
                {
                    writer.AddNamespaceDeclaration(prefix, uri);
                }
            }
        }

        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI == WsNamespaces.Xmlns)
                {
                    if (!isApex)
                    {
                        writer.AddNamespaceDeclaration(reader.Prefix.Length == 0 ? string.Empty : reader.LocalName, reader.Value);
                    }
                }
                else
                {
                    writer.AddAttribute(reader.Name, reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        writer.WriteStartTag();
        return reader.IsEmptyElement;
    }
}
