using System.Collections.Frozen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>
/// Recognises file names that say nothing about the content ("scan20230106.pdf", "IMG_1234.jpg"), which the manual
/// asks schools to avoid. Only ever a warning: the attachment is still accepted.
/// </summary>
public static class BestandsnaamRegels
{
    /// <summary>The manual's own advice (chapter "Nieuwe hulpvraag vanuit ParnasSys aanmaken en verzenden").</summary>
    public const string AdviesHandleiding =
        "Zorg dat de documentnaam van elke bijlage duidelijkheid geeft over de inhoud, dus wel " +
        "“OPPondertekening.pdf” en niet “scan20230106.pdf”.";

    // Words that scanners, cameras, phones and office programs put in default names, in Dutch and English. A name made
    // only of these, numbers and dates carries no information about the content.
    private static readonly FrozenSet<string> NietszeggendeWoorden = FrozenSet.Create(
        StringComparer.Ordinal,
        "scan", "scans", "scanned", "gescand", "scanner", "img", "image", "images", "afbeelding", "foto", "fotos",
        "photo", "photos", "pic", "pict", "picture", "dsc", "dscn", "dscf", "pxl", "vid", "wa", "cam", "camera",
        "document", "documents", "documenten", "doc", "docs", "docx", "bestand", "bestanden", "file", "files",
        "bijlage", "bijlagen", "attachment", "attachments", "naamloos", "untitled", "unnamed", "nieuw", "new", "kopie",
        "copy", "van", "of", "om", "at", "op", "screenshot", "schermafbeelding", "schermopname", "printscreen", "pdf", "word", "microsoft",
        "jan", "feb", "mrt", "mar", "apr", "mei", "may", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
        "januari", "februari", "maart", "april", "juni", "juli", "augustus", "september", "oktober", "november",
        "december", "january", "february", "march", "june", "july", "august", "october");

    public static bool IsNietBeschrijvend(string bestandsnaam)
    {
        ArgumentNullException.ThrowIfNull(bestandsnaam);
        var naam = LaatsteSegment(bestandsnaam).Trim();
        var punt = naam.LastIndexOf('.');
        var stam = punt > 0 ? naam[..punt] : punt == 0 ? string.Empty : naam;
        return Woorden(TekstVouwing.Vouw(stam)).All(w =>
            w.All(char.IsAsciiDigit) || NietszeggendeWoorden.Contains(w) || (w.Length == 1 && char.IsLetter(w[0])));
    }

    public static Waarschuwing Waarschuwing(string bestandsnaam) =>
        new(
            WaarschuwingCodes.BestandsnaamNietBeschrijvend,
            $"De bestandsnaam '{Citaat.VoorMelding(bestandsnaam)}' zegt niets over de inhoud van de bijlage. " +
            $"De handleiding vraagt: {AdviesHandleiding}");

    internal static string LaatsteSegment(string bestandsnaam)
    {
        var scheiding = bestandsnaam.LastIndexOfAny(['/', '\\']);
        return scheiding < 0 ? bestandsnaam : bestandsnaam[(scheiding + 1)..];
    }

    // "scan20230106" -> scan, 20230106; "IMG-20230106-WA0001" -> img, 20230106, wa, 0001.
    private static IEnumerable<string> Woorden(string gevouwen)
    {
        var begin = 0;
        for (var i = 1; i <= gevouwen.Length; i++)
        {
            var einde = i == gevouwen.Length
                || !char.IsLetterOrDigit(gevouwen[i])
                || !char.IsLetterOrDigit(gevouwen[i - 1])
                || char.IsDigit(gevouwen[i]) != char.IsDigit(gevouwen[i - 1]);
            if (!einde)
            {
                continue;
            }

            var woord = gevouwen[begin..i];
            if (woord.Length > 0 && char.IsLetterOrDigit(woord[0]))
            {
                yield return woord;
            }

            begin = i;
        }
    }
}
