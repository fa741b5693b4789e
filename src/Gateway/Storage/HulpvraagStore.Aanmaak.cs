using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storingen;
using Npgsql;

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
    /// New hulpvragen arriving side by side share a round trip and a commit: at most 32 statements in one batch, two
    /// batches on their way at once (so one slow commit does not hold up every request behind it; one or two measured
    /// alike in CPU, docs/performance.md). A statement error of one (a value the database refuses, a deadlock between
    /// two instances' bundles on the same referentie) sends that bundle's creates again one by one, so it fails only its
    /// own request; an outage fails them all, as it would have one by one.
    /// </summary>
    private readonly RondeBundel<(string Sql, DynamicParameters Parameters), long?> _aanmaak =
        new(32, 2, ex => ex is PostgresException && StoringAfhandeling.Soort(ex) is null);

    /// <summary>
    /// Where the dialect has data-modifying CTEs (PostgreSQL): row, history, ontvangst entry (and the receipt e-mail's
    /// outbox row) in ONE statement, so the common create costs one round trip and one implicit transaction; atomic all
    /// the same. Creates that arrive while one is on its way go together (<see cref="MaakAanInBundelAsync"/>).
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

        var dossiernummer = await _aanmaak.VoerUitAsync((sql, p), MaakAanInBundelAsync, ct);
        if (dossiernummer is null)
        {
            return new OpslagUitkomst.Conflict();
        }

        NaOpslag(o, afleverRijen.EmailAan);

        return new OpslagUitkomst.Opgeslagen(staat with { Dossiernummer = dossiernummer.Value });
    }

    /// <summary>
    /// One bundle of creates as one batch: one round trip, and one implicit transaction, so one commit for all (Npgsql
    /// runs a batch without a transaction atomically). Within the batch each statement sees the ones before it, so two
    /// creates of the same referentie in one bundle end as they would one after another: the second is a conflict.
    /// </summary>
    private async Task<IReadOnlyList<long?>> MaakAanInBundelAsync(IReadOnlyList<(string Sql, DynamicParameters Parameters)> aanmaken)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        if (aanmaken.Count == 1)
        {
            return [await connection.ExecuteScalarAsync<long?>(new CommandDefinition(aanmaken[0].Sql, aanmaken[0].Parameters))];
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection);
        foreach (var (sql, parameters) in aanmaken)
        {
            batch.BatchCommands.Add(BatchOpdracht.Van(sql, parameters));
        }

        var dossiernummers = new List<long?>(aanmaken.Count);
        await using var lezer = await batch.ExecuteReaderAsync();
        do
        {
            dossiernummers.Add(await lezer.ReadAsync() ? lezer.GetInt64(0) : null);
        }
        while (await lezer.NextResultAsync());

        return dossiernummers;
    }
}
