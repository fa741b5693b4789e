using System.Globalization;
using System.Text;
using System.Xml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>The structural half of the profile: which element sits where, and which algorithms are allowed.</summary>
public sealed partial class WsSecurityVerifier
{
    private const int MaxReferences = 10;
    private const int MaxTransformsPerReference = 2;

    /// <summary>
    /// The base64 text of the BinarySecurityToken: a PKIoverheid certificate is 2-3 KB encoded, 16 KB leaves room for
    /// long extensions and line breaks.
    /// </summary>
    internal const int MaxTokenChars = 16 * 1024;

    private sealed class Parts
    {
        public XmlElement? Header;
        public XmlElement? Body;
        public XmlElement? Security;
        public XmlElement? Signature;
        public XmlElement? KeyInfo;
        public XmlElement? Timestamp;
        public XmlElement? Token;
        public XmlElement? To;
        public XmlElement? Action;
        public XmlElement? MessageId;
        public XmlElement? From;
        public XmlElement? ReplyTo;
        public XmlElement? FaultTo;
        public XmlElement? RelatesTo;

        /// <summary>The ds:Reference of the verified SignedInfo that pinned the Body (the streamed digest follows it).</summary>
        public XmlElement? BodyReference;
        public readonly List<XmlElement> Addressing = new(7);
        public readonly List<(string Id, XmlElement Reference)> References = new(8);
        public readonly Dictionary<string, XmlElement> Targets = new(StringComparer.Ordinal);
        public string? ToValue;
        public string? ActionValue;
        public string? MessageIdValue;
        public string? RelatesToValue;
        public string? FromAddress;
        public string? FromOin;
        public string? ReplyToAddress;
        public DateTimeOffset Created;
        public DateTimeOffset? Expires;
        public byte[]? TokenBytes;
    }

    private static VerificationResult? ReadEnvelope(XmlDocument document, Parts parts)
    {
        var envelope = document.DocumentElement;
        if (envelope is null || !Is(envelope, "Envelope", NS.Soap11))
        {
            return envelope is not null && Is(envelope, "Envelope", NS.Soap12)
                ? FailureCatalog.Fail(R.SoapVersionMismatch)
                : FailureCatalog.Fail(R.NotSoap11Envelope);
        }

        for (var node = envelope.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                if (Is(element, "Header", NS.Soap11))
                {
                    if (parts.Header is not null || parts.Body is not null)
                    {
                        return FailureCatalog.Fail(R.EnvelopeStructureInvalid, parts.Body is null ? "tweede soapenv:Header" : "soapenv:Header na soapenv:Body");
                    }

                    parts.Header = element;
                }
                else if (Is(element, "Body", NS.Soap11))
                {
                    if (parts.Body is not null)
                    {
                        return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "tweede soapenv:Body");
                    }

                    parts.Body = element;
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

        if (parts.Header is null)
        {
            return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "soapenv:Header ontbreekt");
        }

        if (parts.Body is null)
        {
            return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "soapenv:Body ontbreekt");
        }

