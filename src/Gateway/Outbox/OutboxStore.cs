using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Outbox;

public static class CallbackToestanden
{
    public const string Wachtend = "wachtend";
    public const string Afgeleverd = "afgeleverd";
    public const string Dood = "dood";
}

/// <summary>A claimed callback row: the message plus what the dispatcher needs to decide its fate.</summary>
public sealed record GeclaimdeCallback(long Id, CallbackOpdracht Opdracht, int Pogingen, DateTimeOffset AangemaaktOp);

public sealed record CallbackOverzicht(
    long Id, Guid GebeurtenisId, string Systeem, string? Kanaal, string Referentie, string Brin, string Vestiging,
    long? Dossiernummer, string Soort, string? StatusCode, string Toestand, int Pogingen, DateTimeOffset VolgendePogingOp,
    string? LaatsteFout, DateTimeOffset AangemaaktOp, DateTimeOffset? AfgeleverdOp);

/// <summary>
/// The outbox table. Claims are leases: a row is taken by one dispatcher until its lease ends, so a crashed instance's
/// rows come back by themselves. Only the oldest undelivered row of a volgorde_sleutel can be claimed, which keeps the
/// callbacks of one hulpvraag in the order of the changes.
/// </summary>
public sealed class OutboxStore(DbConnectionFactory connections, TimeProvider clock, OutboxSignal signal) : ICallbackWachtrij
{
    internal static Task VoegToeAsync(DbConnection connection, DbTransaction transaction, CallbackOpdracht c, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO callback (gebeurtenis_id, volgorde_sleutel, soort, systeem, kanaal, referentie, brin, vestiging,
                dossiernummer, status_code, weergave, kwalificatie, toelichting, foutcode, gewijzigd_op, toestand, pogingen,
                volgende_poging_op, aangemaakt_op)
            VALUES (@GebeurtenisId, @VolgordeSleutel, @Soort, @Systeem, @Kanaal, @Referentie, @Brin, @Vestiging,
                @Dossiernummer, @StatusCode, @Weergave, @Kwalificatie, @Toelichting, @Foutcode, @GewijzigdOp, 'wachtend', 0,
                @GewijzigdOp, @GewijzigdOp)
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            c.GebeurtenisId, c.VolgordeSleutel, c.Soort, c.Systeem, c.Kanaal, c.Referentie, c.Brin, c.Vestiging,
            c.Dossiernummer, c.StatusCode, c.Weergave, c.Kwalificatie, c.Toelichting, c.Foutcode, c.GewijzigdOp,
        }, transaction, cancellationToken: ct));
    }

    /// <summary>Writes a callback that has no hulpvraag change with it (an OSO refusal, "Geweigerd").</summary>
    public async Task VoegToeAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await VoegToeAsync(connection, transaction, callback, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
    }

    public Task<IReadOnlyList<GeclaimdeCallback>> ClaimAsync(string eigenaar, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimAsync(eigenaar, max, lease, [], cancellationToken);

    /// <param name="uitgesloten">Destinations (<see cref="Bestemming"/>) that have no free delivery slot: their rows stay.</param>
    public async Task<IReadOnlyList<GeclaimdeCallback>> ClaimAsync(string eigenaar, int max, TimeSpan lease,
        IReadOnlyCollection<string> uitgesloten, CancellationToken cancellationToken)
    {
        // SKIP LOCKED lets several instances claim side by side without waiting on each other's rows; SQLite has a
        // single writer, so the UPDATE alone is atomic there.
        var skipLocked = connections.IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        // Dapper hands Npgsql the list as one array parameter and expands it into a list for SQLite.
        var zonder = uitgesloten.Count == 0 ? ""
            : connections.IsPostgres ? "AND (c.systeem || ':' || c.brin) <> ALL(@uitgesloten)" : "AND (c.systeem || ':' || c.brin) NOT IN @uitgesloten";
        var sql = $"""
            UPDATE callback SET lease_eigenaar = @eigenaar, lease_tot = @leaseTot, pogingen = pogingen + 1
            WHERE id IN (
                SELECT c.id FROM callback c
                WHERE c.toestand = 'wachtend' AND c.volgende_poging_op <= @nu
                  AND (c.lease_tot IS NULL OR c.lease_tot < @nu)
                  {zonder}
                  AND NOT EXISTS (SELECT 1 FROM callback e
                                  WHERE e.volgorde_sleutel = c.volgorde_sleutel AND e.toestand = 'wachtend' AND e.id < c.id)
                ORDER BY c.id
                LIMIT @max
                {skipLocked})
            RETURNING id, gebeurtenis_id, soort, systeem, kanaal, referentie, brin, vestiging, dossiernummer, status_code,
                weergave, kwalificatie, toelichting, foutcode, gewijzigd_op, pogingen, aangemaakt_op
            """;
        var nu = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rijen = await connection.QueryAsync<ClaimRij>(new CommandDefinition(sql,
            new { eigenaar, leaseTot = nu + lease, nu, max, uitgesloten = uitgesloten.ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return rijen.OrderBy(r => r.Id).Select(r => new GeclaimdeCallback(r.Id, new CallbackOpdracht
        {
            GebeurtenisId = r.GebeurtenisId,
            Soort = r.Soort,
            Systeem = r.Systeem,
            Kanaal = r.Kanaal,
            Referentie = r.Referentie,
            Brin = r.Brin,
            Vestiging = r.Vestiging,
            Dossiernummer = r.Dossiernummer,
            StatusCode = r.StatusCode,
            Weergave = r.Weergave,
            Kwalificatie = r.Kwalificatie,
            Toelichting = r.Toelichting,
            Foutcode = r.Foutcode,
            GewijzigdOp = r.GewijzigdOp,
        }, r.Pogingen, r.AangemaaktOp)).ToList();
    }

    /// <summary>The key of a destination: one source system at one school, as the dispatcher limits and breaks it.</summary>
    public static string Bestemming(CallbackOpdracht c) => $"{c.Systeem}:{c.Brin}";

    /// <summary>Each outcome only lands while this owner still holds the lease: a row reclaimed after a stall is not overwritten.</summary>
    public Task<bool> MarkeerAfgeleverdAsync(long id, string eigenaar, CancellationToken cancellationToken) =>
        ZetAsync("""
            UPDATE callback SET toestand = 'afgeleverd', afgeleverd_op = @nu, lease_eigenaar = NULL, lease_tot = NULL, laatste_fout = NULL
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, nu = clock.GetUtcNow() }, cancellationToken);

    public Task<bool> PlanOpnieuwAsync(long id, string eigenaar, DateTimeOffset volgendePoging, string fout, CancellationToken cancellationToken) =>
        ZetAsync("""
            UPDATE callback SET volgende_poging_op = @volgendePoging, laatste_fout = @fout, lease_eigenaar = NULL, lease_tot = NULL
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, volgendePoging, fout = Kort(fout) }, cancellationToken);

    public Task<bool> MarkeerDoodAsync(long id, string eigenaar, string fout, CancellationToken cancellationToken) =>
        ZetAsync("""
            UPDATE callback SET toestand = 'dood', laatste_fout = @fout, lease_eigenaar = NULL, lease_tot = NULL
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, fout = Kort(fout) }, cancellationToken);

    /// <summary>Re-drive: a dead row goes back to waiting, due now, with its attempts reset; its audit entry in the same transaction.</summary>
    public async Task<bool> OpnieuwAsync(long id, AuditRegel audit, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE callback SET toestand = 'wachtend', pogingen = 0, volgende_poging_op = @nu, aangemaakt_op = @nu,
                lease_eigenaar = NULL, lease_tot = NULL
            WHERE id = @id AND toestand = 'dood'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ok = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, nu = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ok;
    }

    public async Task<IReadOnlyList<CallbackOverzicht>> ZoekAsync(string? toestand, string? systeem, string? brin, int max, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, gebeurtenis_id, systeem, kanaal, referentie, brin, vestiging, dossiernummer, soort, status_code, toestand,
                pogingen, volgende_poging_op, laatste_fout, aangemaakt_op, afgeleverd_op
            FROM callback
            WHERE (@toestand IS NULL OR toestand = @toestand) AND (@systeem IS NULL OR systeem = @systeem)
              AND (@brin IS NULL OR brin = @brin)
            ORDER BY id DESC
            LIMIT @max
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<OverzichtRij>(new CommandDefinition(sql, new { toestand, systeem, brin, max }, cancellationToken: cancellationToken));
        return rijen.Select(r => new CallbackOverzicht(r.Id, r.GebeurtenisId, r.Systeem, r.Kanaal, r.Referentie, r.Brin, r.Vestiging,
            r.Dossiernummer, r.Soort, r.StatusCode, r.Toestand, r.Pogingen, r.VolgendePogingOp, r.LaatsteFout, r.AangemaaktOp, r.AfgeleverdOp)).ToList();
    }

    /// <summary>Age of the oldest callback still waiting; the metric that says whether schools hear in time.</summary>
    public async Task<TimeSpan?> OudsteWachtendeLeeftijdAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT MIN(aangemaakt_op) AS oudste FROM callback WHERE toestand = 'wachtend'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        // SQLite answers MIN() over text with text, PostgreSQL with a timestamp: read it as a row to use the type handler.
        var oudste = await connection.QuerySingleAsync<OudsteRij>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return oudste.Oudste is null ? null : clock.GetUtcNow() - oudste.Oudste.Value;
    }

    private async Task<bool> ZetAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }

    private static string Kort(string fout) => fout.Length <= 1000 ? fout : fout[..1000];

    private sealed class OudsteRij
    {
        public DateTimeOffset? Oudste { get; set; }
    }

    private sealed class ClaimRij
    {
        public long Id { get; set; }
        public Guid GebeurtenisId { get; set; }
        public string Soort { get; set; } = "";
        public string Systeem { get; set; } = "";
        public string? Kanaal { get; set; }
        public string Referentie { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public long? Dossiernummer { get; set; }
        public string? StatusCode { get; set; }
        public string? Weergave { get; set; }
        public string? Kwalificatie { get; set; }
        public string? Toelichting { get; set; }
        public string? Foutcode { get; set; }
        public DateTimeOffset GewijzigdOp { get; set; }
        public int Pogingen { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
    }

    private sealed class OverzichtRij
    {
        public long Id { get; set; }
        public Guid GebeurtenisId { get; set; }
        public string Systeem { get; set; } = "";
        public string? Kanaal { get; set; }
        public string Referentie { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public long? Dossiernummer { get; set; }
        public string Soort { get; set; } = "";
        public string? StatusCode { get; set; }
        public string Toestand { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset VolgendePogingOp { get; set; }
        public string? LaatsteFout { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? AfgeleverdOp { get; set; }
    }
}
