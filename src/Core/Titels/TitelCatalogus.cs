using System.Collections.Frozen;
using System.Text;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Titels;

/// <summary>
/// The 22 fixed titles of PPO Rotterdam (spec "Fixed titles") and the matching of a received title.
/// </summary>
/// <remarks>
/// Matching is exact after <see cref="Normaliseer"/>: nothing is guessed silently. Near misses are refused with
/// suggestions so that the IB'er can correct the title in the LVS.
/// </remarks>
public static class TitelCatalogus
{
    /// <summary>
    /// Minimum similarity (0..1, see <see cref="Gelijkenis"/>) for a title to be suggested. Chosen so that a typo,
    /// a missing dash, a prefix ("Ambulant", "TLV") or a shared word still suggests, while text that shares
    /// no word and at most a few letters with any title ("xyzzy", "Hallo wereld") gets no suggestion at all.
    /// </summary>
    internal const double SuggestieDrempel = 0.6;

    private const int MaxSuggesties = 3;

    // Longer than any title by far: beyond this the input is not a title with a typo and the quadratic distance is waste.
    private const int MaxLengteVoorSuggesties = 200;

    public static IReadOnlyList<Titel> Alle { get; } =
    [
        new("ambulante-begeleiding", "Ambulante Begeleiding", null),
        new("budget-inclusief-onderwijs", "Budget inclusief onderwijs", TitelGroepen.Budget),
        new("dyslexie-vergoede-zorg", "Dyslexie -Vergoede zorg", null),
        new("gaaf", "GAAF -Leerling met ontwikkelingsvoorsprong/(hoog)begaafdheid", null),
        new("herstart-junior", "Herstart junior", TitelGroepen.HerstartKans),
        new("jonge-kind-advisering", "Jonge kind (3,2 - 4 jr) advisering", null),
        new("kans", "KANS", TitelGroepen.HerstartKans),
        new("ouderfunctionaris-inzet", "Ouderfunctionaris inzet", null),
        new("perspectief-in-praktijk", "Perspectief in Praktijk", null),
        new("preventie-scp", "Preventie SCP", null),
        new("psychodiagnostisch-onderzoek", "Psychodiagnostisch onderzoek", null),
        new("schoolbudget", "Schoolbudget individueel/groep/wijk", TitelGroepen.Budget),
        new("stapcoach-vo", "STAPcoach VO", null),
        new("terugplaatsing", "Terugplaatsing", null),
        new("thuiszitter", "Thuiszitter", TitelGroepen.Thuiszitter),
        new("tlv-nieuw", "TLV -Nieuw", TitelGroepen.Tlv),
        new("tlv-verlaging-ophoging", "TLV -Verlaging/ophoging", TitelGroepen.Tlv),
        new("tlv-verlenging", "TLV -Verlenging", TitelGroepen.Tlv),
        new("aanvangsklas-aanvraag", "Aanvangsklas -aanvraag", null),
        new("aanvangsklas-plaatsing", "Aanvangsklas -plaatsing", null),
        new("informatieuitwisseling-overig", "Informatieuitwisseling overig", null),
        new("car-met-bestaande-tlv", "CAR met bestaande TLV", null),
    ];

    private static readonly FrozenDictionary<string, Titel> PerCode =
        Alle.ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Titel> PerNormaalvorm =
        Alle.ToFrozenDictionary(t => Normaliseer(t.Weergave), StringComparer.Ordinal);

    private static readonly (Titel Titel, string Normaal, string Kaal, string[] Woorden)[] Vergelijkingsvormen =
        [.. Alle.Select(t =>
        {
            var normaal = Normaliseer(t.Weergave);
            return (t, normaal, Kaal(normaal), Woorden(normaal));
        })];

    public static Titel? ZoekOpCode(string code) => PerCode.GetValueOrDefault(code);

    /// <summary>
    /// The comparison form of a title: compatibility forms folded (NFKC-like), lower case, diacritics dropped,
    /// every dash variant as '-', white space collapsed to one space and removed around '-' and '/'.
    /// </summary>
    public static string Normaliseer(string tekst)
    {
        ArgumentNullException.ThrowIfNull(tekst);
        var gevouwen = TekstVouwing.Vouw(tekst);
        var uit = new StringBuilder(gevouwen.Length);
        var spatieOpen = false;
        foreach (var c in gevouwen)
        {
            if (c == ' ')
            {
                spatieOpen = uit.Length > 0;
                continue;
            }

            if (c is '-' or '/')
            {
                spatieOpen = false;
                uit.Append(c);
                continue;
            }

            if (spatieOpen && uit[^1] is not ('-' or '/'))
            {
                uit.Append(' ');
            }

            spatieOpen = false;
            uit.Append(c);
        }

        return uit.ToString();
    }

    public static TitelMatch Zoek(string? ontvangen)
    {
        if (ontvangen is null)
        {
            return new TitelMatch(null, null, []);
        }

        var normaal = Normaliseer(ontvangen);
        if (PerNormaalvorm.TryGetValue(normaal, out var titel))
        {
            return new TitelMatch(ontvangen, titel, []);
        }

        return new TitelMatch(ontvangen, null, Suggereer(normaal));
    }

