using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// The SOAP 1.1 envelope in its place: one Header then one Body, the one wsse:Security and the WS-Addressing headers
/// (To, Action and MessageID required), nothing else.
/// </summary>
internal sealed record EnvelopeParts(
    XmlElement Header,
    XmlElement Body,
    XmlElement Security,
    XmlElement To,
    XmlElement Action,
    XmlElement MessageId,
    XmlElement? From,
    XmlElement? ReplyTo,
    XmlElement? FaultTo,
    XmlElement? RelatesTo,
    IReadOnlyList<XmlElement> Addressing);

/// <summary>Reads the envelope and its header blocks (WS007: only WS-Addressing and WS-Security).</summary>
internal static class EnvelopeReader
{
    public static ReadResult<EnvelopeParts> Read(XmlDocument document)
    {
        var envelope = document.DocumentElement;
        if (envelope is null || !Is(envelope, "Envelope", NS.Soap11))
        {
            return envelope is not null && Is(envelope, "Envelope", NS.Soap12)
                ? FailureCatalog.Fail(R.SoapVersionMismatch)
                : FailureCatalog.Fail(R.NotSoap11Envelope);
        }

        XmlElement? header = null;
        XmlElement? body = null;
        for (var node = envelope.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                if (Is(element, "Header", NS.Soap11))
                {
                    if (header is not null || body is not null)
                    {
                        return FailureCatalog.Fail(R.EnvelopeStructureInvalid, body is null ? "tweede soapenv:Header" : "soapenv:Header na soapenv:Body");
                    }

                    header = element;
                }
                else if (Is(element, "Body", NS.Soap11))
                {
                    if (body is not null)
                    {
                        return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "tweede soapenv:Body");
                    }

                    body = element;
                }
                else
                {
                    return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "onverwacht element " + Describe(element));
                }
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "tekst buiten Header en Body");
            }
        }

        if (header is null)
        {
            return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "soapenv:Header ontbreekt");
        }

        if (body is null)
        {
            return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "soapenv:Body ontbreekt");
        }

        var blocks = new HeaderBlocks();
        for (var node = header.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement block)
            {
                if (blocks.Add(block) is { } failure)
                {
                    return failure;
                }
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "tekst in soapenv:Header");
            }
        }

        if (blocks.Security is null)
        {
            return FailureCatalog.Fail(R.SecurityHeaderMissing);
        }

        if (blocks.To is null)
        {
            return FailureCatalog.Fail(R.ToMissing);
        }

        if (blocks.Action is null)
        {
            return FailureCatalog.Fail(R.ActionMissing);
        }

        if (blocks.MessageId is null)
        {
            return FailureCatalog.Fail(R.MessageIdMissing);
        }

        return new EnvelopeParts(header, body, blocks.Security, blocks.To, blocks.Action, blocks.MessageId,
            blocks.From, blocks.ReplyTo, blocks.FaultTo, blocks.RelatesTo, blocks.Addressing);
    }

    /// <summary>The reader's own scratch while it walks the header; only the immutable <see cref="EnvelopeParts"/> leaves it.</summary>
    private sealed class HeaderBlocks
    {
        public XmlElement? Security;
        public XmlElement? To;
        public XmlElement? Action;
        public XmlElement? MessageId;
        public XmlElement? From;
        public XmlElement? ReplyTo;
        public XmlElement? FaultTo;
        public XmlElement? RelatesTo;
        public readonly List<XmlElement> Addressing = new(7);

        public VerificationResult? Add(XmlElement block)
        {
            if (Is(block, "Security", NS.Wsse))
            {
                return SetOnce(ref Security, block, R.DuplicateHeader);
            }

            if (block.NamespaceURI != NS.Wsa)
            {
                return FailureCatalog.Fail(R.UnknownHeader, Describe(block));
            }

            var failure = block.LocalName switch
            {
                "To" => SetOnce(ref To, block, R.DuplicateHeader),
                "Action" => SetOnce(ref Action, block, R.DuplicateHeader),
                "MessageID" => SetOnce(ref MessageId, block, R.DuplicateHeader),
                "From" => SetOnce(ref From, block, R.DuplicateHeader),
                "ReplyTo" => SetOnce(ref ReplyTo, block, R.DuplicateHeader),
                "FaultTo" => SetOnce(ref FaultTo, block, R.DuplicateHeader),
                "RelatesTo" => SetOnce(ref RelatesTo, block, R.DuplicateHeader),
                _ => FailureCatalog.Fail(R.UnknownHeader, Describe(block)),
            };
            if (failure is null)
            {
                Addressing.Add(block);
            }

            return failure;
        }
    }
}
