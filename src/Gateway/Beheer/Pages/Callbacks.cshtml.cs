using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>
/// Waiting and dead deliveries per destination; re-drive one, or all dead ones of one destination. A re-drive is the
/// admin API's (<c>POST /admin/v1/callbacks/{id}/opnieuw</c>): the row goes back to waiting, with an audit entry.
/// </summary>
[Authorize(Policy = BeheerAuthenticatie.Policies.Helpdesk)]
public sealed class CallbacksModel(BeheerLeveringStore leveringen, OutboxStore outbox, HerleveringBeheer herlevering, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Bestemming> Bestemmingen { get; private set; } = [];

    public IReadOnlyList<CallbackOverzicht> Lijst { get; private set; } = [];

    public string Toestand { get; private set; } = "dood";

    public string? Melding { get; private set; }

    public DateTimeOffset Nu { get; private set; }

    public async Task OnGetAsync(string? toestand, int? opnieuw, CancellationToken ct)
    {
        Toestand = toestand is "wachtend" or "afgeleverd" ? toestand : "dood";
        Melding = opnieuw is { } n ? $"{n} callback(s) opnieuw ingepland; de dispatcher probeert ze nu." : null;
        Nu = clock.GetUtcNow();
        Bestemmingen = await leveringen.BestemmingenAsync(ct);
        Lijst = await outbox.ZoekAsync(Toestand, null, null, 200, ct);
    }

    public async Task<IActionResult> OnPostOpnieuwAsync(long id, CancellationToken ct)
    {
        var aantal = await OpnieuwAsync([id], ct);
        return Redirect($"/beheer/callbacks?opnieuw={aantal}");
    }

    public async Task<IActionResult> OnPostAllesOpnieuwAsync(string kanaal, string bestemming, CancellationToken ct)
    {
        var ids = await leveringen.DodeVanBestemmingAsync(kanaal, bestemming, ct);
        var aantal = await OpnieuwAsync(ids, ct);
        return Redirect($"/beheer/callbacks?opnieuw={aantal}");
    }

    private async Task<int> OpnieuwAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var aantal = 0;
        foreach (var id in ids)
        {
            // The admin API's re-drive service: same role check, same audit entry in the same transaction.
            if ((await herlevering.CallbackOpnieuwAsync(id, new PersoonActor(User), ct)).IsSuccess)
            {
                aantal++;
            }
        }

        return aantal;
    }
}
