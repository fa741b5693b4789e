using System.Globalization;
using System.Text;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Titels;

public sealed record Titel(string Code, string Weergave, string? Groep);

public sealed record TitelMatch(Titel? Gevonden, IReadOnlyList<Titel> Suggesties);

/// <summary>
/// The 22 fixed titles (aanvraagtypes) of PPO Rotterdam. A received title matches only exactly after normalisation;
/// anything else is refused with up to three suggestions, never guessed.
/// </summary>
public static class TitelCatalogus
{
    public static IReadOnlyList<Titel> Alle { get; } =
    [
        new("ambulante-begeleiding", "Ambulante Begeleiding", null),
        new("budget-inclusief-onderwijs", "Budget inclusief onderwijs", "budget"),
        new("dyslexie-vergoede-zorg", "Dyslexie -Vergoede zorg", null),
        new("gaaf", "GAAF -Leerling met ontwikkelingsvoorsprong/(hoog)begaafdheid", null),
        new("herstart-junior", "Herstart junior", "herstart-kans"),
        new("jonge-kind-advisering", "Jonge kind (3,2 - 4 jr) advisering", null),
        new("kans", "KANS", "herstart-kans"),
        new("ouderfunctionaris-inzet", "Ouderfunctionaris inzet", null),
        new("perspectief-in-praktijk", "Perspectief in Praktijk", null),
        new("preventie-scp", "Preventie SCP", null),
        new("psychodiagnostisch-onderzoek", "Psychodiagnostisch onderzoek", null),
        new("schoolbudget", "Schoolbudget individueel/groep/wijk", "budget"),
        new("stapcoach-vo", "STAPcoach VO", null),
        new("terugplaatsing", "Terugplaatsing", null),
        new("thuiszitter", "Thuiszitter", "thuiszitter"),
        new("tlv-nieuw", "TLV -Nieuw", "tlv"),
        new("tlv-verlaging-ophoging", "TLV -Verlaging/ophoging", "tlv"),
        new("tlv-verlenging", "TLV -Verlenging", "tlv"),
        new("aanvangsklas-aanvraag", "Aanvangsklas -aanvraag", null),
        new("aanvangsklas-plaatsing", "Aanvangsklas -plaatsing", null),
        new("informatieuitwisseling-overig", "Informatieuitwisseling overig", null),
        new("car-met-bestaande-tlv", "CAR met bestaande TLV", null),
    ];

    private static readonly Dictionary<string, Titel> OpNormaal = Alle.ToDictionary(t => Normaliseer(t.Weergave), StringComparer.Ordinal);
    private static readonly Dictionary<string, Titel> OpCode = Alle.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public static Titel? ZoekOpCode(string code) => OpCode.GetValueOrDefault(code);

    public static TitelMatch Zoek(string? ontvangen)
    {
        if (string.IsNullOrWhiteSpace(ontvangen))
        {
            return new TitelMatch(null, []);
        }

        var normaal = Normaliseer(ontvangen);
        if (OpNormaal.TryGetValue(normaal, out var titel))
        {
            return new TitelMatch(titel, []);
        }

        return new TitelMatch(null, Suggereer(normaal));
    }

    /// <summary>
    /// NFKC, diacritics dropped, case folded, every dash variant as '-', white space collapsed and removed around
    /// '-' and '/'. The dash stays significant: "TLV nieuw" is not "TLV -Nieuw".
    /// </summary>
    public static string Normaliseer(string tekst)
    {
        var nfkc = tekst.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation || c == '\u2212')
            {
                sb.Append('-');
            }
            else if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        var s = sb.ToString().Trim();
        return s.Replace(" -", "-", StringComparison.Ordinal).Replace("- ", "-", StringComparison.Ordinal)
            .Replace(" /", "/", StringComparison.Ordinal).Replace("/ ", "/", StringComparison.Ordinal);
    }

    public static Fout ToFout(TitelMatch match, string veld)
    {
        var suggesties = match.Suggesties.Select(t => t.Weergave).ToList();
        var melding = suggesties.Count > 0
            ? $"Deze titel staat niet in de lijst van het samenwerkingsverband. Bedoelde u: {string.Join(" of ", suggesties.Select(s => $"'{s}'"))}?"
            : "Deze titel staat niet in de lijst van het samenwerkingsverband. Kies een van de vaste titels, bijvoorbeeld 'Ambulante Begeleiding' of 'TLV -Nieuw'.";
        return new Fout(FoutCodes.TitelOnbekend, veld, melding) { Suggesties = suggesties };
    }

    /// <summary>Closest titles by edit distance on the normalised form, with dashes and slashes read as spaces.</summary>
    private static List<Titel> Suggereer(string normaal)
    {
        var kandidaat = Plat(normaal);
        return Alle
            .Select(t => (Titel: t, Score: Score(kandidaat, Plat(Normaliseer(t.Weergave)))))
            .Where(x => x.Score <= 0.5)
            .OrderBy(x => x.Score)
            .Take(3)
            .Select(x => x.Titel)
            .ToList();
    }

    private static string Plat(string s) => string.Join(' ', s.Replace('-', ' ').Replace('/', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static double Score(string a, string b)
    {
        if (a.Length >= 4 && (b.StartsWith(a, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)))
        {
            return 0.1;
        }

        return (double)Levenshtein(a, b) / Math.Max(a.Length, b.Length);
    }

    private static int Levenshtein(string a, string b)
    {
        var vorige = new int[b.Length + 1];
        var huidige = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            vorige[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            huidige[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var kosten = a[i - 1] == b[j - 1] ? 0 : 1;
                huidige[j] = Math.Min(Math.Min(huidige[j - 1] + 1, vorige[j] + 1), vorige[j - 1] + kosten);
            }

            (vorige, huidige) = (huidige, vorige);
        }

        return vorige[b.Length];
    }
}
