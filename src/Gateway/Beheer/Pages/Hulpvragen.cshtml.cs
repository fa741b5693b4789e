using Hulpvraag.Gateway.Beheer.Lijsten;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>Filtered list, newest first, 50 per page; "Volgende pagina" carries a keyset cursor, not a page number.</summary>
public sealed class HulpvragenModel(BeheerLijstStore lijst) : PageModel
{
    public const int Per = 50;

    public LijstFilter Filter { get; private set; } = LijstFilter.Leeg;

    public IReadOnlyList<string> Fouten { get; private set; } = [];

    public IReadOnlyList<LijstRegel> Regels { get; private set; } = [];

    public string? Volgende { get; private set; }

    public bool IsVervolg { get; private set; }

    /// <summary>The active filters (without the cursor), for the export link and paging links.</summary>
    public string Querystring { get; private set; } = "";

    public async Task OnGetAsync(string? na, CancellationToken ct)
    {
        (Filter, Fouten) = LijstFilters.Lees(Request.Query);
        var q = new QueryBuilder(Request.Query.Where(kv => kv.Key != "na" && kv.Value.Any(v => !string.IsNullOrEmpty(v)))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))));
        Querystring = q.ToString();
        if (Fouten.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var cursor = LijstCursor.Lees(na);
        IsVervolg = cursor is not null;
        var regels = await lijst.PaginaAsync(Filter, cursor, Per + 1, ct);
        Regels = regels.Take(Per).ToList();
        Volgende = regels.Count > Per ? new LijstCursor(Regels[^1].OntvangenOp, Regels[^1].Dossiernummer).ToString() : null;
    }
}
