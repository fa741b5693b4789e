using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>wsse:Security: exactly one ds:Signature, one wsu:Timestamp and one X509v3 BinarySecurityToken, decoded.</summary>
internal sealed record SecurityParts(XmlElement Signature, XmlElement Timestamp, XmlElement Token, byte[] TokenBytes);

internal static class SecurityHeaderReader
{
    /// <summary>
    /// The base64 text of the BinarySecurityToken: a PKIoverheid certificate is 2-3 KB encoded, 16 KB leaves room for
    /// long extensions and line breaks.
    /// </summary>
    internal const int MaxTokenChars = 16 * 1024;

    public static ReadResult<SecurityParts> Read(XmlElement security)
    {
        XmlElement? signature = null;
        XmlElement? timestamp = null;
        XmlElement? token = null;
        for (var node = security.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                VerificationResult? failure;
                if (Is(element, "Signature", NS.Ds))
                {
                    failure = SetOnce(ref signature, element, R.SecurityStructureInvalid);
                }
                else if (Is(element, "Timestamp", NS.Wsu))
                {
                    failure = SetOnce(ref timestamp, element, R.SecurityStructureInvalid);
                }
                else if (Is(element, "BinarySecurityToken", NS.Wsse))
                {
                    failure = SetOnce(ref token, element, R.SecurityStructureInvalid);
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

        if (signature is null)
        {
            return FailureCatalog.Fail(R.SecurityStructureInvalid, "ds:Signature ontbreekt");
        }

        if (timestamp is null)
        {
            return FailureCatalog.Fail(R.TimestampMissing);
        }

        if (token is null)
        {
            return FailureCatalog.Fail(R.SecurityStructureInvalid, "wsse:BinarySecurityToken ontbreekt");
        }

        return ReadToken(token).TryGet(out var bytes, out var tokenFailure)
            ? new SecurityParts(signature, timestamp, token, bytes)
            : tokenFailure;
    }

    private static ReadResult<byte[]> ReadToken(XmlElement token)
    {
        if (token.GetAttribute("ValueType") != NS.X509v3ValueType)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "ValueType moet X509v3 zijn");
        }

        if (token.GetAttribute("EncodingType") != NS.Base64BinaryEncoding)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "EncodingType moet Base64Binary zijn");
        }

        // Measured on the raw text, before any decoding: one certificate is a few KB, and junk behind it must not cost
        // a large decode (and a certificate parse over the junk) for every message.
        if (TextLength(token) > MaxTokenChars)
        {
            return FailureCatalog.Fail(R.TokenTooLarge, $"maximaal {MaxTokenChars / 1024} KB base64");
        }

        var base64 = TextValue(token);
        if (string.IsNullOrEmpty(base64))
        {
            return FailureCatalog.Fail(R.TokenInvalid, "het token is leeg");
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "de inhoud is geen base64");
        }
    }
}
