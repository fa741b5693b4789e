using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Decides, for an element inside soapenv:Body, whether its content stays out of the DOM.
/// </summary>
/// <param name="reader">On the element's start tag; must not be moved.</param>
/// <param name="depthBelowBody">1 for a child of soapenv:Body, 2 for a grandchild, and so on.</param>
public delegate bool ShellPredicate(XmlReader reader, int depthBelowBody);

public sealed partial class WsSecurityVerifier
{
    /// <summary>Text outside the shells becomes DOM strings; a legitimate skeleton holds only short values.</summary>
    private const int MaxSkeletonText = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Verifies a large message (a pulled documentResponse with attachments) without ever holding it, or a DOM of its
    /// bulk, in memory: the same profile, checks and replay memory as <see cref="VerifyAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.
    /// </summary>
    /// <remarks>
    /// Passes over the seekable stream: bytes (size, NUL, UTF-8, declared encoding, SHA-256); the streaming limits and
    /// id counts; a DOM of everything except the content of the elements <paramref name="shell"/> selects inside the
    /// Body (they stay as empty shells with their attributes); the exclusive c14n digest of the whole Body, streamed.
    /// The profile then runs on that DOM exactly as for a small message, with the streamed digest standing in for the
    /// Body's (only for the Reference whose parameters it was computed with). Header content is never shelled, so
    /// every header check sees real nodes. <see cref="VerifiedMessage.Body"/> is the skeleton Body: the caller reads
    /// shelled content again from the same bytes, which cannot have changed (the stream is the caller's own file).
    /// </remarks>
    public async ValueTask<VerificationResult> VerifyStreamingAsync(Stream message, ShellPredicate shell, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(shell);
        if (!message.CanSeek)
        {
            throw new ArgumentException("The streaming verification reads the message more than once.", nameof(message));
        }

        var now = _timeProvider.GetUtcNow();
        var outcome = await Task.Run(() => VerifyStreaming(message, shell, now, ct), ct).ConfigureAwait(false);
        return await RememberAsync(outcome, now, ct).ConfigureAwait(false);
    }

    private ReadResult<VerifiedMessage> VerifyStreaming(Stream message, ShellPredicate shell, DateTimeOffset now, CancellationToken ct)
    {
        message.Position = 0;
        if (message.Length > _options.MaxMessageBytes)
        {
            return XmlPreflight.TooLarge(_options.MaxMessageBytes);
        }

        var head = new byte[(int)Math.Min(message.Length, XmlPreflight.DoctypeWindow)];
        if (CheckBytesStreaming(message, head, out var sha256) is { } byteFailure)
        {
            return byteFailure;
        }

        ct.ThrowIfCancellationRequested();
        var nameTable = new NameTable();
        message.Position = 0;
        if (XmlPreflight.Scan(message, head, _options, nameTable, out var idCounts) is { } scanFailure)
        {
            return scanFailure;
        }

        ct.ThrowIfCancellationRequested();
        XmlDocument document;
        var hollow = new HashSet<XmlNode>(ReferenceEqualityComparer.Instance);
        try
        {
            message.Position = 0;
            using var reader = XmlReader.Create(message, StreamSettings(nameTable));
            if (BuildSkeleton(reader, nameTable, shell, hollow, out document) is { } skeletonFailure)
            {
                return skeletonFailure;
            }
        }
        catch (XmlException ex)
        {
            return FailureCatalog.Fail(R.MalformedXml, $"regel {ex.LineNumber}, positie {ex.LinePosition}");
        }

        ct.ThrowIfCancellationRequested();

        // The Body digest is streamed only after the profile has pinned the Body through the verified SignedInfo.
        return Check(document, idCounts, now, () => sha256, new StreamedBody(message, StreamSettings(nameTable), hollow, ct));
    }

