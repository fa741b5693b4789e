using System.Collections.Frozen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Bijlagen;

/// <summary>Size and type rules for attachments, and their Dutch error texts.</summary>
public static class BijlageRegels
{
    /// <summary>10 MiB per attachment after decoding (spec "Canonical hulpvraag").</summary>
    public const long MaxGrootte = 10 * 1024 * 1024;

    /// <summary>The allowed types as a school knows them, for error texts.</summary>
    public const string ToegestaneTypesTekst = "PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP en TXT";

    private static readonly FrozenDictionary<BijlageSoort, (string ContentType, string[] Extensies, string Omschrijving)> Info =
        new Dictionary<BijlageSoort, (string, string[], string)>
        {
            [BijlageSoort.Pdf] = ("application/pdf", [".pdf"], "een PDF-document"),
            [BijlageSoort.Jpeg] = ("image/jpeg", [".jpg", ".jpeg", ".jpe", ".jfif"], "een JPG-afbeelding"),
            [BijlageSoort.Png] = ("image/png", [".png"], "een PNG-afbeelding"),
            [BijlageSoort.Doc] = ("application/msword", [".doc", ".dot"], "een Word-document (DOC)"),
            [BijlageSoort.Xls] = ("application/vnd.ms-excel", [".xls", ".xlt"], "een Excel-werkmap (XLS)"),
            [BijlageSoort.Ppt] = ("application/vnd.ms-powerpoint", [".ppt", ".pps", ".pot"], "een PowerPoint-presentatie (PPT)"),
            [BijlageSoort.Docx] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], "een Word-document (DOCX)"),
            [BijlageSoort.Xlsx] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], "een Excel-werkmap (XLSX)"),
            [BijlageSoort.Pptx] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx", ".ppsx"], "een PowerPoint-presentatie (PPTX)"),
            [BijlageSoort.Odt] = ("application/vnd.oasis.opendocument.text", [".odt"], "een OpenDocument-tekst (ODT)"),
            [BijlageSoort.Ods] = ("application/vnd.oasis.opendocument.spreadsheet", [".ods"], "een OpenDocument-rekenblad (ODS)"),
            [BijlageSoort.Odp] = ("application/vnd.oasis.opendocument.presentation", [".odp"], "een OpenDocument-presentatie (ODP)"),
            [BijlageSoort.Txt] = ("text/plain; charset=utf-8", [".txt", ".text"], "platte tekst (TXT)"),
        }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, BijlageSoort> PerExtensie =
        Info.SelectMany(i => i.Value.Extensies.Select(e => (Extensie: e, Soort: i.Key)))
            .ToFrozenDictionary(x => x.Extensie, x => x.Soort, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, BijlageSoort> PerContentType =
        Info.Select(i => (i.Value.ContentType.Split(';')[0], i.Key))
            .Concat(
            [
                ("application/x-pdf", BijlageSoort.Pdf),
                ("image/jpg", BijlageSoort.Jpeg),
                ("image/pjpeg", BijlageSoort.Jpeg),
                ("image/x-png", BijlageSoort.Png),
            ])
            .ToFrozenDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

    // Extensions Windows or a browser would run or render when an employee double-clicks the downloaded attachment
    // (a script saved as text passes the content check). Other unknown extensions (".csv", ".rtf" with text) are fine.
    private static readonly FrozenSet<string> UitvoerbareExtensies = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ".htm", ".html", ".xhtml", ".mht", ".mhtml", ".svg", ".hta", ".js", ".mjs", ".jse", ".vbs", ".vbe", ".wsf",
        ".wsh", ".ps1", ".bat", ".cmd", ".sh", ".exe", ".com", ".scr", ".dll", ".msi", ".lnk", ".url", ".reg", ".jar");

    public static string ContentType(BijlageSoort soort) => Info[soort].ContentType;

    /// <summary>The usual extensions, the preferred one first (with dot, lower case).</summary>
    public static IReadOnlyList<string> Extensies(BijlageSoort soort) => Info[soort].Extensies;

    public static BijlageSoort? SoortVoorExtensie(string extensie) =>
        PerExtensie.TryGetValue(extensie, out var soort) ? soort : null;

    /// <summary>The type named by a declared content type (parameters ignored), or null for generic or unknown types.</summary>
    public static BijlageSoort? SoortVoorContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var kaal = contentType.Split(';')[0].Trim();
        return PerContentType.TryGetValue(kaal, out var soort) ? soort : null;
    }

    /// <summary>
    /// Checks the recognised content against what the name and the declared content type promise.
    /// </summary>
    /// <remarks>
    /// Content decides (spec: "by content, not by name"); name and declared type only refuse when they contradict it.
    /// A name without an extension, an unknown extension (".csv" with text) and a generic content type
    /// (application/octet-stream) are fine. The old and new Office format of the same program (".doc" with DOCX
    /// content) do not contradict each other: Word, Excel and PowerPoint open either by content, and LVS exports
    /// mix them up.
    /// </remarks>
    public static Fout? ControleerType(string bestandsnaam, string? opgegevenContentType, BijlageSoort? herkend, string veld)
    {
        ArgumentNullException.ThrowIfNull(bestandsnaam);
        var naam = Citaat.VoorMelding(bestandsnaam);
        if (herkend is not { } soort)
        {
            return new Fout(
                FoutCodes.BijlageTypeNietToegestaan,
                veld,
                $"De bijlage '{naam}' is geen toegestaan bestandstype. Toegestaan zijn: {ToegestaneTypesTekst}. " +
                "Sla het document op als PDF- of Word-bestand en voeg het opnieuw toe.");
        }

        var extensie = Extensie(bestandsnaam);
        if (extensie is not null)
        {
            if (UitvoerbareExtensies.Contains(extensie))
            {
                return new Fout(
                    FoutCodes.BijlageTypeNietToegestaan,
                    veld,
                    $"De bijlage '{naam}' is volgens de naam een {extensie}-bestand; dat type is niet toegestaan. " +
                    $"Toegestaan zijn: {ToegestaneTypesTekst}.");
            }

            if (SoortVoorExtensie(extensie) is { } naamSoort && !Verenigbaar(naamSoort, soort))
            {
                return new Fout(
                    FoutCodes.BijlageTypeNietToegestaan,
                    veld,
                    $"De bijlage '{naam}' heeft de extensie {extensie}, maar de inhoud is {Info[soort].Omschrijving}. " +
                    "Controleer of u het juiste bestand heeft toegevoegd en voeg het opnieuw toe, opgeslagen als " +
                    $"{Info[naamSoort].Omschrijving} of met de extensie {Info[soort].Extensies[0]}.");
            }
        }

        if (SoortVoorContentType(opgegevenContentType) is { } typeSoort && !Verenigbaar(typeSoort, soort))
        {
            return new Fout(
                FoutCodes.BijlageTypeNietToegestaan,
                veld,
                $"De bijlage '{naam}' is verstuurd als {Info[typeSoort].Omschrijving}, maar de inhoud is " +
                $"{Info[soort].Omschrijving}. Controleer of u het juiste bestand heeft toegevoegd en voeg het opnieuw toe.");
        }

        return null;
    }

    public static Fout TeGroot(string bestandsnaam, string veld) =>
        new(
            FoutCodes.BijlageTeGroot,
            veld,
            $"De bijlage '{Citaat.VoorMelding(bestandsnaam)}' is groter dan 10 MB. Vermoedelijk is het een scan; " +
            "sla het document op met maximaal 300 dpi.");

    /// <param name="reden">Dutch, lower case, e.g. "de base64-codering is ongeldig".</param>
    public static Fout Onleesbaar(string bestandsnaam, string veld, string reden) =>
        new(
            FoutCodes.BijlageOnleesbaar,
            veld,
            $"De bijlage '{Citaat.VoorMelding(bestandsnaam)}' kon niet worden gelezen: {reden}. " +
            "Voeg de bijlage opnieuw toe en verstuur de hulpvraag opnieuw.");

    /// <summary>The lower-case extension with dot of the last path segment, or null when there is none.</summary>
    internal static string? Extensie(string bestandsnaam)
    {
        var naam = BestandsnaamRegels.LaatsteSegment(bestandsnaam).TrimEnd(' ', '.');
        var punt = naam.LastIndexOf('.');
        return punt < 0 || punt == naam.Length - 1 ? null : naam[punt..].ToLowerInvariant();
    }

    private static bool Verenigbaar(BijlageSoort a, BijlageSoort b) => a == b || Familie(a) == Familie(b);

    private static BijlageSoort Familie(BijlageSoort soort) => soort switch
    {
        BijlageSoort.Docx => BijlageSoort.Doc,
        BijlageSoort.Xlsx => BijlageSoort.Xls,
        BijlageSoort.Pptx => BijlageSoort.Ppt,
        _ => soort,
    };
}
