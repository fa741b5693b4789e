namespace Hulpvraag.Core.Adressen;

/// <summary>
/// The one rule for an e-mail address, used by intake, registrations and the personeelswissel alike: a plain
/// <c>local@domein.tld</c> of at most 254 characters. It refuses what would end up in a mail header as something else
/// (CR, LF and other control characters, a second <c>@</c>, spaces, angle brackets, commas) and words like "geen".
/// </summary>
public static class EmailAdres
{
    public const int MaxLengte = 254;
    private const int MaxLokaal = 64;

    public static bool IsGeldig(string? waarde)
    {
        if (string.IsNullOrEmpty(waarde) || waarde.Length > MaxLengte)
        {
            return false;
        }

        var at = waarde.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at > MaxLokaal || at != waarde.LastIndexOf('@') || at == waarde.Length - 1)
        {
            return false;
        }

        var lokaal = waarde.AsSpan(0, at);
        var domein = waarde.AsSpan(at + 1);
        return IsLokaalDeel(lokaal) && IsDomein(domein);
    }

    /// <summary>Refusal text for a field holding an address; the same wording everywhere.</summary>
    public static string Melding(string veldnaam) =>
        $"Het e-mailadres in '{veldnaam}' is ongeldig. Geef één adres zoals naam@school.nl (zonder spaties, hoogstens {MaxLengte} tekens).";

    private static bool IsLokaalDeel(ReadOnlySpan<char> lokaal)
    {
        if (lokaal[0] == '.' || lokaal[^1] == '.' || lokaal.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in lokaal)
        {
            // The "atext" of RFC 5322 plus the dot; no quoted local parts (no school needs them, and they hide CRLF).
            if (!(char.IsLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomein(ReadOnlySpan<char> domein)
    {
        if (domein.Length > 253 || !domein.Contains('.'))
        {
            return false;
        }

        var labels = 0;
        foreach (var bereik in domein.Split('.'))
        {
            var label = domein[bereik];
            labels++;
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        // The top-level domain holds letters only (no "school.123", no IP addresses written as a domain).
        var tld = domein[(domein.LastIndexOf('.') + 1)..];
        foreach (var c in tld)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return labels >= 2;
    }
}
