using System.Globalization;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>The "Zoeken" box of every page: jumps to the school (BRIN, BRIN6) or the hulpvraag (dossiernummer, referentie).</summary>
public sealed class ZoekenModel(IHulpvraagStore store, BeheerLijstStore lijst) : PageModel
{
    public string? Melding { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        var s = q?.Trim() ?? "";
        if (s.Length == 0)
        {
            return Page();
        }

        var groot = s.ToUpperInvariant();
        if ((groot.Length == 4 && AanvraagValidatie.IsBrin(groot))
            || (groot.Length == 6 && AanvraagValidatie.IsBrin(groot[..4]) && AanvraagValidatie.IsVestiging(groot[4..])))
        {
            return Redirect($"/beheer/scholen/{groot}");
        }

        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var nummer) && await store.FindByDossiernummerAsync(nummer, ct) is not null)
        {
            return Redirect($"/beheer/hulpvragen/{nummer}");
        }

        var treffers = await lijst.PaginaAsync(LijstFilter.Leeg with { Tekst = s.Length > 100 ? s[..100] : s }, null, 2, ct);
        if (treffers.Count == 1)
        {
            return Redirect($"/beheer/hulpvragen/{treffers[0].Dossiernummer}");
        }

        if (treffers.Count > 1)
        {
            return Redirect($"/beheer/hulpvragen?tekst={Uri.EscapeDataString(s)}");
        }

        Melding = $"Niets gevonden voor “{(s.Length > 40 ? s[..40] + "…" : s)}”.";
        return Page();
    }
}
