using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Email;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Outbox;

/// <summary>
/// Turns a change into its outbox rows: one per callback (its channel follows the source system) and, when e-mail is
/// on, one e-mail row per status change (the first aanmelding included). The store writes them in the same
/// transaction as the change, in one statement.
/// </summary>
public sealed class AfleverRijen(IOptions<EmailOptions> email)
{
    public bool EmailAan => email.Value.IsAan;

    public IReadOnlyList<NieuweAflevering> VoorMutatie(HulpvraagMutatie mutatie, long dossiernummer)
    {
        var rijen = new List<NieuweAflevering>(mutatie.Callbacks.Count + mutatie.NieuweHistorie.Count);
        foreach (var callback in mutatie.Callbacks)
        {
            rijen.Add(NieuweAflevering.VoorCallback(callback with { Dossiernummer = callback.Dossiernummer ?? dossiernummer }));
        }

        if (EmailAan)
        {
            foreach (var item in mutatie.NieuweHistorie)
            {
                rijen.Add(EmailBericht.Rij(dossiernummer, mutatie.NieuweStaat.Bron.Brin, item));
            }
        }

        return rijen;
    }
}
