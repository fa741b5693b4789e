using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

public sealed class IndexModel(BeheerOverzichtStore cijfers) : PageModel
{
    public Overzicht? Overzicht { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Overzicht = await cijfers.LeesAsync(ct);

    /// <summary>In the order of the status table, not alphabetically.</summary>
    public IEnumerable<Telling> StatussenOpVolgorde() =>
        Overzicht!.PerStatus.OrderBy(t => StatusCatalogus.Alle.ToList().FindIndex(s => s.Code == t.Sleutel) is var i and >= 0 ? i : int.MaxValue);
}
