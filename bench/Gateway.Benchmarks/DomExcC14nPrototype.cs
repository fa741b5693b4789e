using System.Buffers;
using System.Text;
using System.Xml;

namespace Hulpvraag.Bench;

/// <summary>
/// COST ESTIMATE ONLY, not a verifier component: exclusive c14n (without comments, no InclusiveNamespaces PrefixList)
/// written straight from the DOM into a reusable buffer, without SignedXml's OuterXml / re-parse / CanonicalXmlDocument
/// copies. It covers what the benchmark envelope contains (elements, attributes, text, whitespace) and is checked
/// against the envelope's DigestValues and SignatureValue before it is timed; PIs, xml:* attributes, PrefixList and
/// the many edge cases a production implementation must handle are left out.
/// </summary>
internal sealed class DomExcC14nPrototype
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private readonly List<(string Prefix, string Uri, int Depth)> _rendered = new(16);
    private readonly List<XmlAttribute> _attributes = new(8);
    private readonly List<(string Prefix, string Uri)> _namespaces = new(4);

    /// <summary>The canonical form of <paramref name="apex"/> and its descendants (the bytes a "#id" Reference digests).</summary>
    public ReadOnlySpan<byte> Canonicalize(XmlElement apex)
    {
        _output.ResetWrittenCount();
        _rendered.Clear();
        WriteElement(apex, 0);
        return _output.WrittenSpan;
    }

    private void WriteElement(XmlElement element, int depth)
    {
        Write("<");
        Write(element.Name);

        // Namespace axis: only the namespaces the element and its attributes visibly use, when the nearest output
        // ancestor did not already render the same declaration.
        _namespaces.Clear();
        AddNamespace(element.Prefix, element.NamespaceURI);
        _attributes.Clear();
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                continue;
            }

            _attributes.Add(attribute);
            if (attribute.Prefix.Length > 0 && attribute.NamespaceURI != XmlNamespace)
            {
                AddNamespace(attribute.Prefix, attribute.NamespaceURI);
            }
        }

        _namespaces.Sort(static (a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        var attributes = _attributes.ToArray();
        var pushed = 0;
        foreach (var (prefix, uri) in _namespaces)
        {
            if (NearestRendered(prefix) == uri || (prefix.Length == 0 && uri.Length == 0 && NearestRendered(prefix) is null))
            {
                continue;
            }

            Write(prefix.Length == 0 ? " xmlns=\"" : " xmlns:");
            if (prefix.Length > 0)
            {
                Write(prefix);
                Write("=\"");
            }

            WriteEscaped(uri, attribute: true);
            Write("\"");
            _rendered.Add((prefix, uri, depth));
            pushed++;
        }

        Array.Sort(attributes, static (a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.NamespaceURI, b.NamespaceURI);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.LocalName, b.LocalName);
        });
        foreach (var attribute in attributes)
        {
            Write(" ");
            Write(attribute.Name);
            Write("=\"");
            WriteEscaped(attribute.Value, attribute: true);
            Write("\"");
        }

        Write(">");
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child.NodeType)
            {
                case XmlNodeType.Element:
                    WriteElement((XmlElement)child, depth + 1);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    WriteEscaped(child.Value!, attribute: false);
                    break;
                case XmlNodeType.Comment:
                    break;
                default:
                    throw new NotSupportedException("prototype: " + child.NodeType);
            }
        }

        Write("</");
        Write(element.Name);
        Write(">");
        _rendered.RemoveRange(_rendered.Count - pushed, pushed);
    }

    private void AddNamespace(string prefix, string uri)
    {
        foreach (var (p, _) in _namespaces)
        {
            if (p == prefix)
            {
                return;
            }
        }

        _namespaces.Add((prefix, uri));
    }

    private string? NearestRendered(string prefix)
    {
        for (var i = _rendered.Count - 1; i >= 0; i--)
        {
            if (_rendered[i].Prefix == prefix)
            {
                return _rendered[i].Uri;
            }
        }

        return null;
    }

    private void Write(ReadOnlySpan<char> text)
    {
        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void WriteEscaped(string text, bool attribute)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' when !attribute => "&gt;",
                '"' when attribute => "&quot;",
                '\t' when attribute => "&#x9;",
                '\n' when attribute => "&#xA;",
                '\r' => "&#xD;",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            Write(text.AsSpan(start, i - start));
            Write(replacement);
            start = i + 1;
        }

        Write(text.AsSpan(start));
    }
}
