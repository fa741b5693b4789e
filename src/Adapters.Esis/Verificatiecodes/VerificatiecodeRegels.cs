using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Adapters.Esis.Verificatiecodes;

/// <summary>
/// The code rules of the spec: starts with the school's BRIN6, 20 to 50 characters, printable ASCII without spaces.
/// Each broken rule is named, so the helpdesk can tell the school exactly what to change in Esis.
/// </summary>
public static class VerificatiecodeRegels
{
    public const int MinLengte = 20;
    public const int MaxLengte = 50;
    public const string RegelPrefix = "prefix";
    public const string RegelLengte = "lengte";
    public const string RegelTekens = "tekens";

    public static IReadOnlyList<Fout> Controleer(string? code, string brin, string vestiging)
    {
        var fouten = new List<Fout>();
        code ??= "";
        var brin6 = brin + vestiging;
        if (!code.StartsWith(brin6, StringComparison.Ordinal))
        {
            fouten.Add(Fout(RegelPrefix, $"De verificatiecode moet beginnen met het BRIN-nummer en de vestiging van de school: {brin6}."));
        }

        if (code.Length is < MinLengte or > MaxLengte)
        {
            fouten.Add(Fout(RegelLengte, $"De verificatiecode moet {MinLengte} tot {MaxLengte} tekens lang zijn; deze is {code.Length} tekens."));
        }

        if (!IsAfdrukbaarZonderSpaties(code))
        {
            fouten.Add(Fout(RegelTekens, "De verificatiecode mag alleen gewone letters, cijfers en leestekens bevatten: geen spaties, geen letters met accenten en geen andere tekens."));
        }

        return fouten;
    }

    /// <summary>Cheap shape check used before any lookup: the same test for every caller, whatever the code.</summary>
    public static bool HeeftGeldigeVorm(string? code) =>
        code is { Length: >= MinLengte and <= MaxLengte } && IsAfdrukbaarZonderSpaties(code) && Brin6(code) is not null;

    /// <summary>The BRIN6 a code claims (its first six characters) when they have the BRIN6 shape.</summary>
    public static string? Brin6(string code)
    {
        if (code.Length < 6)
        {
            return null;
        }

        var s = code.AsSpan(0, 6);
        return char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiLetterUpper(s[2]) && char.IsAsciiLetterUpper(s[3])
            && char.IsAsciiDigit(s[4]) && char.IsAsciiDigit(s[5])
            ? code[..6]
            : null;
    }

    private static bool IsAfdrukbaarZonderSpaties(string code)
    {
        foreach (var c in code)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static Fout Fout(string regel, string melding) =>
        new(FoutCodes.VeldOngeldig, "verificatiecode", melding) { Regel = regel };
}
