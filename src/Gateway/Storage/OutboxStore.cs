using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Outbox;

public static class AfleverToestanden
{
    public const string Wachtend = "wachtend";
    public const string Afgeleverd = "afgeleverd";
    public const string Dood = "dood";

    /// <summary>Deliberately not sent (an e-mail address that opted out): final.</summary>
    public const string Overgeslagen = "overgeslagen";
}

/// <summary>A row to write into the outbox, in the same transaction as the change it reports.</summary>
public sealed record NieuweAflevering(
    Guid GebeurtenisId, string Kanaal, long? Dossiernummer, string VolgordeSleutel, string Bestemming, string? Brin,
    string Payload, DateTimeOffset Op)
{
    /// <summary>A status callback: its channel follows its source system; order per hulpvraag at the source; destination per school.</summary>
    public static NieuweAflevering VoorCallback(CallbackOpdracht c) => new(
        c.GebeurtenisId, AfleverKanalen.VoorCallback(c.Systeem), c.Dossiernummer, c.VolgordeSleutel, BestemmingVan(c), c.Brin,
        CallbackPayload.Schrijf(c), c.GewijzigdOp);

    /// <summary>The key of a callback destination: one source system at one school, as the dispatcher limits and breaks it.</summary>
    public static string BestemmingVan(CallbackOpdracht c) => $"{c.Systeem}:{c.Brin}";
}

public sealed record CallbackOverzicht(
    long Id, Guid GebeurtenisId, string Systeem, string? Kanaal, string Referentie, string Brin, string Vestiging,
    long? Dossiernummer, string Soort, string? StatusCode, string Toestand, int Pogingen, DateTimeOffset VolgendePogingOp,
    string? LaatsteFout, DateTimeOffset AangemaaktOp, DateTimeOffset? AfgeleverdOp);

