using System.Buffers;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace Hulpvraag.Adapters.ParnasSys.Security;

internal static partial class ExclusiveC14n
{
    /// <summary>
    /// The one place where the rules live; the front ends only report what they see. Per element a front end calls
    /// <see cref="StartElement"/>, then <see cref="AddAttribute"/> / <see cref="AddNamespaceDeclaration"/>, then
    /// <see cref="WriteStartTag"/>; content; <see cref="EndElement"/>.
    /// </summary>
    private sealed class Writer
    {
        private const int BufferBytes = 8 * 1024;

        private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");
        private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<\"\t\n\r");

        // One per thread: a verification canonicalises up to a dozen elements, and the lists and hash objects
        // would otherwise be allocated for each of them.
        [ThreadStatic]
        private static Writer? s_cached;

        private readonly List<(string Prefix, string Uri, int Depth)> _rendered = new(16);
        private readonly List<string> _open = new(16);
        private readonly List<(string Prefix, string Uri)> _namespaces = new(8);
        private readonly List<Attribute> _attributes = new(8);
        private readonly List<string> _inclusive = new(8);
        private readonly IncrementalHash _sha256;
        private IncrementalHash? _sha384;
        private IncrementalHash? _sha512;

        /// <summary>The hash of the current use; SHA-256 (the profile's usual digest) until <see cref="Begin"/> picks one.</summary>
        private IncrementalHash _hash;
        private Stream? _copy;
        private byte[] _buffer = [];
        private int _length;
        private char _pendingHighSurrogate;
        private string _name = string.Empty;

        private readonly record struct Attribute(string Name, string LocalName, string NamespaceUri, string Value);

        /// <summary>The PrefixList with <c>#default</c> as the empty string, for the front end's scope look-ups at the apex.</summary>
        public List<string> InclusivePrefixes => _inclusive;

        private Writer()
        {
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _hash = _sha256;
        }

        public static Writer Rent(IReadOnlyList<string> inclusivePrefixes, HashAlgorithmName algorithm, Stream? copy)
        {
            ArgumentNullException.ThrowIfNull(inclusivePrefixes);
            var writer = s_cached ?? new Writer();
            s_cached = null;
            writer.Begin(inclusivePrefixes, algorithm, copy);
            return writer;
        }

        public static void Return(Writer writer)
        {
            if (writer._buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(writer._buffer);
                writer._buffer = [];
            }

            writer._copy = null;
            writer._rendered.Clear();
            writer._open.Clear();
            writer._namespaces.Clear();
            writer._attributes.Clear();
            writer._inclusive.Clear();
            s_cached = writer;
        }

        private void Begin(IReadOnlyList<string> inclusivePrefixes, HashAlgorithmName algorithm, Stream? copy)
        {
            _hash = algorithm.Name switch
            {
                "SHA256" => _sha256,
                "SHA384" => _sha384 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA384),
                "SHA512" => _sha512 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
                _ => throw new CryptographicException("Digest algorithm not allowed: " + algorithm.Name),
            };

