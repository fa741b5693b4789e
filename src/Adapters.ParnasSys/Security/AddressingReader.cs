using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>The WS-Addressing values, read from the header elements the envelope reader placed (and the signature pins).</summary>
internal sealed record AddressingValues(
    string To,
    string Action,
    string MessageId,
    string? RelatesTo,
    string? FromAddress,
    string? FromOin,
    string? ReplyToAddress);

internal static class AddressingReader
{
    private const int MaxAddressingValueLength = 2048;

    /// <param name="expectedRecipientOin">When set, wsa:To must carry <c>?oin=</c> with this value.</param>
    public static ReadResult<AddressingValues> Read(EnvelopeParts envelope, string? expectedRecipientOin)
    {
        if (ReadValue(envelope.To, out var to) is { } toFailure)
        {
            return toFailure;
        }

        if (ReadValue(envelope.Action, out var action) is { } actionFailure)
        {
            return actionFailure;
        }

        if (ReadValue(envelope.MessageId, out var messageId) is { } messageIdFailure)
        {
            return messageIdFailure;
        }

        string? relatesTo = null;
        if (envelope.RelatesTo is not null && ReadValue(envelope.RelatesTo, out relatesTo) is { } relatesFailure)
        {
            return relatesFailure;
        }

        var toOin = Oin.FromAddress(to);
        if (toOin is not null && !Oin.IsValid(toOin))
        {
            return FailureCatalog.Fail(R.AddressingValueInvalid, "de oin-parameter van wsa:To heeft niet de vorm van een OIN");
        }

        string? fromAddress = null;
        string? fromOin = null;
        if (envelope.From is not null)
        {
            if (ReadEndpointReference(envelope.From, out fromAddress) is { } fromFailure)
            {
                return fromFailure;
            }

            fromOin = Oin.FromAddress(fromAddress);
            if (fromOin is null || !Oin.IsValid(fromOin))
            {
                return FailureCatalog.Fail(R.AddressingValueInvalid, "wsa:From/wsa:Address moet de afzender aanduiden met ?oin= en een OIN van 20 posities");
            }
        }

        string? replyToAddress = null;
        if (envelope.ReplyTo is not null && ReadEndpointReference(envelope.ReplyTo, out replyToAddress) is { } replyFailure)
        {
            return replyFailure;
        }

        if (envelope.FaultTo is not null && ReadEndpointReference(envelope.FaultTo, out _) is { } faultFailure)
        {
            return faultFailure;
        }

        if (expectedRecipientOin is { } expected && !string.Equals(toOin, expected, StringComparison.Ordinal))
        {
            return FailureCatalog.Fail(R.RecipientMismatch);
        }

        return new AddressingValues(to, action, messageId, relatesTo, fromAddress, fromOin, replyToAddress);
    }

    /// <summary>The text of a header that holds only text: never empty, never longer than 2048 characters.</summary>
    /// <remarks>On a refusal <paramref name="value"/> is empty: callers stop at the first refusal and never read it.</remarks>
    private static VerificationResult? ReadValue(XmlElement header, out string value)
    {
        var text = TextValue(header);
        value = text ?? string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return FailureCatalog.Fail(R.AddressingValueInvalid, Describe(header) + " is leeg of bevat iets anders dan tekst");
        }

        return text.Length > MaxAddressingValueLength
            ? FailureCatalog.Fail(R.AddressingValueInvalid, $"{Describe(header)} is langer dan {MaxAddressingValueLength} tekens")
            : null;
    }

    private static VerificationResult? ReadEndpointReference(XmlElement reference, out string address)
    {
        address = string.Empty;
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
}
