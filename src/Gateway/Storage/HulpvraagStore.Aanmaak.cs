using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Storage;

public sealed partial class HulpvraagStore
{
    /// <summary>
    /// The same history and ontvangst INSERTs as the general path (<see cref="InsertHistorie"/>,
    /// <see cref="InsertOntvangst"/>), fed by the new row's dossiernummer instead of a parameter.
    /// </summary>
    private static readonly string AanmaakKop = $"""
        WITH h AS ({InsertHulpvraag}),
        s AS ({InsertHistorie("dossiernummer", "H")} FROM h),
        o AS ({InsertOntvangst("dossiernummer", "O")} FROM h)
        """;

    /// <summary>With e-mail on, the receipt mail's outbox row joins the same statement: still one round trip.</summary>
    private static readonly string AanmaakEmail = $"""
        , a AS (
            {OutboxStore.InsertKolommen}
            SELECT @AGebeurtenisId, @AKanaal, dossiernummer, dossiernummer::text, @ABestemming, @ABrin, @APayload, 'wachtend', 0, @AOp, @AOp FROM h)
        """;

    private const string AanmaakStaart = "\nSELECT dossiernummer FROM h";

    private static readonly string AanmaakSql = AanmaakKop + AanmaakStaart;
    private static readonly string AanmaakMetEmailSql = AanmaakKop + AanmaakEmail + AanmaakStaart;

    /// <summary>
    /// Where the dialect has data-modifying CTEs (PostgreSQL): row, history, ontvangst entry (and the receipt e-mail's
    /// outbox row) in ONE statement, so the common create costs one round trip and one implicit transaction; atomic all
    /// the same.
    /// </summary>
    private async Task<OpslagUitkomst> MaakAanInEenStatementAsync(HulpvraagMutatie mutatie, CancellationToken ct)
    {
        var staat = mutatie.NieuweStaat;
        var p = Parameters(staat);
        var item = mutatie.NieuweHistorie[0];
        HistorieParameters(p, item, "H");
        var o = mutatie.Ontvangst!;
        OntvangstParameters(p, o, "O");
        var sql = AanmaakSql;
        if (afleverRijen.EmailAan)
        {
            var rij = EmailBericht.Rij(0, staat.Bron.Brin, item);
            p.Add("AGebeurtenisId", rij.GebeurtenisId);
            p.Add("AKanaal", rij.Kanaal);
            p.Add("ABestemming", rij.Bestemming);
            p.Add("ABrin", rij.Brin);
            p.Add("APayload", rij.Payload);
            p.Add("AOp", rij.Op);
            sql = AanmaakMetEmailSql;
        }

        await using var connection = await connections.OpenAsync(ct);
        var dossiernummer = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, p, cancellationToken: ct));
        if (dossiernummer is null)
        {
            return new OpslagUitkomst.Conflict();
        }

        NaOpslag(o, afleverRijen.EmailAan);

        return new OpslagUitkomst.Opgeslagen(staat with { Dossiernummer = dossiernummer.Value });
    }
}
