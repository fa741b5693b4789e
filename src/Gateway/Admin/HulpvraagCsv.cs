using System.Globalization;
using System.Text;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The admin API's CSV rendering of a hulpvraag search (<c>Accept: text/csv</c>); the store only selects.</summary>
internal static class HulpvraagCsv
{
    public static string Schrijf(IEnumerable<HulpvraagSamenvatting> items)
    {
        var sb = new StringBuilder("dossiernummer;bron;referentie;brin;vestiging;titel;status;kwalificatie;ontvangenOp;bijgewerktOp;versie;aanvrager\r\n");
        foreach (var h in items)
        {
            sb.AppendJoin(';', h.Dossiernummer.ToString(CultureInfo.InvariantCulture), h.Systeem, Veld(h.Referentie), h.Brin, h.Vestiging, h.Titel,
                h.StatusCode, Veld(h.StatusKwalificatie), h.OntvangenOp.ToString("O", CultureInfo.InvariantCulture),
                h.BijgewerktOp.ToString("O", CultureInfo.InvariantCulture), h.Versie.ToString(CultureInfo.InvariantCulture), Veld(h.AanvragerNaam))
                .Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>Quotes a field, and neutralises a leading =, +, - or @ so a spreadsheet never runs it as a formula.</summary>
    internal static string Veld(string? waarde)
    {
        if (string.IsNullOrEmpty(waarde))
        {
            return "";
        }

        var veilig = waarde[0] is '=' or '+' or '-' or '@' ? "'" + waarde : waarde;
        return "\"" + veilig.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
