using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Application;

/// <summary>
/// The helpdesk's re-drives: a dead callback, or a failed (or refused) OSO fetch, is due again now with its attempts
/// reset. The audit entry is written in the transaction of the re-drive itself.
/// </summary>
public sealed class HerleveringBeheer(OutboxStore outbox, BeheerStore beheer, TimeProvider clock)
{
    public const int MaxKoppelsleutel = 100;

    public async Task<Result<Gedaan>> CallbackOpnieuwAsync(long id, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        var audit = new AuditRegel(clock.GetUtcNow(), actor.Naam, "callback.opnieuw", $"callback:{id}", null);
        return await outbox.OpnieuwAsync(id, audit, cancellationToken)
            ? Result<Gedaan>.Ok(default)
            : Weigeringen.NietGevonden("id", $"Er is geen dode callback met id {id}. Alleen een callback in toestand 'dood' kan opnieuw.");
    }

    public async Task<Result<Gedaan>> NotificatieOpnieuwAsync(string koppelsleutel, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        var sleutel = koppelsleutel.Trim().ToUpperInvariant();
        var gevonden = sleutel.Length is > 0 and <= MaxKoppelsleutel
            && await beheer.NotificatieOpnieuwAsync(sleutel,
                new AuditRegel(clock.GetUtcNow(), actor.Naam, "oso.notificatie.opnieuw", $"notificatie:{sleutel}", null), cancellationToken);
        return gevonden
            ? Result<Gedaan>.Ok(default)
            : Weigeringen.NietGevonden("koppelsleutel",
                $"Er is geen mislukte of geweigerde notificatie met koppelsleutel {Zoekvragen.Kort(koppelsleutel)}.");
    }
}