    /// <summary>
    /// The error for a title that did not match: <c>VERPLICHT_VELD_ONTBREEKT</c> when nothing (visible) was sent,
    /// otherwise <c>TITEL_ONBEKEND</c> with the suggested display texts in <see cref="Fout.Suggesties"/>.
    /// </summary>
    public static Fout ToFout(TitelMatch match, string veld)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.IsGevonden)
        {
            throw new ArgumentException("The title matched; there is no error to report.", nameof(match));
        }

        if (match.Ontvangen is null || Normaliseer(match.Ontvangen).Length == 0)
        {
            return new Fout(
                FoutCodes.VerplichtVeldOntbreekt,
                veld,
                "De titel (het aanvraagtype) ontbreekt. Kies een van de vaste titels van PPO Rotterdam, " +
                "bijvoorbeeld 'Ambulante Begeleiding' of 'TLV -Nieuw'.");
        }

        var ontvangen = Citaat.VoorMelding(match.Ontvangen);
        var suggesties = match.Suggesties.Select(t => t.Weergave).ToList();
        var melding = suggesties.Count == 0
            ? $"De titel '{ontvangen}' staat niet in de lijst van PPO Rotterdam. Kies een van de vaste titels " +
              "(aanvraagtypes) uit de Kindkans-handleiding van PPO Rotterdam."
            : $"De titel '{ontvangen}' staat niet in de lijst van PPO Rotterdam. Bedoelde u: {Citaat.Opsomming(suggesties, "of")}?";
        return new Fout(FoutCodes.TitelOnbekend, veld, melding) { Suggesties = suggesties };
    }

    private static List<Titel> Suggereer(string normaal)
    {
        if (normaal.Length == 0 || normaal.Length > MaxLengteVoorSuggesties)
        {
            return [];
        }

        var kaal = Kaal(normaal);
        var woorden = Woorden(normaal);

        // Stable sort: equal scores keep catalogue order, so the answer never depends on chance.
        return [.. Vergelijkingsvormen
            .Select(v => (v.Titel, Score: Gelijkenis(kaal, woorden, v.Kaal, v.Woorden)))
            .Where(s => s.Score >= SuggestieDrempel)
            .OrderByDescending(s => s.Score)
            .Take(MaxSuggesties)
            .Select(s => s.Titel)];
    }

    /// <summary>
    /// Similarity 0..1 of two normalised texts: the best of edit-distance similarity on letters and digits only
    /// (so a missing dash or space costs nothing), a prefix or containment bonus, and word-by-word similarity.
    /// </summary>
    internal static double Gelijkenis(string normaalOntvangen, string normaalTitel) =>
        Gelijkenis(Kaal(normaalOntvangen), Woorden(normaalOntvangen), Kaal(normaalTitel), Woorden(normaalTitel));

    private static double Gelijkenis(string kaal, string[] woorden, string titelKaal, string[] titelWoorden)
    {
        if (kaal.Length == 0)
        {
            return 0;
        }

        var langste = Math.Max(kaal.Length, titelKaal.Length);
        var score = 1.0 - ((double)Afstand(kaal, titelKaal) / langste);

        // "Ambulant" -> "Ambulante Begeleiding", "TLV" -> the TLV titles; the longer the shared part, the better.
        if (kaal.Length >= 3 && titelKaal.StartsWith(kaal, StringComparison.Ordinal))
        {
            score = Math.Max(score, 0.75 + (0.2 * kaal.Length / titelKaal.Length));
        }
        else if (kaal.Length >= 4 && titelKaal.Contains(kaal, StringComparison.Ordinal))
        {
            score = Math.Max(score, 0.7 + (0.2 * kaal.Length / titelKaal.Length));
        }

        // "Aanvraag KANS": the whole title inside the received text.
        if (titelKaal.Length >= 4 && kaal.Contains(titelKaal, StringComparison.Ordinal))
        {
            score = Math.Max(score, 0.7 + (0.2 * titelKaal.Length / kaal.Length));
        }

        return Math.Max(score, WoordGelijkenis(woorden, titelWoorden));
    }

    // Word order and one-word typos ("Begeleiding ambulant", "psychodiagnostiek"): average best match per received word,
    // weighted a little by how much of the title those words cover.
    private static double WoordGelijkenis(string[] woorden, string[] titelWoorden)
    {
        if (woorden.Length == 0 || titelWoorden.Length == 0)
        {
            return 0;
        }

        var totaal = 0.0;
        var gedekt = new HashSet<int>();
        foreach (var woord in woorden)
        {
            var beste = 0.0;
            var besteIndex = -1;
            for (var i = 0; i < titelWoorden.Length; i++)
            {
                var titelWoord = titelWoorden[i];
                double s;
                if (woord == titelWoord)
                {
                    s = 1.0;
                }
                else if (woord.Length >= 3 && titelWoord.StartsWith(woord, StringComparison.Ordinal))
                {
                    s = 0.9;
                }
                else
                {
                    s = 1.0 - ((double)Afstand(woord, titelWoord) / Math.Max(woord.Length, titelWoord.Length));
                    if (s < 0.75)
                    {
                        s = 0;
                    }
                }

                if (s > beste)
                {
                    beste = s;
                    besteIndex = i;
                }
            }

            totaal += beste;
            if (besteIndex >= 0)
            {
                gedekt.Add(besteIndex);
            }
        }

        var dekking = (double)gedekt.Count / titelWoorden.Length;
        return 0.85 * (totaal / woorden.Length) * (0.8 + (0.2 * dekking));
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    internal static int Afstand(string a, string b)
    {
        var vorigeVorige = new int[b.Length + 1];
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
                var waarde = Math.Min(Math.Min(vorige[j] + 1, huidige[j - 1] + 1), vorige[j - 1] + kosten);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    waarde = Math.Min(waarde, vorigeVorige[j - 2] + 1);
                }

                huidige[j] = waarde;
            }

            (vorigeVorige, vorige, huidige) = (vorige, huidige, vorigeVorige);
        }

        return vorige[b.Length];
    }

    private static string Kaal(string normaal) => string.Concat(normaal.Where(char.IsLetterOrDigit));

    private static string[] Woorden(string normaal) =>
        normaal.Split([' ', '-', '/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
}
