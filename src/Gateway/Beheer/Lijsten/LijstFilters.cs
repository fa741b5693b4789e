using System.Globalization;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Http;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>Reads the Hulpvragen filters from a query string, shared by the page and the CSV export; unknown values are named, not ignored.</summary>
public static class LijstFilters
{
    public static (LijstFilter Filter, IReadOnlyList<string> Fouten) Lees(IQueryCollection q)
    {
        var fouten = new List<string>();
        var statussen = q["status"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.Ordinal).Take(20).ToList();
        foreach (var s in statussen.Where(s => StatusCatalogus.ZoekOpCode(s) is null))
        {
            fouten.Add($"Onbekende status '{Kort(s)}'.");
        }

        var (brin, vestiging) = School(q["school"].ToString(), fouten);
        var titel = Leeg(q["titel"]);
        if (titel is not null && TitelCatalogus.ZoekOpCode(titel) is null)
        {
            fouten.Add($"Onbekende titel '{Kort(titel)}'.");
        }

        var bron = Leeg(q["bron"]);
        if (bron is not null && bron is not (BronSystemen.Esis or BronSystemen.ParnasSys))
        {
            fouten.Add("Kies als bron esis of parnassys.");
        }

        var vanaf = Datum(q["vanaf"], "Vanaf", fouten);
        var tot = Datum(q["tot"], "Tot en met", fouten)?.AddDays(1);
        var tekst = Leeg(q["tekst"]);
        if (tekst is { Length: > 100 })
        {
            fouten.Add("De zoektekst is te lang (hoogstens 100 tekens).");
        }

        return (new LijstFilter(statussen, brin, vestiging, titel, bron, vanaf, tot, tekst), fouten);
    }

    /// <summary>BRIN (4 positions) or BRIN6 (BRIN + 2-digit vestiging).</summary>
    public static (string? Brin, string? Vestiging) School(string? waarde, List<string> fouten)
    {
        var s = waarde?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(s))
        {
            return (null, null);
        }

        if (s.Length == 4 && AanvraagValidatie.IsBrin(s))
        {
            return (s, null);
        }

        if (s.Length == 6 && AanvraagValidatie.IsBrin(s[..4]) && AanvraagValidatie.IsVestiging(s[4..]))
        {
            return (s[..4], s[4..]);
        }

        fouten.Add("Geef bij School een BRIN (bijvoorbeeld 12AB) of BRIN6 (bijvoorbeeld 12AB00).");
        return (null, null);
    }

    private static DateTimeOffset? Datum(string? waarde, string label, List<string> fouten)
    {
        if (string.IsNullOrWhiteSpace(waarde))
        {
            return null;
        }

        if (DateOnly.TryParseExact(waarde.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return Weergave.BeginVanDag(d);
        }

        fouten.Add($"{label}: geef een datum als jjjj-mm-dd.");
        return null;
    }

    private static string? Leeg(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Kort(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
