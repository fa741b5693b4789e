using System.Globalization;
using System.Text;

namespace Hulpvraag.Core.Titels;

/// <summary>
/// Folds text for comparison: compatibility forms and diacritics to their ASCII base, dashes to '-',
/// invisible format characters dropped, lower case (invariant).
/// </summary>
/// <remarks>
/// Under <c>InvariantGlobalization</c> (common in slim containers without ICU) <see cref="string.Normalize()"/>
/// silently returns its input unchanged, and a title match must not depend on how the host was built. So NFKC plus "drop NonSpacingMark after FormD" is reproduced here
/// from tables generated with Python's <c>unicodedata</c> (Unicode 14): for every character of Latin-1,
/// Latin Extended-A/B and Latin Extended Additional whose fold is a single ASCII character. Only folds that end in
/// ASCII matter, because every fixed title is ASCII: a character that folds to anything else can never match.
/// Fullwidth ASCII and the Latin ligatures are mapped explicitly; combining marks are dropped by category,
/// which covers decomposed input ("o" + U+0308).
/// </remarks>
internal static class TekstVouwing
{
    private const char Behouden = '·';

    // Index = code point - 0x00A0. '·' (itself U+00B7, which NFKC keeps) means "keep the character".
    private const string LatijnTabel =
        " ······· ·a···· ··23 ··· 1o·····AAAAAA·CEEEEIIII·NOOOOO··UUUUY··" +
        "aaaaaa·ceeeeiiii·nooooo··uuuuy·yAaAaAaCcCcCcCcDd··EeEeEeEeEeGgGg" +
        "GgGgHh··IiIiIiIiI···JjKk·LlLlLl····NnNnNn···OoOoOo··RrRrRrSsSsSs" +
        "SsTtTt··UuUuUuUuUuUuWwYyYZzZzZzs································" +
        "Oo·············Uu····························AaIiOoUuUuUuUuUu·Aa" +
        "Aa····GgKkOoOo··j···Gg··NnAa····AaAaEeEeIiIiOoOoRrRrUuUuSsTt··Hh" +
        "······AaEeOoOoOoOoYy····························";

    // Index = code point - 0x1E00 (Latin Extended Additional: Vietnamese, Welsh, etc.).
    private const string LatijnAanvullendTabel =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm" +
        "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv" +
        "WwWwWwWwWwXxXxYyZzZzZzhtwy·s····AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe" +
        "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy······";

    private static readonly Dictionary<char, string> Meerletterig = new()
    {
        ['\u0132'] = "IJ", ['\u0133'] = "ij",
        ['\u01C4'] = "DZ", ['\u01C5'] = "Dz", ['\u01C6'] = "dz",
        ['\u01C7'] = "LJ", ['\u01C8'] = "Lj", ['\u01C9'] = "lj",
        ['\u01CA'] = "NJ", ['\u01CB'] = "Nj", ['\u01CC'] = "nj",
        ['\u01F1'] = "DZ", ['\u01F2'] = "Dz", ['\u01F3'] = "dz",
        ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl", ['\uFB03'] = "ffi", ['\uFB04'] = "ffl",
        ['\uFB05'] = "st", ['\uFB06'] = "st",
        ['\u2025'] = "..", ['\u2026'] = "...",
    };

    /// <summary>The dash variants of the spec; the soft hyphen is deliberately not one of them.</summary>
    internal static bool IsStreep(char c) =>
        c is '-' or (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D';

    /// <summary>
    /// Folds every character; white space becomes a single ' ' per character (not yet collapsed).
    /// </summary>
    internal static string Vouw(string tekst)
    {
        var uit = new StringBuilder(tekst.Length);
        foreach (var c in tekst)
        {
            if (IsStreep(c))
            {
                uit.Append('-');
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                uit.Append(' ');
                continue;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                // Invisible to whoever typed the text (soft hyphen, zero-width space, BOM): it cannot be what they meant.
                case UnicodeCategory.Format:
                case UnicodeCategory.NonSpacingMark:
                    continue;
            }

            if (Meerletterig.TryGetValue(c, out var reeks))
            {
                foreach (var r in reeks)
                {
                    uit.Append(char.ToLowerInvariant(r));
                }

                continue;
            }

            uit.Append(char.ToLowerInvariant(VouwEnkel(c)));
        }

        return uit.ToString();
    }

    private static char VouwEnkel(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            // Fullwidth ASCII sits at a fixed offset from ASCII.
            return (char)(c - 0xFEE0);
        }

        var tabelWaarde = c switch
        {
            >= '\u00A0' and < '\u0250' => LatijnTabel[c - 0x00A0],
            >= '\u1E00' and < '\u1F00' => LatijnAanvullendTabel[c - 0x1E00],
            _ => Behouden,
        };
        return tabelWaarde == Behouden ? c : tabelWaarde;
    }
}
