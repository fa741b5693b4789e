using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Email;

namespace Hulpvraag.Gateway.Storage;

public sealed partial class HulpvraagStore
{
    private const string AanmaakKop = $"""
        WITH h AS ({InsertHulpvraag}),
        s AS (
            INSERT INTO statushistorie (dossiernummer, van, naar, kwalificatie, toelichting, door, op)
            SELECT dossiernummer, @HVan, @HNaar, @HKwalificatie, @HToelichting, @HDoor, @HOp FROM h),
        o AS (
            INSERT INTO ontvangst (op, systeem, brin, vestiging, referentie, uitkomst, dossiernummer, foutcode, melding)
            SELECT @OOp, @OSysteem, @OBrin, @OVestiging, @OReferentie, @OUitkomst, dossiernummer, @OFoutcode, @OMelding FROM h)
        """;

    /// <summary>With e-mail on, the receipt mail's outbox row joins the same statement: still one round trip.</summary>
    private const string AanmaakEmail = """
        , a AS (
            INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand,
                pogingen, volgende_poging_op, aangemaakt_op)
            SELECT @AGebeurtenisId, @AKanaal, dossiernummer, dossiernummer::text, @ABestemming, @ABrin, @APayload, 'wachtend', 0, @AOp, @AOp FROM h)
        """;

    private const string AanmaakStaart = "\nSELECT dossiernummer FROM h";

    /// <summary>
    /// PostgreSQL only: row, history, ontvangst entry (and the receipt e-mail's outbox row) in ONE statement
    /// (data-modifying CTEs), so the common create costs one round trip and one implicit transaction; atomic all the same.
    /// </summary>
    private async Task<OpslagUitkomst> MaakAanInEenStatementAsync(HulpvraagMutatie mutatie, CancellationToken ct)
    {
        var staat = mutatie.NieuweStaat;
        var p = Parameters(staat);
        var item = mutatie.NieuweHistorie[0];
        p.Add("HVan", item.Van);
        p.Add("HNaar", item.Naar);
        p.Add("HKwalificatie", item.Kwalificatie);
        p.Add("HToelichting", item.Toelichting);
        p.Add("HDoor", item.Door);
        p.Add("HOp", item.Op);
        var o = mutatie.Ontvangst!;
        p.Add("OOp", o.Op);
        p.Add("OSysteem", o.Systeem);
        p.Add("OBrin", o.Brin);
        p.Add("OVestiging", o.Vestiging);
        p.Add("OReferentie", o.Referentie);
        p.Add("OUitkomst", o.Uitkomst);
        p.Add("OFoutcode", o.Foutcode);
        p.Add("OMelding", o.Melding);
        var sql = AanmaakKop + AanmaakStaart;
        if (afleverRijen.EmailAan)
        {
            var rij = EmailBericht.Rij(0, staat.Bron.Brin, item);
            p.Add("AGebeurtenisId", rij.GebeurtenisId);
            p.Add("AKanaal", rij.Kanaal);
            p.Add("ABestemming", rij.Bestemming);
            p.Add("ABrin", rij.Brin);
            p.Add("APayload", rij.Payload);
            p.Add("AOp", rij.Op);
            sql = AanmaakKop + AanmaakEmail + AanmaakStaart;
        }

        await using var connection = await connections.OpenAsync(ct);
        var dossiernummer = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, p, cancellationToken: ct));
        if (dossiernummer is null)
        {
            return new OpslagUitkomst.Conflict();
        }

        metrics.Ontvangen(o.Systeem, o.Uitkomst, o.Foutcode);
        if (afleverRijen.EmailAan)
        {
            outboxSignal.Notify();
        }

        return new OpslagUitkomst.Opgeslagen(staat with { Dossiernummer = dossiernummer.Value });
    }
}
