using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>
/// The manual asks schools to give attachments names that say what they are; names a scanner or camera made
/// (scan20230106.pdf, IMG_1234.jpg) help nobody at the samenwerkingsverband, so they earn a warning.
/// </summary>
public static partial class BestandsnaamRegels
{
    [GeneratedRegex(@"^(scan|img|image|dsc|dscn|doc|document|documenten|file|bestand|bijlage|naamloos|untitled|nieuw|new|foto|photo|pdf|afbeelding|screenshot|schermafbeelding)?[\s_\-.]*[0-9\s_\-.:()]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NietBeschrijvend();

    public static bool IsNietBeschrijvend(string bestandsnaam)
    {
        var naam = Path.GetFileNameWithoutExtension(bestandsnaam.Trim());
        return naam.Length == 0 || NietBeschrijvend().IsMatch(naam);
    }

    public static Waarschuwing Waarschuwing(string bestandsnaam) => new(WaarschuwingCodes.BestandsnaamNietBeschrijvend,
        $"De bestandsnaam '{(bestandsnaam.Length <= 80 ? bestandsnaam : bestandsnaam[..77] + "...")}' zegt niet wat het document is. Geef bijlagen een naam die de inhoud beschrijft, bijvoorbeeld 'Verslag psychologisch onderzoek 2026'.");
}
