using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Dapper implementation of the core's store port, for SQLite and PostgreSQL alike.</summary>
public sealed partial class HulpvraagStore(
    DbConnectionFactory connections, OutboxSignal outboxSignal, AfleverRijen afleverRijen, GatewayMetrics metrics) : IHulpvraagStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BijlageInhoudStore _inhoud = BijlageInhoudStore.Voor(connections);

    /// <summary>The unique key decides races: a second create of the same (systeem, brin, referentie) inserts nothing.</summary>
    internal const string InsertHulpvraag = """
        INSERT INTO hulpvraag (systeem, brin, vestiging, referentie, kanaal, samenwerkingsverband, titel, titel_origineel,
            omschrijving, niveau, leerling_json, aanvrager_json, waarschuwingen_json, status_code, status_kwalificatie,
            status_toelichting, status_sinds, ontvangen_op, bijgewerkt_op, versie)
        VALUES (@Systeem, @Brin, @Vestiging, @Referentie, @Kanaal, @Samenwerkingsverband, @Titel, @TitelOrigineel,
            @Omschrijving, @Niveau, @LeerlingJson, @AanvragerJson, @WaarschuwingenJson, @StatusCode, @StatusKwalificatie,
            @StatusToelichting, @StatusSinds, @OntvangenOp, @BijgewerktOp, @Versie)
        ON CONFLICT (systeem, brin, referentie) DO NOTHING
        RETURNING dossiernummer
        """;

    public async Task<Core.Model.Hulpvraag?> FindByBronAsync(BronSleutel sleutel, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT * FROM hulpvraag WHERE systeem = @Systeem AND brin = @Brin AND referentie = @Referentie
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rij = await connection.QuerySingleOrDefaultAsync<HulpvraagRij>(new CommandDefinition(sql, sleutel, cancellationToken: cancellationToken));
        return rij is null ? null : await CompleteerAsync(connection, rij, cancellationToken);
    }

    public async Task<Core.Model.Hulpvraag?> FindByDossiernummerAsync(long dossiernummer, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT * FROM hulpvraag WHERE dossiernummer = @dossiernummer
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rij = await connection.QuerySingleOrDefaultAsync<HulpvraagRij>(new CommandDefinition(sql, new { dossiernummer }, cancellationToken: cancellationToken));
        return rij is null ? null : await CompleteerAsync(connection, rij, cancellationToken);
    }

    public async Task<OpslagUitkomst> OpslaanAsync(HulpvraagMutatie mutatie, CancellationToken cancellationToken)
    {
        if (connections.Dialect.SchrijvendeCte && IsEenvoudigeAanmaak(mutatie))
        {
            return await MaakAanInEenStatementAsync(mutatie, cancellationToken);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var staat = mutatie.NieuweStaat;

        long dossiernummer;
        if (mutatie.VerwachteVersie is null)
        {
            var nieuw = await VoegHulpvraagToeAsync(connection, transaction, staat, cancellationToken);
            if (nieuw is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new OpslagUitkomst.Conflict();
            }

            dossiernummer = nieuw.Value;
        }
        else
        {
            dossiernummer = staat.Dossiernummer;
            if (!await WerkHulpvraagBijAsync(connection, transaction, staat, mutatie.VerwachteVersie.Value, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new OpslagUitkomst.Conflict();
            }
        }

        foreach (var bijlage in mutatie.NieuweBijlagen)
        {
            await _inhoud.BewaarAsync(connection, transaction, bijlage, cancellationToken);
            await VoegBijlageToeAsync(connection, transaction, dossiernummer, bijlage.Info, cancellationToken);
        }

        foreach (var item in mutatie.NieuweHistorie)
        {
            await VoegHistorieToeAsync(connection, transaction, dossiernummer, item, cancellationToken);
        }

        // The callback and e-mail rows of this change: one statement, in the same transaction as the change.
        var afleveringen = afleverRijen.VoorMutatie(mutatie, dossiernummer);
        await OutboxStore.VoegToeAsync(connection, transaction, afleveringen, cancellationToken);

        if (mutatie.Ontvangst is { } ontvangst)
        {
            await SchrijfOntvangstAsync(connection, transaction, ontvangst with { Dossiernummer = ontvangst.Dossiernummer ?? dossiernummer }, cancellationToken);
        }

        if (mutatie.Audit is { } audit)
        {
            await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        NaOpslag(mutatie.Ontvangst, afleveringen.Count > 0);
        return new OpslagUitkomst.Opgeslagen(staat with { Dossiernummer = dossiernummer });
    }

    /// <summary>The common case: a new hulpvraag without attachments or callbacks, one history entry, one ontvangst entry.</summary>
    private static bool IsEenvoudigeAanmaak(HulpvraagMutatie m) =>
        m.VerwachteVersie is null && m.NieuweBijlagen.Count == 0 && m.Callbacks.Count == 0 && m.NieuweHistorie.Count == 1
        && m.Ontvangst is not null && m.Audit is null;

    /// <summary>How many hulpvragen each status has; for the metrics gauge.</summary>
    public async Task<IReadOnlyList<(string Status, long Aantal)>> AantalPerStatusAsync(CancellationToken cancellationToken)
    {
        const string sql = "SELECT status_code, COUNT(*) FROM hulpvraag GROUP BY status_code";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, long)>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToList();
    }

    public async Task RegistreerOntvangstAsync(OntvangstRegel regel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await SchrijfOntvangstAsync(connection, null, regel, cancellationToken);
        NaOpslag(regel, nieuweAfleveringen: false);
    }

    /// <summary>
    /// The one place the store reports a committed write: the ontvangst counter, and a wake-up for the outbox when rows
    /// were added. Only after the commit, so a rolled-back write is never counted or announced.
    /// </summary>
    private void NaOpslag(OntvangstRegel? ontvangst, bool nieuweAfleveringen)
    {
        if (ontvangst is not null)
        {
            metrics.Ontvangen(ontvangst.Systeem, ontvangst.Uitkomst, ontvangst.Foutcode);
        }

        if (nieuweAfleveringen)
        {
            outboxSignal.Notify();
        }
    }

    /// <summary>Streams an attachment's content out of the store; the caller disposes the stream, which closes the connection.</summary>
    public Task<Stream?> OpenInhoudAsync(string sha256, CancellationToken cancellationToken) => _inhoud.OpenAsync(sha256, cancellationToken);

    private async Task<long?> VoegHulpvraagToeAsync(DbConnection connection, DbTransaction transaction, Core.Model.Hulpvraag h, CancellationToken ct)
    {
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertHulpvraag, Parameters(h), transaction, cancellationToken: ct));
    }

    private static async Task<bool> WerkHulpvraagBijAsync(DbConnection connection, DbTransaction transaction, Core.Model.Hulpvraag h, int verwachteVersie, CancellationToken ct)
    {
        const string sql = """
            UPDATE hulpvraag SET vestiging = @Vestiging, kanaal = @Kanaal, titel = @Titel, titel_origineel = @TitelOrigineel,
                omschrijving = @Omschrijving, niveau = @Niveau, leerling_json = @LeerlingJson, aanvrager_json = @AanvragerJson,
                waarschuwingen_json = @WaarschuwingenJson, status_code = @StatusCode, status_kwalificatie = @StatusKwalificatie,
                status_toelichting = @StatusToelichting, status_sinds = @StatusSinds, bijgewerkt_op = @BijgewerktOp, versie = @Versie
            WHERE dossiernummer = @Dossiernummer AND versie = @VerwachteVersie
            """;
        var p = Parameters(h);
        p.Add("Dossiernummer", h.Dossiernummer);
        p.Add("VerwachteVersie", verwachteVersie);
        return await connection.ExecuteAsync(new CommandDefinition(sql, p, transaction, cancellationToken: ct)) == 1;
    }

    private static DynamicParameters Parameters(Core.Model.Hulpvraag h)
    {
        var p = new DynamicParameters();
        p.Add("Systeem", h.Bron.Systeem);
        p.Add("Brin", h.Bron.Brin);
        p.Add("Vestiging", h.Bron.Vestiging);
        p.Add("Referentie", h.Bron.Referentie);
        p.Add("Kanaal", h.Bron.Koppelsleutel);
        p.Add("Samenwerkingsverband", h.Samenwerkingsverband);
        p.Add("Titel", h.Titel);
        p.Add("TitelOrigineel", h.TitelOrigineel);
        p.Add("Omschrijving", h.Omschrijving);
        p.Add("Niveau", h.Niveau);
        p.Add("LeerlingJson", h.Leerling is null ? null : JsonSerializer.Serialize(h.Leerling, Json));
        p.Add("AanvragerJson", JsonSerializer.Serialize(h.Aanvrager, Json));
        p.Add("WaarschuwingenJson", JsonSerializer.Serialize(h.Waarschuwingen, Json));
        p.Add("StatusCode", h.Status.Code);
        p.Add("StatusKwalificatie", h.Status.Kwalificatie);
        p.Add("StatusToelichting", h.Status.Toelichting);
        p.Add("StatusSinds", h.Status.Sinds);
        p.Add("OntvangenOp", h.OntvangenOp);
        p.Add("BijgewerktOp", h.BijgewerktOp);
        p.Add("Versie", h.Versie);
        return p;
    }

    private static Task VoegBijlageToeAsync(DbConnection connection, DbTransaction transaction, long dossiernummer, BijlageInfo b, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO bijlage (id, dossiernummer, bestandsnaam, omschrijving, categorie, content_type, grootte, sha256, ontvangen_op)
            VALUES (@Id, @dossiernummer, @Bestandsnaam, @Omschrijving, @Categorie, @ContentType, @Grootte, @Sha256, @OntvangenOp)
            ON CONFLICT (dossiernummer, sha256, bestandsnaam) DO NOTHING
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql,
            new { b.Id, dossiernummer, b.Bestandsnaam, b.Omschrijving, b.Categorie, b.ContentType, b.Grootte, b.Sha256, b.OntvangenOp },
            transaction, cancellationToken: ct));
    }

    /// <summary>
    /// One statushistorie row. <paramref name="dossiernummer"/> is the SQL that gives the number: a parameter, or inside
    /// the one-statement create the new row's column; <paramref name="prefix"/> keeps the parameters apart there.
    /// </summary>
    internal static string InsertHistorie(string dossiernummer, string prefix = "") => $"""
        INSERT INTO statushistorie (dossiernummer, van, naar, kwalificatie, toelichting, door, op)
        SELECT {dossiernummer}, @{prefix}Van, @{prefix}Naar, @{prefix}Kwalificatie, @{prefix}Toelichting, @{prefix}Door, @{prefix}Op
        """;

    internal static void HistorieParameters(DynamicParameters p, StatusHistorieItem item, string prefix = "")
    {
        p.Add(prefix + "Van", item.Van);
        p.Add(prefix + "Naar", item.Naar);
        p.Add(prefix + "Kwalificatie", item.Kwalificatie);
        p.Add(prefix + "Toelichting", item.Toelichting);
        p.Add(prefix + "Door", item.Door);
        p.Add(prefix + "Op", item.Op);
    }

    /// <summary>One ontvangst row; the arguments as for <see cref="InsertHistorie"/>.</summary>
    internal static string InsertOntvangst(string dossiernummer, string prefix = "") => $"""
        INSERT INTO ontvangst (op, systeem, brin, vestiging, referentie, uitkomst, dossiernummer, foutcode, melding)
        SELECT @{prefix}Op, @{prefix}Systeem, @{prefix}Brin, @{prefix}Vestiging, @{prefix}Referentie, @{prefix}Uitkomst, {dossiernummer},
            @{prefix}Foutcode, @{prefix}Melding
        """;

    internal static void OntvangstParameters(DynamicParameters p, OntvangstRegel o, string prefix = "")
    {
        p.Add(prefix + "Op", o.Op);
        p.Add(prefix + "Systeem", o.Systeem);
        p.Add(prefix + "Brin", o.Brin);
        p.Add(prefix + "Vestiging", o.Vestiging);
        p.Add(prefix + "Referentie", o.Referentie);
        p.Add(prefix + "Uitkomst", o.Uitkomst);
        p.Add(prefix + "Foutcode", o.Foutcode);
        p.Add(prefix + "Melding", o.Melding);
    }

    private static readonly string HistorieSql = InsertHistorie("@Dossiernummer");
    private static readonly string OntvangstSql = InsertOntvangst("@Dossiernummer");

    private static Task VoegHistorieToeAsync(DbConnection connection, DbTransaction transaction, long dossiernummer, StatusHistorieItem item, CancellationToken ct)
    {
        var p = new DynamicParameters();
        p.Add("Dossiernummer", dossiernummer);
        HistorieParameters(p, item);
        return connection.ExecuteAsync(new CommandDefinition(HistorieSql, p, transaction, cancellationToken: ct));
    }

    private static Task SchrijfOntvangstAsync(DbConnection connection, DbTransaction? transaction, OntvangstRegel r, CancellationToken ct)
    {
        var p = new DynamicParameters();
        p.Add("Dossiernummer", r.Dossiernummer);
        OntvangstParameters(p, r);
        return connection.ExecuteAsync(new CommandDefinition(OntvangstSql, p, transaction, cancellationToken: ct));
    }

    private static async Task<Core.Model.Hulpvraag> CompleteerAsync(DbConnection connection, HulpvraagRij rij, CancellationToken ct)
    {
        const string historieSql = """
            SELECT van, naar, kwalificatie, toelichting, door, op FROM statushistorie WHERE dossiernummer = @Dossiernummer ORDER BY id
            """;
        const string bijlagenSql = """
            SELECT id, bestandsnaam, omschrijving, categorie, content_type, grootte, sha256, ontvangen_op
            FROM bijlage WHERE dossiernummer = @Dossiernummer ORDER BY ontvangen_op, id
            """;
        var historie = await connection.QueryAsync<HistorieRij>(new CommandDefinition(historieSql, new { rij.Dossiernummer }, cancellationToken: ct));
        var bijlagen = await connection.QueryAsync<BijlageRij>(new CommandDefinition(bijlagenSql, new { rij.Dossiernummer }, cancellationToken: ct));
        return new Core.Model.Hulpvraag
        {
            Dossiernummer = rij.Dossiernummer,
            Bron = new Bron(rij.Systeem, rij.Referentie, rij.Brin, rij.Vestiging, rij.Kanaal),
            Samenwerkingsverband = rij.Samenwerkingsverband,
            Titel = rij.Titel,
            TitelOrigineel = rij.TitelOrigineel,
            Omschrijving = rij.Omschrijving,
            Niveau = rij.Niveau,
            Leerling = rij.LeerlingJson is null ? null : JsonSerializer.Deserialize<Leerling>(rij.LeerlingJson, Json),
            Aanvrager = JsonSerializer.Deserialize<Aanvrager>(rij.AanvragerJson, Json)!,
            Waarschuwingen = JsonSerializer.Deserialize<List<Waarschuwing>>(rij.WaarschuwingenJson, Json)!,
            Status = new StatusInfo(rij.StatusCode, rij.StatusKwalificatie, rij.StatusToelichting, rij.StatusSinds),
            StatusHistorie = historie.Select(x => new StatusHistorieItem(x.Van, x.Naar, x.Kwalificatie, x.Toelichting, x.Door, x.Op)).ToList(),
            Bijlagen = bijlagen.Select(b => new BijlageInfo(b.Id, b.Bestandsnaam, b.Omschrijving, b.Categorie, b.ContentType, b.Grootte, b.Sha256, b.OntvangenOp)).ToList(),
            OntvangenOp = rij.OntvangenOp,
            BijgewerktOp = rij.BijgewerktOp,
            Versie = rij.Versie,
        };
    }

    private sealed class HulpvraagRij
    {
        public long Dossiernummer { get; set; }
        public string Systeem { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Referentie { get; set; } = "";
        public string? Kanaal { get; set; }
        public string Samenwerkingsverband { get; set; } = "";
        public string Titel { get; set; } = "";
        public string TitelOrigineel { get; set; } = "";
        public string Omschrijving { get; set; } = "";
        public string Niveau { get; set; } = "";
        public string? LeerlingJson { get; set; }
        public string AanvragerJson { get; set; } = "";
        public string WaarschuwingenJson { get; set; } = "";
        public string StatusCode { get; set; } = "";
        public string? StatusKwalificatie { get; set; }
        public string? StatusToelichting { get; set; }
        public DateTimeOffset StatusSinds { get; set; }
        public DateTimeOffset OntvangenOp { get; set; }
        public DateTimeOffset BijgewerktOp { get; set; }
        public int Versie { get; set; }
    }

    private sealed class HistorieRij
    {
        public string? Van { get; set; }
        public string Naar { get; set; } = "";
        public string? Kwalificatie { get; set; }
        public string? Toelichting { get; set; }
        public string Door { get; set; } = "";
        public DateTimeOffset Op { get; set; }
    }

    private sealed class BijlageRij
    {
        public Guid Id { get; set; }
        public string Bestandsnaam { get; set; } = "";
        public string? Omschrijving { get; set; }
        public string Categorie { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long Grootte { get; set; }
        public string Sha256 { get; set; } = "";
        public DateTimeOffset OntvangenOp { get; set; }
    }
}
