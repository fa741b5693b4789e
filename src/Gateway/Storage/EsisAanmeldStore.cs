using Dapper;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Gateway.Limieten;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The one read of every Esis request before its body: the BRIN6's active registrations and the failure-limit counts
/// of (school, address and school, address), sent as one command. One round trip instead of two: on two cores each
/// round trip cost ~100 µs of CPU in the gateway and in PostgreSQL together, far more than either indexed read
/// (docs/performance.md, "Esis: one round trip less").
/// </summary>
public sealed class EsisAanmeldStore(DbConnectionFactory connections, FoutTellerStore tellers, LimietMetrics metrics) : IAanmeldOpslag
{
    private static readonly string Sql = EsisRegistratieStore.ActiefSql + ";\n" + FoutTellerStore.TellersSql;

    public async Task<AanmeldGegevens> LeesAsync(string brin6, string adres, CancellationToken cancellationToken)
    {
        var vraag = tellers.Vraag(brin6, adres);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(vraag.Parameters);
        parameters.Add("brin6", brin6);
        await using var lezer = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        var kandidaten = (await lezer.ReadAsync<EsisRegistratieStore.Rij>()).Select(r => r.Naar()).ToList();
        var rijen = await lezer.ReadAsync<FoutTellerStore.TellerRij>();
        return new AanmeldGegevens(kandidaten, tellers.Beoordeel(vraag, rijen));
    }

    public void Geweigerd() => metrics.Geblokkeerd();
}
