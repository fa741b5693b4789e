using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Statussen;

namespace Hulpvraag.Gateway.Email;

/// <summary>What a mail says, before it becomes MIME: subject, plain text and the HTML alternative.</summary>
public sealed record EmailInhoud(string Onderwerp, string Tekst, string Html);

/// <summary>The facts a mail is filled with. No pupil data: the dossiernummer and the school's reference are enough.</summary>
public sealed record EmailGegevens(
    string Aanvrager, long Dossiernummer, string StatusCode, string? Kwalificatie, string? Toelichting, DateTimeOffset Op,
    string Titel, string School, string Referentie, string Helpdeskregel, string Afmeldlink, bool Eerste);

/// <summary>
/// The mail texts, read from the embedded files in Email/Sjablonen (one per status family, plus basis.txt for the
/// layout), so someone at the SWV can read and adjust them without reading code. See Sjablonen/LEESMIJ.txt.
/// </summary>
public static partial class EmailSjablonen
{
    /// <summary>Which family file speaks for which status; a status missing here fails the template test.</summary>
    public static FrozenDictionary<string, string> Families { get; } = new Dictionary<string, string>
    {
        [StatusCatalogus.VoorlopigeAanmelding] = "onderweg",
        [StatusCatalogus.Aanmelding] = "onderweg",
        [StatusCatalogus.Doorzetten] = "onderweg",
        [StatusCatalogus.DossierCompleet] = "onderweg",
        [StatusCatalogus.Wacht] = "onderweg",
        [StatusCatalogus.InBehandeling] = "onderweg",
        [StatusCatalogus.DossierIncompleet] = "actie-school",
        [StatusCatalogus.Toegekend] = "besluit",
        [StatusCatalogus.AkkoordCoordinatorHerstartKans] = "besluit",
        [StatusCatalogus.GearrangeerdBudgetHerstartKans] = "besluit",
        [StatusCatalogus.TlvAfgegeven] = "besluit",
        [StatusCatalogus.Afgerond] = "besluit",
        [StatusCatalogus.Afgewezen] = "afgewezen",
        [StatusCatalogus.NietOntvankelijk] = "afgewezen",
        [StatusCatalogus.Thuiszitter] = "thuiszitter",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Teksten = LeesAlle();

    /// <summary>The family file for a status change; the very first aanmelding gets the receipt text.</summary>
    public static string Familie(string statusCode, bool eerste) =>
        eerste ? "ontvangen" : Families.GetValueOrDefault(statusCode, "onderweg");

    public static EmailInhoud Maak(EmailGegevens g)
    {
        var status = StatusCatalogus.Weergave(g.StatusCode, g.Kwalificatie);
        var velden = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["aanvrager"] = string.IsNullOrWhiteSpace(g.Aanvrager) ? "aanvrager" : g.Aanvrager,
            ["dossiernummer"] = g.Dossiernummer.ToString(CultureInfo.InvariantCulture),
            ["status"] = status,
            ["titel"] = g.Titel,
            ["school"] = g.School,
            ["referentie"] = g.Referentie,
            ["datum"] = g.Op.ToOffset(NederlandseTijd(g.Op)).ToString("d MMMM yyyy 'om' HH:mm", CultureInfo.GetCultureInfo("nl-NL")),
            ["toelichting"] = string.IsNullOrWhiteSpace(g.Toelichting) ? "(geen toelichting gegeven)" : g.Toelichting,
            ["helpdesk"] = g.Helpdeskregel,
            ["afmeldlink"] = g.Afmeldlink,
        };
        velden["volgende-stappen"] = Vul(Teksten[Familie(g.StatusCode, g.Eerste)], velden);
        var tekst = Vul(Teksten["basis"], velden);
        return new EmailInhoud($"Hulpvraag {g.Dossiernummer}: {status}", tekst, AlsHtml(tekst, g.Afmeldlink));
    }

    /// <summary>The placeholders a template uses that the renderer does not know (the template test asserts none).</summary>
    public static IReadOnlyList<string> OnbekendeVelden()
    {
        var bekend = new HashSet<string>(StringComparer.Ordinal)
        {
            "aanvrager", "dossiernummer", "status", "titel", "school", "referentie", "datum", "toelichting", "helpdesk",
            "afmeldlink", "volgende-stappen",
        };
        return Teksten.Values.SelectMany(t => Veld().Matches(t).Select(m => m.Groups[1].Value)).Where(v => !bekend.Contains(v)).Distinct().ToList();
    }

    private static string Vul(string sjabloon, IReadOnlyDictionary<string, string> velden) =>
        Veld().Replace(sjabloon, m => velden.TryGetValue(m.Groups[1].Value, out var waarde) ? waarde : m.Value);

    /// <summary>The HTML alternative: the same text, encoded, paragraphs kept, the opt-out link clickable.</summary>
    private static string AlsHtml(string tekst, string afmeldlink)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        foreach (var alinea in tekst.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var regels = alinea.Split('\n').Select(Html);
            html.Append("<p>").Append(string.Join("<br>", regels)).Append("</p>");
        }

        var link = Html(afmeldlink);
        html.Replace(link, $"<a href=\"{link}\">{link}</a>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Only the markup characters are escaped: é and ö stay themselves (the part is UTF-8), not numeric entities.</summary>
    public static string Html(string tekst) => tekst.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>Dates in the mail are Dutch time (CET/CEST), whatever the server's zone.</summary>
    private static TimeSpan NederlandseTijd(DateTimeOffset op)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam").GetUtcOffset(op);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeSpan.FromHours(1);
        }
    }

    private static FrozenDictionary<string, string> LeesAlle()
    {
        var assembly = typeof(EmailSjablonen).Assembly;
        var teksten = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var naam in new[] { "basis", "ontvangen", "onderweg", "actie-school", "besluit", "afgewezen", "thuiszitter" })
        {
            using var stream = assembly.GetManifestResourceStream($"email.{naam}.txt")
                ?? throw new InvalidOperationException($"E-mail template {naam}.txt is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            teksten[naam] = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        }

        return teksten.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\{([a-z-]+)\}\}")]
    private static partial Regex Veld();
}