            // A failed earlier use may have left data in the reused hash.
            _hash.GetHashAndReset();
            _copy = copy;
            _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            _length = 0;
            _pendingHighSurrogate = '\0';
            _rendered.Clear();
            _open.Clear();
            _inclusive.Clear();
            foreach (var prefix in inclusivePrefixes)
            {
                var normalized = Normalize(prefix);
                if (normalized is not ("xml" or "xmlns") && !_inclusive.Contains(normalized))
                {
                    _inclusive.Add(normalized);
                }
            }
        }

        public byte[] Finish()
        {
            if (_open.Count != 0)
            {
                throw new InvalidOperationException("Canonicalisation ended inside an element.");
            }

            FlushPendingSurrogate();
            Flush();
            return _hash.GetHashAndReset();
        }

        public void StartElement(string name, string prefix, string namespaceUri)
        {
            _name = name;
            _namespaces.Clear();
            _attributes.Clear();
            AddCandidate(prefix, namespaceUri);
        }

        /// <summary>Any attribute except namespace declarations; <c>xml:*</c> ones too (they render where they stand).</summary>
        public void AddAttribute(string name, string prefix, string localName, string namespaceUri, string value)
        {
            _attributes.Add(new Attribute(name, localName, namespaceUri, value));
            if (prefix.Length > 0)
            {
                AddCandidate(prefix, namespaceUri);
            }
        }

        /// <summary>
        /// A namespace in scope that only the PrefixList can make visible: below the apex the element's own
        /// declarations, at the apex everything in scope for a PrefixList prefix. Others are ignored here because
        /// visibly utilised namespaces come from the element and attribute names themselves.
        /// </summary>
        public void AddNamespaceDeclaration(string prefix, string uri)
        {
            if (_inclusive.Contains(prefix))
            {
                AddCandidate(prefix, uri);
            }
        }

        private void AddCandidate(string prefix, string uri)
        {
            if (prefix is "xml" or "xmlns")
            {
                return;
            }

            foreach (var (existing, _) in _namespaces)
            {
                if (string.Equals(existing, prefix, StringComparison.Ordinal))
                {
                    return;
                }
            }

            _namespaces.Add((prefix, uri));
        }

        public void WriteStartTag()
        {
            var depth = _open.Count;

            // A namespace renders unless the nearest output ancestor already rendered the same value; an empty default
            // namespace (xmlns="") only undoes a non-empty default rendered above.
            var kept = 0;
            for (var i = 0; i < _namespaces.Count; i++)
            {
                var (prefix, uri) = _namespaces[i];
                var nearest = NearestRendered(prefix);
                if (nearest is null ? prefix.Length > 0 || uri.Length > 0 : !string.Equals(nearest, uri, StringComparison.Ordinal))
                {
                    _namespaces[kept++] = _namespaces[i];
                }
            }

            _namespaces.RemoveRange(kept, _namespaces.Count - kept);
            SortNamespaces();
            SortAttributes();

            WriteAscii("<"u8);
            WriteChars(_name);
            foreach (var (prefix, uri) in _namespaces)
            {
                if (prefix.Length == 0)
                {
                    WriteAscii(" xmlns=\""u8);
                }
                else
                {
                    WriteAscii(" xmlns:"u8);
                    WriteChars(prefix);
                    WriteAscii("=\""u8);
                }

                WriteEscaped(uri, AttributeSpecials);
                WriteAscii("\""u8);
                _rendered.Add((prefix, uri, depth));
            }

            foreach (var attribute in _attributes)
            {
                WriteAscii(" "u8);
                WriteChars(attribute.Name);
                WriteAscii("=\""u8);
                WriteEscaped(attribute.Value, AttributeSpecials);
                WriteAscii("\""u8);
            }

            WriteAscii(">"u8);
            _open.Add(_name);
        }

        public void EndElement()
        {
            var depth = _open.Count - 1;
            WriteAscii("</"u8);
            WriteChars(_open[depth]);
            WriteAscii(">"u8);
            _open.RemoveAt(depth);
            while (_rendered.Count > 0 && _rendered[^1].Depth == depth)
            {
                _rendered.RemoveAt(_rendered.Count - 1);
            }
        }

        /// <summary>Text, CDATA and whitespace alike; may be called several times for one node (chunks).</summary>
        public void WriteText(ReadOnlySpan<char> text) => WriteEscaped(text, TextSpecials);

        public void WriteProcessingInstruction(string target, string data)
        {
            WriteAscii("<?"u8);
            WriteChars(target);
            if (data.Length > 0)
            {
                WriteAscii(" "u8);
                WriteChars(data);
            }

            WriteAscii("?>"u8);
        }

        private string? NearestRendered(string prefix)
        {
            for (var i = _rendered.Count - 1; i >= 0; i--)
            {
                if (string.Equals(_rendered[i].Prefix, prefix, StringComparison.Ordinal))
                {
                    return _rendered[i].Uri;
                }
            }

            return null;
        }

        // Insertion sorts: a handful of entries per element, and no comparer allocations.
        private void SortNamespaces()
        {
            for (var i = 1; i < _namespaces.Count; i++)
            {
                var item = _namespaces[i];
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(_namespaces[j].Prefix, item.Prefix) > 0)
                {
                    _namespaces[j + 1] = _namespaces[j];
                    j--;
                }

                _namespaces[j + 1] = item;
            }
        }

        private void SortAttributes()
        {
            for (var i = 1; i < _attributes.Count; i++)
            {
                var item = _attributes[i];
                var j = i - 1;
                while (j >= 0 && Compare(_attributes[j], item) > 0)
                {
                    _attributes[j + 1] = _attributes[j];
                    j--;
                }

                _attributes[j + 1] = item;
            }

            static int Compare(Attribute a, Attribute b)
            {
                var byNamespace = string.CompareOrdinal(a.NamespaceUri, b.NamespaceUri);
                return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.LocalName, b.LocalName);
            }
        }

        private void WriteEscaped(ReadOnlySpan<char> text, SearchValues<char> specials)
        {
            while (true)
            {
                var special = text.IndexOfAny(specials);
                if (special < 0)
                {
                    WriteChars(text);
                    return;
                }

                WriteChars(text[..special]);
                WriteAscii(text[special] switch
                {
                    '&' => "&amp;"u8,
                    '<' => "&lt;"u8,
                    '>' => "&gt;"u8,
                    '"' => "&quot;"u8,
                    '\t' => "&#x9;"u8,
                    '\n' => "&#xA;"u8,
                    _ => "&#xD;"u8,
                });
                text = text[(special + 1)..];
            }
        }

        private void WriteChars(ReadOnlySpan<char> chars)
        {
            if (chars.IsEmpty)
            {
                return;
            }

            if (_pendingHighSurrogate != '\0')
            {
                if (char.IsLowSurrogate(chars[0]))
                {
                    ReadOnlySpan<char> pair = [_pendingHighSurrogate, chars[0]];
                    _pendingHighSurrogate = '\0';
                    Encode(pair);
                    chars = chars[1..];
                }
                else
                {
                    FlushPendingSurrogate();
                }
            }

            Encode(chars);
        }

        private void Encode(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                if (_buffer.Length - _length < 4)
                {
                    Flush();
                }

                // Not the final block: a chunk of a text node may end between the two halves of a surrogate pair.
                var status = Utf8.FromUtf16(chars, _buffer.AsSpan(_length), out var read, out var written, replaceInvalidSequences: true, isFinalBlock: false);
                _length += written;
                chars = chars[read..];
                if (status == OperationStatus.NeedMoreData)
                {
                    _pendingHighSurrogate = chars[0];
                    return;
                }
            }
        }

        private void FlushPendingSurrogate()
        {
            if (_pendingHighSurrogate != '\0')
            {
                // A lone surrogate is not XML; encode it as Encoding.UTF8 would (U+FFFD) rather than fail halfway.
                _pendingHighSurrogate = '\0';
                WriteBytes("\uFFFD"u8);
            }
        }

        private void WriteAscii(ReadOnlySpan<byte> bytes)
        {
            FlushPendingSurrogate();
            WriteBytes(bytes);
        }

        private void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            if (_buffer.Length - _length < bytes.Length)
            {
                Flush();
            }

            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Flush()
        {
            if (_length == 0)
            {
                return;
            }

            _hash.AppendData(_buffer, 0, _length);
            _copy?.Write(_buffer, 0, _length);
            _length = 0;
        }
    }
}
