using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Gateway.Application;

/// <summary>
/// Limits for the free-text fields of admin bodies: a maximum length (refused, never cut) and no control characters
/// (NUL breaks PostgreSQL, ESC and U+0085 fool terminals and logs); TAB, LF and CR only in multi-line texts.
/// </summary>
public static class BeheerVelden
{
    public const int MaxToelichting = 2000;
    public const int MaxKwalificatie = 100;
    public const int MaxNaam = 200;
    public const int MaxTelefoon = 40;

    /// <summary>Null when the value is absent or fine; otherwise the refusal naming the field and the limit.</summary>
    public static Fout? Tekst(string? waarde, string veld, int max, bool meerdereRegels = false)
    {
        if (waarde is null)
        {
            return null;
        }

        if (waarde.Length > max)
        {
            return Weigeringen.VeldOngeldig(veld, $"'{veld}' is te lang: hoogstens {max} tekens (nu {waarde.Length}).");
        }

        foreach (var c in waarde)
        {
            if (IsStuurteken(c) && !(meerdereRegels && c is '\t' or '\n' or '\r'))
            {
                return Weigeringen.VeldOngeldig(veld, meerdereRegels
                    ? $"'{veld}' bevat een stuurteken; alleen tekst, tabs en regelovergangen zijn toegestaan."
                    : $"'{veld}' bevat een stuurteken of regelovergang; geef één regel tekst.");
            }
        }

        return null;
    }

    /// <summary>C0, DEL, C1 (incl. U+0085) and the Unicode line and paragraph separators.</summary>
    private static bool IsStuurteken(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
