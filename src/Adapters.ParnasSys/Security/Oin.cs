using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Organisatie-identificatienummer (Logius OIN-stelsel): 20 positions. Most OINs are all digits, but sub-OINs
/// derived from a BRIN carry its letters (e.g. <c>0000000700025BE00000</c> in the Edukoppeling vectors), so
/// digits and upper-case letters are accepted. No prefix is stripped: PKIoverheid puts the bare (sub)OIN in
/// subject.serialNumber, and a value such as a KvK/HRN number is not an OIN and must not become one.
/// </summary>
public static class Oin
{
    public const int Length = 20;

    private const string SerialNumberOid = "2.5.4.5";

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The OIN from the subject's single serialNumber attribute, or null when absent, repeated or malformed.</summary>
    public static string? FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? found = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            // A serialNumber hidden in a multi-valued RDN is unusual enough to fail closed on.
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            if (rdn.GetSingleElementType().Value != SerialNumberOid)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = rdn.GetSingleElementValue() ?? string.Empty;
        }

        return found is not null && IsValid(found) ? found : null;
    }

    /// <summary>The <c>oin</c> query parameter of an address such as <c>https://host/path?oin=...</c>; null when absent.</summary>
    public static string? FromAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var query = address.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        var rest = address.AsSpan(query + 1);
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        string? value = null;
        foreach (var range in rest.Split('&'))
        {
            var pair = rest[range];
            if (pair.StartsWith("oin=", StringComparison.Ordinal))
            {
                if (value is not null)
                {
                    return null;
                }

                value = pair[4..].ToString();
            }
        }

        return value;
    }
}