        for (var node = parts.Header.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement block)
            {
                if (ReadHeaderBlock(block, parts) is { } failure)
                {
                    return failure;
                }
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.EnvelopeStructureInvalid, "tekst in soapenv:Header");
            }
        }

        if (parts.Security is null)
        {
            return FailureCatalog.Fail(R.SecurityHeaderMissing);
        }

        if (parts.To is null)
        {
            return FailureCatalog.Fail(R.ToMissing);
        }

        if (parts.Action is null)
        {
            return FailureCatalog.Fail(R.ActionMissing);
        }

        return parts.MessageId is null ? FailureCatalog.Fail(R.MessageIdMissing) : null;
    }

    private static VerificationResult? ReadHeaderBlock(XmlElement block, Parts parts)
    {
        if (Is(block, "Security", NS.Wsse))
        {
            return SetOnce(ref parts.Security, block, R.DuplicateHeader);
        }

        if (block.NamespaceURI != NS.Wsa)
        {
            return FailureCatalog.Fail(R.UnknownHeader, Describe(block));
        }

        var failure = block.LocalName switch
        {
            "To" => SetOnce(ref parts.To, block, R.DuplicateHeader),
            "Action" => SetOnce(ref parts.Action, block, R.DuplicateHeader),
            "MessageID" => SetOnce(ref parts.MessageId, block, R.DuplicateHeader),
            "From" => SetOnce(ref parts.From, block, R.DuplicateHeader),
            "ReplyTo" => SetOnce(ref parts.ReplyTo, block, R.DuplicateHeader),
            "FaultTo" => SetOnce(ref parts.FaultTo, block, R.DuplicateHeader),
            "RelatesTo" => SetOnce(ref parts.RelatesTo, block, R.DuplicateHeader),
            _ => FailureCatalog.Fail(R.UnknownHeader, Describe(block)),
        };
        if (failure is null)
        {
            parts.Addressing.Add(block);
        }

        return failure;
    }

    private static VerificationResult? ReadSecurity(Parts parts)
    {
        for (var node = parts.Security!.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                VerificationResult? failure;
                if (Is(element, "Signature", NS.Ds))
                {
                    failure = SetOnce(ref parts.Signature, element, R.SecurityStructureInvalid);
                }
                else if (Is(element, "Timestamp", NS.Wsu))
                {
                    failure = SetOnce(ref parts.Timestamp, element, R.SecurityStructureInvalid);
                }
                else if (Is(element, "BinarySecurityToken", NS.Wsse))
                {
                    failure = SetOnce(ref parts.Token, element, R.SecurityStructureInvalid);
                }
                else
                {
                    failure = FailureCatalog.Fail(R.SecurityStructureInvalid, "onverwacht element " + Describe(element));
                }

                if (failure is not null)
                {
                    return failure;
                }
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.SecurityStructureInvalid, "tekst in wsse:Security");
            }
        }

        if (parts.Signature is null)
        {
            return FailureCatalog.Fail(R.SecurityStructureInvalid, "ds:Signature ontbreekt");
        }

        if (parts.Timestamp is null)
        {
            return FailureCatalog.Fail(R.TimestampMissing);
        }

        if (parts.Token is null)
        {
            return FailureCatalog.Fail(R.SecurityStructureInvalid, "wsse:BinarySecurityToken ontbreekt");
        }

        if (parts.Token.GetAttribute("ValueType") != NS.X509v3ValueType)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "ValueType moet X509v3 zijn");
        }

        if (parts.Token.GetAttribute("EncodingType") != NS.Base64BinaryEncoding)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "EncodingType moet Base64Binary zijn");
        }

        // Measured on the raw text, before any decoding: one certificate is a few KB, and junk behind it must not cost
        // a large decode (and a certificate parse over the junk) for every message.
        if (TextLength(parts.Token) > MaxTokenChars)
        {
            return FailureCatalog.Fail(R.TokenTooLarge, $"maximaal {MaxTokenChars / 1024} KB base64");
        }

        var base64 = TextValue(parts.Token);
        if (string.IsNullOrEmpty(base64))
        {
            return FailureCatalog.Fail(R.TokenInvalid, "het token is leeg");
        }

        try
        {
            parts.TokenBytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "de inhoud is geen base64");
        }

        return null;
    }

    private VerificationResult? ReadAddressing(Parts parts)
    {
        if ((ReadValue(parts.To!, out parts.ToValue) ?? ReadValue(parts.Action!, out parts.ActionValue)
            ?? ReadValue(parts.MessageId!, out parts.MessageIdValue)) is { } failure)
        {
            return failure;
        }

        if (parts.RelatesTo is not null && ReadValue(parts.RelatesTo, out parts.RelatesToValue) is { } relatesFailure)
        {
            return relatesFailure;
        }

        var toOin = Oin.FromAddress(parts.ToValue!);
        if (toOin is not null && !Oin.IsValid(toOin))
        {
            return FailureCatalog.Fail(R.AddressingValueInvalid, "de oin-parameter van wsa:To heeft niet de vorm van een OIN");
        }

        if (parts.From is not null)
        {
            if (ReadEndpointReference(parts.From, out parts.FromAddress) is { } fromFailure)
            {
                return fromFailure;
            }

            parts.FromOin = Oin.FromAddress(parts.FromAddress!);
            if (parts.FromOin is null || !Oin.IsValid(parts.FromOin))
            {
                return FailureCatalog.Fail(R.AddressingValueInvalid, "wsa:From/wsa:Address moet de afzender aanduiden met ?oin= en een OIN van 20 posities");
            }
        }

        if (parts.ReplyTo is not null && ReadEndpointReference(parts.ReplyTo, out parts.ReplyToAddress) is { } replyFailure)
        {
            return replyFailure;
        }

        if (parts.FaultTo is not null && ReadEndpointReference(parts.FaultTo, out _) is { } faultFailure)
        {
            return faultFailure;
        }

        if (_options.ExpectedRecipientOin is { } expected && !string.Equals(toOin, expected, StringComparison.Ordinal))
        {
            return FailureCatalog.Fail(R.RecipientMismatch);
        }

        return null;
    }

    private static VerificationResult? ReadValue(XmlElement header, out string? value)
    {
        value = TextValue(header);
        if (string.IsNullOrEmpty(value))
        {
            return FailureCatalog.Fail(R.AddressingValueInvalid, Describe(header) + " is leeg of bevat iets anders dan tekst");
        }

        return value.Length > MaxAddressingValueLength
            ? FailureCatalog.Fail(R.AddressingValueInvalid, $"{Describe(header)} is langer dan {MaxAddressingValueLength} tekens")
            : null;
    }

    private static VerificationResult? ReadEndpointReference(XmlElement reference, out string? address)
    {
        address = null;
        XmlElement? addressElement = null;
        for (var node = reference.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement child)
            {
                if (Is(child, "Address", NS.Wsa) && addressElement is null)
                {
                    addressElement = child;
                }
                else if (!(child.NamespaceURI == NS.Wsa && child.LocalName is "ReferenceParameters" or "Metadata"))
                {
                    return FailureCatalog.Fail(R.AddressingValueInvalid, $"{Describe(reference)} bevat onverwacht element {Describe(child)}");
                }
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.AddressingValueInvalid, Describe(reference) + " bevat losse tekst");
            }
        }

        if (addressElement is null)
        {
            return FailureCatalog.Fail(R.AddressingValueInvalid, Describe(reference) + " mist wsa:Address");
        }

        return ReadValue(addressElement, out address);
    }

    private static VerificationResult? CheckSignatureProfile(Parts parts)
    {
        if (ChildElements(parts.Signature!, out var children) is { } textFailure)
        {
            return textFailure;
        }

        if (children.Count < 1 || !Is(children[0], "SignedInfo", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignedInfo ontbreekt of staat niet vooraan");
        }

        if (children.Count < 2 || !Is(children[1], "SignatureValue", NS.Ds) || HasChildElements(children[1]))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignatureValue ontbreekt of staat niet na ds:SignedInfo");
        }

        if (children.Count < 3 || !Is(children[2], "KeyInfo", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:KeyInfo ontbreekt of staat niet na ds:SignatureValue");
        }

        if (children.Count > 3)
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(children[3]) + " is niet toegestaan in ds:Signature");
        }

        parts.KeyInfo = children[2];
        if (ChildElements(children[0], out var signedInfo) is { } signedInfoText)
        {
            return signedInfoText;
        }

        if (signedInfo.Count < 1 || !Is(signedInfo[0], "CanonicalizationMethod", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:CanonicalizationMethod ontbreekt");
        }

        var c14n = signedInfo[0].GetAttribute("Algorithm");
        if (c14n != NS.ExcC14n)
        {
            return FailureCatalog.Fail(R.CanonicalizationNotAllowed, "gevonden: " + AlgorithmName(c14n));
        }

        if (!HasOnlyInclusiveNamespaces(signedInfo[0]))
        {
            return FailureCatalog.Fail(R.CanonicalizationNotAllowed, "alleen ec:InclusiveNamespaces met PrefixList is toegestaan als inhoud");
        }

        if (signedInfo.Count < 2 || !Is(signedInfo[1], "SignatureMethod", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignatureMethod ontbreekt");
        }

        var signatureMethod = signedInfo[1].GetAttribute("Algorithm");
        if (signatureMethod is not (NS.RsaSha256 or NS.RsaSha384 or NS.RsaSha512))
        {
            return FailureCatalog.Fail(R.SignatureMethodNotAllowed, "gevonden: " + AlgorithmName(signatureMethod));
        }

        if (HasChildElements(signedInfo[1]))
        {
            return FailureCatalog.Fail(R.SignatureMethodNotAllowed, "ds:SignatureMethod mag geen inhoud hebben");
        }

        for (var i = 2; i < signedInfo.Count; i++)
        {
            if (!Is(signedInfo[i], "Reference", NS.Ds))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(signedInfo[i]) + " is niet toegestaan in ds:SignedInfo");
            }
        }

        var referenceCount = signedInfo.Count - 2;
        if (referenceCount == 0)
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignedInfo bevat geen ds:Reference");
        }

        if (referenceCount > MaxReferences)
        {
            return FailureCatalog.Fail(R.TooManyReferences);
        }

        for (var i = 2; i < signedInfo.Count; i++)
        {
            if (CheckReference(signedInfo[i], parts) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static VerificationResult? CheckReference(XmlElement reference, Parts parts)
    {
        var uri = reference.GetAttributeNode("URI");
        if (uri is null || !TryLocalId(uri.Value, out var id))
        {
            return FailureCatalog.Fail(R.ReferenceUriInvalid);
        }

        if (ChildElements(reference, out var children) is { } textFailure)
        {
            return textFailure;
        }

        if (children.Count < 1 || !Is(children[0], "Transforms", NS.Ds))
        {
            return FailureCatalog.Fail(R.TransformCountInvalid, "ds:Transforms ontbreekt");
        }

        if (children.Count != 3 || !Is(children[1], "DigestMethod", NS.Ds) || !Is(children[2], "DigestValue", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:Reference moet precies ds:Transforms, ds:DigestMethod en ds:DigestValue bevatten");
        }

        if (ChildElements(children[0], out var transforms) is { } transformsText)
        {
            return transformsText;
        }

        if (transforms.Count is < 1 or > MaxTransformsPerReference)
        {
            return FailureCatalog.Fail(R.TransformCountInvalid, $"gevonden: {transforms.Count}");
        }

        foreach (var transform in transforms)
        {
            if (!Is(transform, "Transform", NS.Ds))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(transform) + " is niet toegestaan in ds:Transforms");
            }

            var algorithm = transform.GetAttribute("Algorithm");
            if (algorithm != NS.ExcC14n)
            {
                return FailureCatalog.Fail(R.TransformNotAllowed, "gevonden: " + AlgorithmName(algorithm));
            }

            if (!HasOnlyInclusiveNamespaces(transform))
            {
                return FailureCatalog.Fail(R.TransformNotAllowed, "alleen ec:InclusiveNamespaces met PrefixList is toegestaan als inhoud");
            }
        }

        var digest = children[1].GetAttribute("Algorithm");
        if (digest is not (NS.Sha256 or NS.Sha384 or NS.Sha512) || HasChildElements(children[1]))
        {
            return FailureCatalog.Fail(R.DigestMethodNotAllowed, "gevonden: " + AlgorithmName(digest));
        }

        if (HasChildElements(children[2]))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:DigestValue mag alleen tekst bevatten");
        }

        parts.References.Add((id, reference));
        return null;
    }

    /// <summary>
    /// Each reference must name an id that occurs exactly once in the whole document, carried by exactly the
    /// element the profile expects in exactly its place; the result pins SignedXml to those nodes.
    /// </summary>
    private static VerificationResult? ResolveReferences(Parts parts, Dictionary<string, int> idCounts)
    {
        // Small fixed set: a linear scan beats building a dictionary.
        var candidates = new List<(XmlElement Element, string Name, bool Required)>(parts.Addressing.Count + 3)
        {
            (parts.Body!, "soapenv:Body", true),
            (parts.Timestamp!, "wsu:Timestamp", true),
            (parts.Token!, "wsse:BinarySecurityToken", false),
        };
        foreach (var header in parts.Addressing)
        {
            candidates.Add((header, Describe(header), true));
        }

        var covered = new bool[candidates.Count];
        foreach (var (id, reference) in parts.References)
        {
            var occurrences = idCounts.GetValueOrDefault(id);
            if (occurrences == 0)
            {
                return FailureCatalog.Fail(R.ReferenceTargetNotFound);
            }

            if (occurrences > 1)
            {
                return FailureCatalog.Fail(R.DuplicateId);
            }

            var index = candidates.FindIndex(c => HasId(c.Element, id));
            if (index < 0)
            {
                // The id is in place but in another attribute: say which rule refused it (profile: wsu:Id only).
                return candidates.Exists(c => HasOtherId(c.Element, id))
                    ? FailureCatalog.Fail(R.SignedPartIdNotWsuId)
                    : FailureCatalog.Fail(R.ReferenceTargetMisplaced);
            }

            if (covered[index])
            {
                return FailureCatalog.Fail(R.DuplicateReference);
            }

            covered[index] = true;
            parts.Targets[id] = candidates[index].Element;
            if (index == 0)
            {
                parts.BodyReference = reference;
            }
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Required && !covered[i])
            {
                return FailureCatalog.Fail(R.RequiredPartNotSigned, candidates[i].Name + " heeft geen eigen ds:Reference");
            }
        }

        return null;
    }

    private static VerificationResult? CheckKeyInfo(Parts parts, Dictionary<string, int> idCounts)
    {
        if (ChildElements(parts.KeyInfo!, out var keyInfo) is not null
            || keyInfo.Count != 1 || !Is(keyInfo[0], "SecurityTokenReference", NS.Wsse)
            || ChildElements(keyInfo[0], out var str) is not null
            || str.Count != 1 || !Is(str[0], "Reference", NS.Wsse) || HasChildElements(str[0]))
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        var valueType = str[0].GetAttributeNode("ValueType");
        if (valueType is not null && valueType.Value != NS.X509v3ValueType)
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        if (!TryLocalId(str[0].GetAttribute("URI"), out var id) || idCounts.GetValueOrDefault(id) != 1 || !HasId(parts.Token!, id))
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        return null;
    }

    private static VerificationResult? ReadTimestamp(Parts parts)
    {
        if (ChildElements(parts.Timestamp!, out var children) is not null
            || children.Count is < 1 or > 2
            || !Is(children[0], "Created", NS.Wsu)
            || (children.Count == 2 && !Is(children[1], "Expires", NS.Wsu)))
        {
            return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Timestamp moet precies wsu:Created en hooguit wsu:Expires bevatten");
        }

        if (!TryParseUtc(TextValue(children[0]), out parts.Created))
        {
            return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Created moet een xsd:dateTime in UTC zijn (eindigend op Z)");
        }

        if (children.Count == 2)
        {
            if (!TryParseUtc(TextValue(children[1]), out var expires))
            {
                return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Expires moet een xsd:dateTime in UTC zijn (eindigend op Z)");
            }

            if (expires <= parts.Created)
            {
                return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Expires ligt niet na wsu:Created");
            }

            parts.Expires = expires;
        }

        return null;
    }

    private VerificationResult? CheckTimestampWindow(Parts parts, DateTimeOffset now)
    {
        var skew = _options.ClockSkew;
        if (parts.Created > now + skew)
        {
            return FailureCatalog.Fail(R.TimestampInFuture, $"toegestaan is {skew.TotalSeconds:0} s klokafwijking");
        }

        if (now > parts.Created + _options.MessageTtl + skew)
        {
            return FailureCatalog.Fail(R.TimestampExpired, $"maximaal {_options.MessageTtl.TotalSeconds:0} s plus {skew.TotalSeconds:0} s klokafwijking");
        }

        return parts.Expires is { } expires && now > expires + skew ? FailureCatalog.Fail(R.TimestampExpiresPassed) : null;
    }

    /// <summary>xsd:dateTime restricted to UTC with 'Z' (WS-I BSP R3217); up to 9 fraction digits, truncated to ticks.</summary>
    internal static bool TryParseUtc(string? text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.Length < 20 || s[^1] != 'Z'
            || !DateTime.TryParseExact(s[..19], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var wholeSeconds))
        {
            return false;
        }

        var fraction = s[19..^1];
        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length is < 2 or > 10)
            {
                return false;
            }

            var digits = fraction[1..];
            long scale = TimeSpan.TicksPerSecond;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                scale /= 10;
                ticks += (c - '0') * scale;
            }
        }

        value = new DateTimeOffset(wholeSeconds.Ticks + ticks, TimeSpan.Zero);
        return true;
    }

    private static VerificationResult? SetOnce(ref XmlElement? slot, XmlElement element, string reason)
    {
        if (slot is not null)
        {
            return FailureCatalog.Fail(reason, "tweede " + Describe(element));
        }

        slot = element;
        return null;
    }

    private static bool Is(XmlElement element, string localName, string namespaceUri) =>
        element.LocalName == localName && element.NamespaceURI == namespaceUri;

    private static bool IsNonWhitespaceText(XmlNode node) =>
        node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(node.Value);

    private static bool HasChildElements(XmlElement element)
    {
        for (var node = element.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }

        return false;
    }

    private static VerificationResult? ChildElements(XmlElement parent, out List<XmlElement> children)
    {
        children = new List<XmlElement>(4);
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                children.Add(element);
            }
            else if (IsNonWhitespaceText(node))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, "losse tekst in " + Describe(parent));
            }
        }

        return null;
    }

    /// <summary>The length of all text directly in <paramref name="element"/>, without building it.</summary>
    private static long TextLength(XmlElement element)
    {
        long length = 0;
        for (var node = element.FirstChild; node is not null; node = node.NextSibling)
        {
            length += node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                ? node.Value!.Length
                : 0;
        }

        return length;
    }

    /// <summary>
    /// The concatenated text of an element that holds only text. Comments and elements make it null: exclusive
    /// c14n drops comments from the digest, so a value split by a comment would read differently than it was signed.
    /// </summary>
    private static string? TextValue(XmlElement element)
    {
        var first = element.FirstChild;
        if (first is null)
        {
            return string.Empty;
        }

        if (first.NextSibling is null && first.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            return first.Value!.Trim();
        }

        var builder = new StringBuilder();
        for (var node = first; node is not null; node = node.NextSibling)
        {
            if (node.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                return null;
            }

            builder.Append(node.Value);
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// The one id rule for signed parts and the token: wsu:Id, as Edukoppeling puts on the Body and every signed header.
    /// Accepting Id/ID/xml:id as well would give each element several names, and every other lookup (the streamed Body
    /// digest, xmlsec1's --id-attr, a WSS4J sender) would have to agree on all of them; issue 8 was such a disagreement.
    /// </summary>
    private static bool HasId(XmlElement element, string id) => element.GetAttribute("Id", NS.Wsu) == id;

    /// <summary>Id forms other processors honour and the profile refuses on a signed part (only to name the refusal).</summary>
    private static bool HasOtherId(XmlElement element, string id) =>
        element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id", NS.Xml) == id;

    /// <summary>Accepts only '#' followed by an NCName: no empty, external, relative or XPointer URIs.</summary>
    private static bool TryLocalId(string uri, out string id)
    {
        id = string.Empty;
        if (uri.Length < 2 || uri[0] != '#')
        {
            return false;
        }

        var candidate = uri.AsSpan(1);
        if (!XmlConvert.IsStartNCNameChar(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!XmlConvert.IsNCNameChar(c))
            {
                return false;
            }
        }

        id = candidate.ToString();
        return true;
    }

    private static bool HasOnlyInclusiveNamespaces(XmlElement parent)
    {
        var seen = false;
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                if (seen || !Is(element, "InclusiveNamespaces", NS.ExcC14n) || element.GetAttributeNode("PrefixList") is null || element.HasChildNodes)
                {
                    return false;
                }

                seen = true;
            }
            else if (IsNonWhitespaceText(node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short name for the fault text, so an element name never carries a foreign namespace URI or long content.</summary>
    private static string Describe(XmlElement element)
    {
        var prefix = element.NamespaceURI switch
        {
            NS.Soap11 => "soapenv:",
            NS.Wsa => "wsa:",
            NS.Wsse => "wsse:",
            NS.Wsu => "wsu:",
            NS.Ds => "ds:",
            NS.ExcC14n => "ec:",
            _ => null,
        };
        var local = element.LocalName.Length > 40 ? element.LocalName[..40] + "…" : element.LocalName;
        return prefix is null ? $"'{local}' (andere namespace)" : prefix + local;
    }

    private static string AlgorithmName(string algorithm) => algorithm switch
    {
        "" => "geen Algorithm",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => "rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1" => "dsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1" => "hmac-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" => "hmac-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384" => "hmac-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512" => "hmac-sha512",
        "http://www.w3.org/2000/09/xmldsig#sha1" => "sha1",
        "http://www.w3.org/2001/04/xmldsig-more#md5" => "md5",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" => "inclusive c14n",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments" => "inclusive c14n met comments",
        "http://www.w3.org/2006/12/xml-c14n11" => "c14n 1.1",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments" => "exclusive c14n met comments",
        "http://www.w3.org/TR/1999/REC-xpath-19991116" => "XPath",
        "http://www.w3.org/2002/06/xmldsig-filter2" => "XPath Filter 2.0",
        "http://www.w3.org/TR/1999/REC-xslt-19991116" => "XSLT",
        "http://www.w3.org/2002/07/decrypt#XML" => "decrypt",
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature" => "enveloped-signature",
        "http://www.w3.org/2000/09/xmldsig#base64" => "base64",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#STR-Transform" => "STR-Transform",
        _ => "onbekend algoritme",
    };
}