    /// <summary>
    /// The message the skeleton was built from, read once more for the Body's digest with the parameters of the
    /// Reference that pinned the Body (<see cref="SignedTargets.BodyReference"/>: the same id rule as every other target).
    /// </summary>
    private sealed class StreamedBody(Stream message, XmlReaderSettings settings, IReadOnlySet<XmlNode> hollow, CancellationToken ct)
    {
        public VerificationResult? Digest(XmlElement body, XmlElement reference, out StreamingDigests digests)
        {
            ct.ThrowIfCancellationRequested();
            ReferenceParameters? parameters;
            try
            {
                parameters = ReadReference(reference);
            }
            catch (XmlException)
            {
                // Another shape than the profile allows: no digest, so the Body's Reference cannot verify.
                parameters = null;
            }

            PrecomputedDigest? digest = null;
            if (parameters is { } p)
            {
                try
                {
                    message.Position = 0;
                    using var reader = XmlReader.Create(message, settings);
                    if (MoveToBody(reader))
                    {
                        digest = new PrecomputedDigest(body, p.DigestMethod, p.Prefixes, ExclusiveC14n.DigestSubtree(reader, p.Prefixes, p.Hash));
                    }
                }
                catch (XmlException ex)
                {
                    digests = new StreamingDigests(body, null, hollow);
                    return FailureCatalog.Fail(R.MalformedXml, $"regel {ex.LineNumber}, positie {ex.LinePosition}");
                }
            }

            digests = new StreamingDigests(body, digest, hollow);
            return null;
        }
    }

    private XmlReaderSettings StreamSettings(NameTable nameTable)
    {
        var settings = XmlPreflight.CreateReaderSettings(_options.MaxMessageBytes, nameTable);
        settings.CloseInput = false;
        return settings;
    }

