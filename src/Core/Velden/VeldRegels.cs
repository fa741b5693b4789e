using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Velden;

/// <summary>
/// The one set of field rules every surface applies (Esis, OSO through the intake, the admin API): a maximum length
/// per field (text over it is refused, never cut), no control characters (NUL breaks PostgreSQL, ESC and U+0085 fool
/// terminals and logs, CR/LF in a name ends up in a header) except TAB, LF and CR in multi-line texts, a plausible
/// birth date, and a maximum number of attachments. Each refusal is VELD_ONGELDIG naming the field, the limit and the
/// rule (<see cref="Fout.Regel"/>), so a sender can act on it and a program can tell the rules apart.
/// </summary>
public static class VeldRegels
{
    public const int MaxReferentie = 64;
    public const int MaxTitel = 200;
    public const int MaxOmschrijving = 4000;
    public const int MaxNaam = 200;
    public const int MaxTussenvoegsel = 20;
    public const int MaxLeerlingId = 64;
    public const int MaxKort = 20;
    public const int MaxEmail = Adressen.EmailAdres.MaxLengte;
    public const int MaxTelefoon = 40;
    public const int MaxBestandsnaam = 255;
    public const int MaxBijlageOmschrijving = 2000;
    public const int MaxCategorie = 64;
    public const int MaxToelichting = 2000;
    public const int MaxKwalificatie = 100;
    public const int MaxStatus = 60;

    /// <summary>Attachments in one request (an Esis PUT or POST …/bijlagen, one OSO dossier).</summary>
    public const int MaxBijlagenPerAanvraag = 50;

    /// <summary>Attachments one hulpvraag can collect over all its resends and later additions.</summary>
    public const int MaxBijlagenPerHulpvraag = 200;

    /// <summary>A pupil of a primary school is younger than this (with room for late leavers and special education).</summary>
    public const int MaxLeeftijdJaren = 25;

    public const string RegelMaxLengte = "max-lengte";
    public const string RegelStuurteken = "stuurteken";
    public const string RegelDatumBereik = "datum-bereik";
    public const string RegelMaxBijlagen = "max-bijlagen";

    /// <summary>Null when the value is absent or fine; otherwise the refusal naming the field and the limit.</summary>
    public static Fout? Tekst(string? waarde, string veld, int max, bool meerdereRegels = false)
    {
        if (waarde is null)
        {
            return null;
        }

        if (waarde.Length > max)
        {
            return Weiger(veld, RegelMaxLengte, $"'{veld}' is te lang: hoogstens {max} tekens (nu {waarde.Length}). Tekst wordt niet ingekort; maak hem korter.");
        }

        foreach (var c in waarde)
        {
            if (IsStuurteken(c) && !(meerdereRegels && c is '\t' or '\n' or '\r'))
            {
                return Weiger(veld, RegelStuurteken, meerdereRegels
                    ? $"'{veld}' bevat een stuurteken; alleen tekst, tabs en regelovergangen zijn toegestaan."
                    : $"'{veld}' bevat een stuurteken of regelovergang; geef één regel tekst.");
            }
        }

        return null;
    }

    /// <summary>Adds the refusal of <see cref="Tekst"/> to <paramref name="fouten"/>, if any.</summary>
    public static void Controleer(List<Fout> fouten, string? waarde, string veld, int max, bool meerdereRegels = false)
    {
        if (Tekst(waarde, veld, max, meerdereRegels) is { } fout)
        {
            fouten.Add(fout);
        }
    }

    /// <summary>A pupil's birth date: not in the future and within the last <see cref="MaxLeeftijdJaren"/> years.</summary>
    public static Fout? Geboortedatum(DateOnly datum, DateOnly vandaag, string veld)
    {
        var vroegst = vandaag.AddYears(-MaxLeeftijdJaren);
        return datum > vandaag || datum < vroegst
            ? Weiger(veld, RegelDatumBereik,
                $"De geboortedatum {datum:yyyy-MM-dd} is niet aannemelijk voor een leerling: kies een datum tussen {vroegst:yyyy-MM-dd} en vandaag ({vandaag:yyyy-MM-dd}).")
            : null;
    }

    public static Fout TeVeelBijlagenInAanvraag(string veld, int aantal) => Weiger(veld, RegelMaxBijlagen,
        $"Er zijn {(aantal > MaxBijlagenPerAanvraag ? $"meer dan {MaxBijlagenPerAanvraag}" : aantal.ToString(System.Globalization.CultureInfo.InvariantCulture))} bijlagen meegestuurd; hoogstens {MaxBijlagenPerAanvraag} per bericht. Stuur de rest in een volgend bericht na.");

    public static Fout TeVeelBijlagenInHulpvraag(string veld, int bestaand, int nieuw) => Weiger(veld, RegelMaxBijlagen,
        $"Deze hulpvraag heeft al {bestaand} bijlagen; met {nieuw} nieuwe komt hij boven het maximum van {MaxBijlagenPerHulpvraag} bijlagen per hulpvraag. Neem contact op met de helpdesk.");

    /// <summary>C0, DEL, C1 (incl. U+0085) and the Unicode line and paragraph separators.</summary>
    public static bool IsStuurteken(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static Fout Weiger(string veld, string regel, string melding) =>
        new(FoutCodes.VeldOngeldig, veld, melding) { Regel = regel };
}
