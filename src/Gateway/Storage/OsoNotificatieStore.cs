using Dapper;
using Hulpvraag.Adapters.ParnasSys.Koppeling;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Dapper store of OSO notificaties, the durable fetch jobs.</summary>
public sealed class OsoNotificatieStore(DbConnectionFactory connections) : IOsoNotificaties
{
    public async Task<bool> VoegToeAsync(OsoNotificatie n, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO oso_notificatie (koppelsleutel, bron_brin, bron_routeringskenmerk, doel_brin, doel_routeringskenmerk,
                leverancier_oin, message_id, toestand, pogingen, volgende_poging_op, ontvangen_op)
            VALUES (@Koppelsleutel, @BronBrin, @BronRouteringsKenmerk, @DoelBrin, @DoelRouteringsKenmerk,
                @LeverancierOin, @MessageId, 'wachtend', 0, @OntvangenOp, @OntvangenOp)
            ON CONFLICT (koppelsleutel) DO NOTHING
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(sql, n, cancellationToken: cancellationToken)) == 1;
    }
}