    /// <summary><see cref="XmlPreflight.CheckBytes"/> in chunks, hashing the bytes on the way for the replay memory.</summary>
    private VerificationResult? CheckBytesStreaming(Stream message, byte[] head, out string sha256)
    {
        sha256 = string.Empty;
        if (message.Length == 0)
        {
            return FailureCatalog.Fail(R.MessageEmpty);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = StrictUtf8.GetDecoder();
        var buffer = ArrayPool<byte>.Shared.Rent(StreamChunk);
        var chars = ArrayPool<char>.Shared.Rent(StreamChunk + 4);
        try
        {
            var offset = 0L;
            int read;
            while ((read = message.Read(buffer, 0, StreamChunk)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (offset < head.Length)
                {
                    var n = (int)Math.Min(read, head.Length - offset);
                    chunk[..n].CopyTo(head.AsSpan((int)offset));
                }

                // See CheckBytes: NUL is how UTF-16 without a BOM would pass as UTF-8.
                if (chunk.Contains((byte)0))
                {
                    return FailureCatalog.Fail(R.NotUtf8);
                }

                try
                {
                    // A stateful decoder, so a character split over two chunks is judged whole.
                    decoder.GetChars(chunk, chars, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    return FailureCatalog.Fail(R.NotUtf8);
                }

                hash.AppendData(chunk);
                offset += read;
            }

            try
            {
                decoder.GetChars([], chars, flush: true);
            }
            catch (DecoderFallbackException)
            {
                return FailureCatalog.Fail(R.NotUtf8);
            }

            if (offset > _options.MaxMessageBytes)
            {
                return XmlPreflight.TooLarge(_options.MaxMessageBytes);
            }

            var declared = XmlPreflight.DeclaredEncoding(head);
            if (declared is not null && !declared.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
            {
                return FailureCatalog.Fail(R.EncodingNotUtf8);
            }

            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// The DOM that <see cref="XmlDocument.Load(XmlReader)"/> would build (same node kinds, prefixes and attributes,
    /// whitespace kept), except that a shelled element keeps its attributes but none of its content.
    /// </summary>
    /// <param name="hollow">Receives every shell and each of its ancestors: their DOM no longer holds what was signed.</param>
    internal static VerificationResult? BuildSkeleton(XmlReader reader, NameTable nameTable, ShellPredicate shell, HashSet<XmlNode> hollow, out XmlDocument document)
    {
        var doc = new XmlDocument(nameTable) { PreserveWhitespace = true, XmlResolver = null };
        document = doc;
        XmlNode parent = doc;
        var bodyDepth = -1;
        char[]? textBuffer = null;
        var more = reader.Read();
        while (more)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                {
                    var element = doc.CreateElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    var empty = reader.IsEmptyElement;
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            var attribute = doc.CreateAttribute(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                            attribute.Value = reader.Value;
                            element.Attributes.Append(attribute);
                        }
                        while (reader.MoveToNextAttribute());

                        reader.MoveToElement();
                    }

                    parent.AppendChild(element);
                    if (bodyDepth < 0 && reader.Depth == 1 && reader.LocalName == "Body" && reader.NamespaceURI == WsNamespaces.Soap11)
                    {
                        bodyDepth = 1;
                    }

                    if (empty)
                    {
                        element.IsEmpty = true;
                    }
                    else if (bodyDepth > 0 && reader.Depth > bodyDepth && shell(reader, reader.Depth - bodyDepth))
                    {
                        XmlNode? hollowed = element;
                        while (hollowed is not null && hollow.Add(hollowed))
                        {
                            hollowed = hollowed.ParentNode;
                        }

                        // Skip leaves the reader on the node after the shell's end tag: no Read() this round.
                        reader.Skip();
                        more = !reader.EOF;
                        continue;
                    }
                    else
                    {
                        parent = element;
                    }

                    break;
                }

                case XmlNodeType.EndElement:
                    if (bodyDepth > 0 && reader.Depth == bodyDepth && parent is XmlElement { LocalName: "Body" })
                    {
                        bodyDepth = 0;
                    }

                    // An end tag closes an element the skeleton opened, so its parent exists (the document at worst).
                    parent = parent.ParentNode ?? throw new InvalidOperationException("The skeleton closed more elements than it opened.");
                    break;

                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                {
                    var kind = reader.NodeType;
                    var text = ReadBoundedText(reader, ref textBuffer);
                    if (text is null)
                    {
                        return FailureCatalog.Fail(R.MessageTooLarge, $"een tekst buiten de bijlagen is langer dan {MaxSkeletonText} tekens");
                    }

                    parent.AppendChild(kind switch
                    {
                        XmlNodeType.Text => doc.CreateTextNode(text),
                        XmlNodeType.CDATA => doc.CreateCDataSection(text),
                        XmlNodeType.Whitespace => doc.CreateWhitespace(text),
                        _ => doc.CreateSignificantWhitespace(text),
                    });
                    break;
                }

                case XmlNodeType.Comment:
                    parent.AppendChild(doc.CreateComment(reader.Value));
                    break;

                case XmlNodeType.ProcessingInstruction:
                    parent.AppendChild(doc.CreateProcessingInstruction(reader.Name, reader.Value));
                    break;

                // The XML declaration carries nothing the profile reads; DOCTYPE and entities are refused by the reader.
                default:
                    break;
            }

            more = reader.Read();
        }

        return null;
    }

    /// <summary>The value of the current text-like node, or null when it exceeds <see cref="MaxSkeletonText"/>.</summary>
    private static string? ReadBoundedText(XmlReader reader, ref char[]? buffer)
    {
        if (!reader.CanReadValueChunk)
        {
            var value = reader.Value;
            return value.Length <= MaxSkeletonText ? value : null;
        }

        buffer ??= new char[4096];
        StringBuilder? builder = null;
        string? single = null;
        int n;
        while ((n = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            if (single is null && builder is null)
            {
                single = new string(buffer, 0, n);
                continue;
            }

            builder ??= new StringBuilder(single);
            builder.Append(buffer, 0, n);
            if (builder.Length > MaxSkeletonText)
            {
                return null;
            }
        }

        return builder?.ToString() ?? single ?? string.Empty;
    }

    private static XmlElement? SkeletonBody(XmlDocument document)
    {
        for (var node = document.DocumentElement?.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement { LocalName: "Body", NamespaceURI: WsNamespaces.Soap11 } body)
            {
                return body;
            }
        }

        return null;
    }

    private static bool MoveToBody(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Body" && reader.NamespaceURI == WsNamespaces.Soap11)
            {
                return true;
            }
        }

        return false;
    }
}
