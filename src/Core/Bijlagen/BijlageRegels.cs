using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Bijlagen;

public enum BijlageSoort
{
    Pdf,
    Jpeg,
    Png,
    Doc,
    Xls,
    Ppt,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Txt,
}

/// <summary>The attachment rules of the canonical model: 10 MiB decoded, allowed types decided by content.</summary>
public static class BijlageRegels
{
    public const long MaxGrootte = 10 * 1024 * 1024;

    private static readonly Dictionary<BijlageSoort, (string ContentType, string[] Extensies)> Soorten = new()
    {
        [BijlageSoort.Pdf] = ("application/pdf", [".pdf"]),
        [BijlageSoort.Jpeg] = ("image/jpeg", [".jpg", ".jpeg"]),
        [BijlageSoort.Png] = ("image/png", [".png"]),
        [BijlageSoort.Doc] = ("application/msword", [".doc"]),
        [BijlageSoort.Xls] = ("application/vnd.ms-excel", [".xls"]),
        [BijlageSoort.Ppt] = ("application/vnd.ms-powerpoint", [".ppt"]),
        [BijlageSoort.Docx] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
        [BijlageSoort.Xlsx] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
        [BijlageSoort.Pptx] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]),
        [BijlageSoort.Odt] = ("application/vnd.oasis.opendocument.text", [".odt"]),
        [BijlageSoort.Ods] = ("application/vnd.oasis.opendocument.spreadsheet", [".ods"]),
        [BijlageSoort.Odp] = ("application/vnd.oasis.opendocument.presentation", [".odp"]),
        [BijlageSoort.Txt] = ("text/plain; charset=utf-8", [".txt"]),
    };

    private static readonly Dictionary<string, BijlageSoort> OpExtensie = Soorten
        .SelectMany(kv => kv.Value.Extensies.Select(e => (e, kv.Key)))
        .ToDictionary(x => x.e, x => x.Key, StringComparer.OrdinalIgnoreCase);

    private const string Toegestaan = "PDF, JPG, PNG, DOC, DOCX, ODT, ODS, ODP, XLS, XLSX, TXT, PPT of PPTX";

    public static string ContentType(BijlageSoort soort) => Soorten[soort].ContentType;

    /// <summary>
    /// Refuses content that is none of the allowed types, and a name whose known extension contradicts the content
    /// (a ".pdf" that is really a PNG): the back office opens files by name.
    /// </summary>
    public static Fout? ControleerType(string bestandsnaam, string? opgegevenContentType, BijlageSoort? herkend, string veld)
    {
        if (herkend is null)
        {
            return new Fout(FoutCodes.BijlageTypeNietToegestaan, veld,
                $"De bijlage '{Kort(bestandsnaam)}' is geen toegestaan bestandstype. Toegestaan zijn {Toegestaan}. Sla het document op als PDF en stuur het opnieuw.");
        }

        var extensie = Path.GetExtension(bestandsnaam);
        if (!string.IsNullOrEmpty(extensie) && OpExtensie.TryGetValue(extensie, out var volgensNaam) && !Verenigbaar(volgensNaam, herkend.Value))
        {
            return new Fout(FoutCodes.BijlageTypeNietToegestaan, veld,
                $"De bijlage '{Kort(bestandsnaam)}' heet een {extensie.TrimStart('.').ToUpperInvariant()}-bestand, maar de inhoud is {herkend.Value.ToString().ToUpperInvariant()}. Controleer of het juiste bestand is gekozen en sla het op met de juiste extensie.");
        }

        return null;
    }

    public static Fout TeGroot(string bestandsnaam, string veld) => new(FoutCodes.BijlageTeGroot, veld,
        $"De bijlage {Kort(bestandsnaam)} is groter dan 10 MB. Vermoedelijk is het een scan; sla het document op met maximaal 300 dpi.");

    public static Fout Onleesbaar(string bestandsnaam, string veld, string reden) => new(FoutCodes.BijlageOnleesbaar, veld,
        $"De bijlage '{Kort(bestandsnaam)}' kon niet gelezen worden: {reden}. Voeg het bestand opnieuw toe.");

    private static bool Verenigbaar(BijlageSoort volgensNaam, BijlageSoort herkend) => volgensNaam == herkend;

    private static string Kort(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