/// <summary>
/// The outbox: one table of delivery rows for every channel. Claims are leases: a row is taken by one dispatcher until
/// its lease ends, so a crashed instance's rows come back by themselves. Only the oldest undelivered row of a
/// (kanaal, volgorde_sleutel) can be claimed, which keeps each channel's deliveries for one hulpvraag in order.
/// </summary>
public sealed class OutboxStore(DbConnectionFactory connections, TimeProvider clock, OutboxSignal signal)
    : ICallbackWachtrij, IWerkOpslag<Aflevering>
{
    /// <summary>
    /// Delivered outcomes, at most 200 per UPDATE. A failed bundle fails its waiters like a single write would (their
    /// leases bring the rows back), so nothing is tried one by one.
    /// </summary>
    private readonly RondeBundel<(long Id, string Eigenaar), bool> _afgeleverd = new(200, 1, _ => false);

    internal const string InsertKolommen = """
        INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand,
            pogingen, volgende_poging_op, aangemaakt_op)
        """;

    /// <summary>Writes all rows of one change in ONE statement, so a second channel costs no extra round trip.</summary>
    internal static Task VoegToeAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NieuweAflevering> rijen, CancellationToken ct)
    {
        if (rijen.Count == 0)
        {
            return Task.CompletedTask;
        }

        var p = new DynamicParameters();
        var waarden = new List<string>(rijen.Count);
        for (var i = 0; i < rijen.Count; i++)
        {
            var r = rijen[i];
            p.Add($"g{i}", r.GebeurtenisId);
            p.Add($"k{i}", r.Kanaal);
            p.Add($"d{i}", r.Dossiernummer);
            p.Add($"v{i}", r.VolgordeSleutel);
            p.Add($"b{i}", r.Bestemming);
            p.Add($"r{i}", r.Brin);
            p.Add($"p{i}", r.Payload);
            p.Add($"o{i}", r.Op);
            waarden.Add($"(@g{i}, @k{i}, @d{i}, @v{i}, @b{i}, @r{i}, @p{i}, 'wachtend', 0, @o{i}, @o{i})");
        }

        var sql = InsertKolommen + " VALUES " + string.Join(", ", waarden);
        return connection.ExecuteAsync(new CommandDefinition(sql, p, transaction, cancellationToken: ct));
    }

    /// <summary>Writes a callback that has no hulpvraag change with it (an OSO refusal, "Geweigerd").</summary>
    public async Task VoegToeAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await VoegToeAsync(connection, null, [NieuweAflevering.VoorCallback(callback)], cancellationToken);
        signal.Notify();
    }

    public Task<IReadOnlyList<GeclaimdWerk<Aflevering>>> ClaimAsync(string eigenaar, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimAsync(eigenaar, max, lease, [], cancellationToken);

    /// <param name="uitgesloten">Destinations that have no free delivery slot: their rows stay.</param>
    public async Task<IReadOnlyList<GeclaimdWerk<Aflevering>>> ClaimAsync(string eigenaar, int max, TimeSpan lease,
        IReadOnlyCollection<string> uitgesloten, CancellationToken cancellationToken)
    {
        var skipLocked = connections.Dialect.SkipLocked;
        var zonder = uitgesloten.Count == 0 ? "" : "AND a.bestemming " + connections.Dialect.NietInLijst("uitgesloten");
        var sql = $"""
            UPDATE aflevering SET lease_eigenaar = @eigenaar, lease_tot = @leaseTot, pogingen = pogingen + 1
            WHERE id IN (
                SELECT a.id FROM aflevering a
                WHERE a.toestand = 'wachtend' AND a.volgende_poging_op <= @nu
                  AND (a.lease_tot IS NULL OR a.lease_tot < @nu)
                  {zonder}
                  AND NOT EXISTS (SELECT 1 FROM aflevering e
                                  WHERE e.kanaal = a.kanaal AND e.volgorde_sleutel = a.volgorde_sleutel
                                    AND e.toestand = 'wachtend' AND e.id < a.id)
                ORDER BY a.id
                LIMIT @max
                {skipLocked})
            RETURNING id, gebeurtenis_id, kanaal, dossiernummer, bestemming, payload, pogingen, aangemaakt_op
            """;
        var nu = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rijen = await connection.QueryAsync<ClaimRij>(new CommandDefinition(sql,
            new { eigenaar, leaseTot = nu + lease, nu, max, uitgesloten = uitgesloten.ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return rijen.OrderBy(r => r.Id).Select(r => new GeclaimdWerk<Aflevering>(
            new Aflevering(r.Id, r.GebeurtenisId, r.Kanaal, r.Dossiernummer, r.Bestemming, r.Payload, r.Pogingen, r.AangemaaktOp),
            r.GebeurtenisId.ToString("D"), r.Bestemming, r.Pogingen, r.AangemaaktOp)).ToList();
    }

    Task<bool> IWerkOpslag<Aflevering>.AfrondenAsync(GeclaimdWerk<Aflevering> werk, string eigenaar, WerkUitkomst uitkomst, CancellationToken cancellationToken) =>
        uitkomst switch
        {
            WerkUitkomst.Klaar { Toestand: AfleverToestanden.Overgeslagen } k => MarkeerOvergeslagenAsync(werk.Werk.Id, eigenaar, k.Melding ?? "", uitkomst.Poging, cancellationToken),
            WerkUitkomst.Klaar => MarkeerAfgeleverdAsync(werk.Werk.Id, eigenaar, uitkomst.Poging, cancellationToken),
            WerkUitkomst.Dood d => MarkeerDoodAsync(werk.Werk.Id, eigenaar, d.Reden, uitkomst.Poging, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(uitkomst), "Only Klaar or Dood finish a row."),
        };

    Task<bool> IWerkOpslag<Aflevering>.PlanOpnieuwAsync(GeclaimdWerk<Aflevering> werk, string eigenaar, DateTimeOffset volgendePoging, string reden,
        AfleverPoging? poging, CancellationToken cancellationToken) =>
        PlanOpnieuwAsync(werk.Werk.Id, eigenaar, volgendePoging, reden, poging, cancellationToken);

    /// <summary>
    /// Each outcome only lands while this owner still holds the lease: a row reclaimed after a stall is not overwritten.
    /// Delivered rows, the most frequent write of the outbox, are written together (see <see cref="RondeBundel{TItem, TUitkomst}"/>).
    /// <paramref name="poging"/> (an e-mail's recipient and SMTP answer) rides in the row's own UPDATE: one statement per attempt.
    /// </summary>
    public Task<bool> MarkeerAfgeleverdAsync(long id, string eigenaar, CancellationToken cancellationToken) =>
        MarkeerAfgeleverdAsync(id, eigenaar, null, cancellationToken);

    public Task<bool> MarkeerAfgeleverdAsync(long id, string eigenaar, AfleverPoging? poging, CancellationToken cancellationToken) =>
        poging is null
            ? _afgeleverd.VoerUitAsync((id, eigenaar), ZetAfgeleverdAsync, cancellationToken)
            : ZetAsync($"""
                UPDATE aflevering SET toestand = 'afgeleverd', afgeleverd_op = @nu, lease_eigenaar = NULL, lease_tot = NULL, laatste_fout = NULL{PogingKolommen(poging)}
                WHERE id = @id AND lease_eigenaar = @eigenaar
                """, new { id, eigenaar, nu = clock.GetUtcNow() }, poging, cancellationToken);

    /// <summary>One statement for a bundle of delivered rows; answers, per row, whether it was still this owner's.</summary>
    private async Task<IReadOnlyList<bool>> ZetAfgeleverdAsync(IReadOnlyList<(long Id, string Eigenaar)> rijen)
    {
        var sql = $"""
            UPDATE aflevering SET toestand = 'afgeleverd', afgeleverd_op = @nu, lease_eigenaar = NULL, lease_tot = NULL, laatste_fout = NULL
            WHERE lease_eigenaar = @eigenaar AND id {connections.Dialect.InLijst("ids")}
            RETURNING id
            """;
        var nu = clock.GetUtcNow();
        var gezet = new HashSet<long>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        // Normally one owner (this process's dispatcher); a statement per owner keeps the lease check exact.
        foreach (var groep in rijen.GroupBy(r => r.Eigenaar, StringComparer.Ordinal))
        {
            var ids = groep.Select(r => r.Id).ToArray();
            gezet.UnionWith(await connection.QueryAsync<long>(new CommandDefinition(sql, new { nu, eigenaar = groep.Key, ids })));
        }

        return rijen.Select(r => gezet.Contains(r.Id)).ToList();
    }

    public Task<bool> MarkeerOvergeslagenAsync(long id, string eigenaar, string reden, AfleverPoging? poging, CancellationToken cancellationToken) =>
        ZetAsync($"""
            UPDATE aflevering SET toestand = 'overgeslagen', afgeleverd_op = @nu, lease_eigenaar = NULL, lease_tot = NULL, laatste_fout = @fout{PogingKolommen(poging)}
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, nu = clock.GetUtcNow(), fout = Kort(reden) }, poging, cancellationToken);

    public Task<bool> PlanOpnieuwAsync(long id, string eigenaar, DateTimeOffset volgendePoging, string fout, CancellationToken cancellationToken) =>
        PlanOpnieuwAsync(id, eigenaar, volgendePoging, fout, null, cancellationToken);

    public Task<bool> PlanOpnieuwAsync(long id, string eigenaar, DateTimeOffset volgendePoging, string fout, AfleverPoging? poging, CancellationToken cancellationToken) =>
        ZetAsync($"""
            UPDATE aflevering SET volgende_poging_op = @volgendePoging, laatste_fout = @fout, lease_eigenaar = NULL, lease_tot = NULL{PogingKolommen(poging)}
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, volgendePoging, fout = Kort(fout) }, poging, cancellationToken);

    public Task<bool> MarkeerDoodAsync(long id, string eigenaar, string fout, AfleverPoging? poging, CancellationToken cancellationToken) =>
        ZetAsync($"""
            UPDATE aflevering SET toestand = 'dood', laatste_fout = @fout, lease_eigenaar = NULL, lease_tot = NULL{PogingKolommen(poging)}
            WHERE id = @id AND lease_eigenaar = @eigenaar
            """, new { id, eigenaar, fout = Kort(fout) }, poging, cancellationToken);

    /// <summary>Without a record of the attempt the columns keep what an earlier attempt wrote.</summary>
    private static string PogingKolommen(AfleverPoging? poging) =>
        poging is null ? "" : ", email_ontvanger = @ontvanger, email_antwoord = @antwoord";

    /// <summary>Re-drive: a dead row goes back to waiting, due now, with its attempts reset; its audit entry in the same transaction.</summary>
    public Task<bool> OpnieuwAsync(long id, AuditRegel audit, CancellationToken cancellationToken) =>
        OpnieuwAsync(connections, clock, signal, id, [AfleverKanalen.EsisCallback, AfleverKanalen.OsoTerugkoppeling], audit, cancellationToken);

    /// <summary>
    /// The re-drive of one dead row on one of <paramref name="kanalen"/>, for every channel's store (callbacks here, e-mail
    /// in EmailStore): waiting again, due now, its age and attempts reset, its audit entry in the same transaction.
    /// </summary>
    internal static async Task<bool> OpnieuwAsync(DbConnectionFactory connections, TimeProvider clock, OutboxSignal signal,
        long id, string[] kanalen, AuditRegel audit, CancellationToken cancellationToken)
    {
        var sql = $"""
            UPDATE aflevering SET toestand = 'wachtend', pogingen = 0, volgende_poging_op = @nu, aangemaakt_op = @nu,
                lease_eigenaar = NULL, lease_tot = NULL
            WHERE id = @id AND toestand = 'dood' AND kanaal {connections.Dialect.InLijst("kanalen")}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ok = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, kanalen, nu = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (ok)
        {
            signal.Notify();
        }

        return ok;
    }

    /// <summary>The callback rows (Esis and OSO channels), newest first; <paramref name="systeem"/> filters on the source system.</summary>
    public async Task<IReadOnlyList<CallbackOverzicht>> ZoekAsync(string? toestand, string? systeem, string? brin, int max, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT id, toestand, pogingen, volgende_poging_op, laatste_fout, aangemaakt_op, afgeleverd_op, payload
            FROM aflevering
            WHERE kanaal IN {CallbackKanalen}
              AND (@toestand IS NULL OR toestand = @toestand) AND (@kanaal IS NULL OR kanaal = @kanaal)
              AND (@brin IS NULL OR brin = @brin)
            ORDER BY id DESC
            LIMIT @max
            """;
        var kanaal = systeem is null ? null : AfleverKanalen.VoorCallback(systeem);
        if (systeem is not null && systeem != Core.Model.BronSystemen.Esis && systeem != Core.Model.BronSystemen.ParnasSys)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<OverzichtRij>(new CommandDefinition(sql, new { toestand, kanaal, brin, max }, cancellationToken: cancellationToken));
        return rijen.Select(r =>
        {
            var c = CallbackPayload.Lees(r.Payload);
            return new CallbackOverzicht(r.Id, c.GebeurtenisId, c.Systeem, c.Koppelsleutel, c.Referentie, c.Brin, c.Vestiging, c.Dossiernummer,
                c.Soort, c.StatusCode, r.Toestand, r.Pogingen, r.VolgendePogingOp, r.LaatsteFout, r.AangemaaktOp, r.AfgeleverdOp);
        }).ToList();
    }

    /// <summary>Age of the oldest row still waiting per channel; the metric that says whether schools hear in time.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> OudsteWachtendePerKanaalAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT kanaal, MIN(aangemaakt_op) AS oudste FROM aflevering WHERE toestand = 'wachtend' GROUP BY kanaal
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        // SQLite answers MIN() over text with text, PostgreSQL with a timestamp: read it as a row to use the type handler.
        var rijen = await connection.QueryAsync<OudsteRij>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        var nu = clock.GetUtcNow();
        return rijen.Where(r => r.Oudste is not null).ToDictionary(r => r.Kanaal, r => nu - r.Oudste!.Value, StringComparer.Ordinal);
    }

    /// <summary>Age of the oldest callback (Esis or OSO) still waiting.</summary>
    public async Task<TimeSpan?> OudsteWachtendeLeeftijdAsync(CancellationToken cancellationToken)
    {
        var perKanaal = await OudsteWachtendePerKanaalAsync(cancellationToken);
        var callbacks = perKanaal.Where(k => k.Key != AfleverKanalen.Email).Select(k => (TimeSpan?)k.Value);
        return callbacks.Max();
    }

    private async Task<bool> ZetAsync(string sql, object parameters, AfleverPoging? poging, CancellationToken cancellationToken)
    {
        var p = new DynamicParameters(parameters);
        if (poging is not null)
        {
            p.Add("ontvanger", poging.Ontvanger);
            p.Add("antwoord", poging.Antwoord);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, p, cancellationToken: cancellationToken)) == 1;
    }

    internal static string Kort(string fout) => fout.Length <= 1000 ? fout : fout[..1000];

    private sealed class OudsteRij
    {
        public string Kanaal { get; set; } = "";
        public DateTimeOffset? Oudste { get; set; }
    }

    private sealed class ClaimRij
    {
        public long Id { get; set; }
        public Guid GebeurtenisId { get; set; }
        public string Kanaal { get; set; } = "";
        public long? Dossiernummer { get; set; }
        public string Bestemming { get; set; } = "";
        public string Payload { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
    }

    /// <summary>The channels whose rows are callbacks (as SQL list); e-mails have their own lists.</summary>
    internal const string CallbackKanalen = $"('{AfleverKanalen.EsisCallback}', '{AfleverKanalen.OsoTerugkoppeling}')";

    /// <summary>A callback row as the helpdesk lists it (also read by <see cref="BeheerLeveringStore"/>).</summary>
    internal sealed class OverzichtRij
    {
        public long Id { get; set; }
        public string Toestand { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset VolgendePogingOp { get; set; }
        public string? LaatsteFout { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? AfgeleverdOp { get; set; }
        public string Payload { get; set; } = "";
    }
}
