using Dapper;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Limieten;

/// <summary>An active lockout of one school: the school as a whole and/or the addresses refused for it.</summary>
public sealed record Blokkade(string Brin6, int Mislukkingen, DateTimeOffset? SchoolTot, IReadOnlyList<GeblokkeerdAdres> Adressen)
{
    public bool Actief => SchoolTot is not null || Adressen.Count > 0;
}

/// <summary>An address refused for one school, shortened to its network (/24, /48).</summary>
public sealed record GeblokkeerdAdres(string Adres, int Mislukkingen, DateTimeOffset Tot);

/// <summary>One failed verification-code attempt as the diagnose timeline shows it.</summary>
public sealed record MisluktePoging(DateTimeOffset Op, string? Brin, string? Vestiging, string Reden, string Adres);

/// <summary>
/// The Esis failure limits counted in the store: one upsert per key and time slot per failure, one indexed read per
/// accepted code. Every instance on the database reads and writes the same rows, so five wrong codes are five whichever
/// instance they reach, and deleting a school's rows lifts its lockout everywhere at once. A failure is counted and
/// checked in one serialised transaction, a success checked after its code was compared (see EsisAuthenticator), so
/// concurrent attempts get no more verdicts than sequential ones would.
/// </summary>
public sealed class FoutTellerStore(DbConnectionFactory connections, IOptions<EsisOptions> options, LimietMetrics metrics, TimeProvider clock) : IFoutTellers
{
    /// <summary>Slots per window: the window slides in steps of a fifteenth (one minute of the default 15).</summary>
    private const int VakkenPerVenster = 15;

    public async Task<TimeSpan?> GeblokkeerdAsync(string? brin6, string adres, CancellationToken cancellationToken)
    {
        var vraag = Vraag(brin6, adres);
        IEnumerable<TellerRij> rijen;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            rijen = await connection.QueryAsync<TellerRij>(new CommandDefinition(TellersSql, vraag.Parameters, cancellationToken: cancellationToken));
        }

        var wacht = Beoordeel(vraag, rijen);
        if (wacht is not null)
        {
            metrics.Geblokkeerd();
        }

        return wacht;
    }

    /// <summary>The counts of one caller's three keys within the window (also read by <see cref="EsisAanmeldStore"/>).</summary>
    internal const string TellersSql = """
        SELECT sleutel AS Sleutel, SUM(aantal) AS Aantal, MIN(vak) AS Oudste FROM limiet_teller
        WHERE sleutel IN (@s, @p, @a) AND vak > @vanaf GROUP BY sleutel
        """;

    /// <summary>The keys and times of one check: <see cref="TellersSql"/>'s parameters and what the verdict is measured against.</summary>
    internal sealed record TellerVraag(string S, string P, string A, long Nu, long Vak, long Venster)
    {
        public long Vanaf => Nu - Venster - Vak;

        /// <summary>A new set each time: a caller may add its own (the registration read's BRIN6).</summary>
        public DynamicParameters Parameters
        {
            get
            {
                var p = new DynamicParameters();
                p.Add("s", S);
                p.Add("p", P);
                p.Add("a", A);
                p.Add("vanaf", Vanaf);
                return p;
            }
        }
    }

    internal TellerVraag Vraag(string? brin6, string adres)
    {
        var (nu, vak, venster) = Tijden(options.Value);
        var (s, p, a) = Sleutels(brin6, adres);
        return new TellerVraag(s, p, a, nu, vak, venster);
    }

    /// <summary>How long the caller must still wait by <paramref name="rijen"/> (the rows of <see cref="TellersSql"/>), or null.</summary>
    internal TimeSpan? Beoordeel(TellerVraag vraag, IEnumerable<TellerRij> rijen)
    {
        var opties = options.Value;
        TimeSpan? wacht = null;
        long paar = 0;
        TellerRij? adresRij = null;
        foreach (var r in rijen)
        {
            var grens = r.Sleutel == vraag.S ? opties.MaxMislukkingenPerSchool : r.Sleutel == vraag.P ? opties.MaxMislukkingenPerAdresEnSchool : opties.MaxMislukkingenPerAdres;
            paar = r.Sleutel == vraag.P ? r.Aantal : paar;
            if (r.Sleutel == vraag.A)
            {
                // The address limit only refuses the schools this address has failed on: others behind the same NAT get in.
                adresRij = r;
                continue;
            }

            if (r.Aantal >= grens)
            {
                wacht = Max(wacht, Wacht(r, vraag.Nu, vraag.Vak, vraag.Venster));
            }
        }

        if (paar > 0 && adresRij is not null && adresRij.Aantal >= opties.MaxMislukkingenPerAdres)
        {
            wacht = Max(wacht, Wacht(adresRij, vraag.Nu, vraag.Vak, vraag.Venster));
        }

        return wacht;
    }

    /// <summary>
    /// Counts one failure for the three keys and decides, in the same transaction, whether the limits already held
    /// before it: then it is rolled back (not counted, not in the timeline) and the wait is returned. Concurrent
    /// failures on one key (any instance, any slot) are serialised, so exactly as many are counted as one process would.
    /// </summary>
    public async Task<TimeSpan?> RegistreerMislukkingAsync(MislukteVerificatie poging, CancellationToken cancellationToken)
    {
        // PostgreSQL: one advisory lock per key, taken in the order s, p, a (every transaction here takes one key of each
        // kind in that order, so they cannot deadlock), held to the end of the transaction; it serialises the failures
        // of a key even across a slot boundary, where the upsert's row lock would not. SQLite has a single writer.
        const string sloten = """
            SELECT pg_advisory_xact_lock(hashtextextended(@s, 0)), pg_advisory_xact_lock(hashtextextended(@p, 0)),
                   pg_advisory_xact_lock(hashtextextended(@a, 0));
            """;
        const string tel = """
            INSERT INTO limiet_teller (sleutel, vak, aantal) VALUES (@s, @vak, 1), (@p, @vak, 1), (@a, @vak, 1)
            ON CONFLICT (sleutel, vak) DO UPDATE SET aantal = limiet_teller.aantal + 1;
            """;
        const string stand = """
            SELECT sleutel AS Sleutel, SUM(aantal) AS Aantal, MIN(vak) AS Oudste FROM limiet_teller
            WHERE sleutel IN (@s, @p, @a) AND vak > @vanaf GROUP BY sleutel
            """;
        const string tijdlijn = """
            INSERT INTO esis_mislukte_poging (op, brin, vestiging, reden, adres) VALUES (@Op, @brin, @vestiging, @Reden, @kort)
            """;
        var opties = options.Value;
        var (nu, vakLengte, venster) = Tijden(opties);
        var ms = poging.Op.ToUnixTimeMilliseconds();
        var (s, p, a) = Sleutels(poging.Brin6, poging.Adres);
        var sleutels = new { s, p, a, vak = ms - (ms % vakLengte), vanaf = nu - venster - vakLengte };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition((connections.IsPostgres ? sloten : "") + tel, sleutels, transaction, cancellationToken: cancellationToken));
        var rijen = (await connection.QueryAsync<TellerRij>(new CommandDefinition(stand, sleutels, transaction, cancellationToken: cancellationToken))).ToList();

        // The limits as they stood before this failure (each count minus this one), the same rule as GeblokkeerdAsync.
        var voor = rijen.ToDictionary(r => r.Sleutel, r => r.Aantal - 1, StringComparer.Ordinal);
        TimeSpan? wacht = null;
        foreach (var r in rijen)
        {
            var overGrens = r.Sleutel == s ? voor[s] >= opties.MaxMislukkingenPerSchool
                : r.Sleutel == p ? voor[p] >= opties.MaxMislukkingenPerAdresEnSchool
                : voor.GetValueOrDefault(p) > 0 && voor[a] >= opties.MaxMislukkingenPerAdres;
            if (overGrens)
            {
                wacht = Max(wacht, Wacht(r, nu, vakLengte, venster));
            }
        }

        if (wacht is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            metrics.Geblokkeerd();
            return wacht;
        }

        await connection.ExecuteAsync(new CommandDefinition(tijdlijn, new
        {
            poging.Op, poging.Reden, kort = AdresVerkorter.Verkort(poging.Adres), brin = poging.Brin6?[..4], vestiging = poging.Brin6?[4..],
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        metrics.Mislukt(poging.Reden);
        return null;
    }

    /// <summary>The school's lockout as it stands now (for the diagnose and the helpdesk page); inactive when none applies.</summary>
    public async Task<Blokkade> BlokkadeAsync(string brin6, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT sleutel AS Sleutel, SUM(aantal) AS Aantal, MIN(vak) AS Oudste FROM limiet_teller
            WHERE (sleutel = @s OR sleutel LIKE @paren) AND vak > @vanaf GROUP BY sleutel
            """;
        // Dapper passes a list to Npgsql as one array parameter, to SQLite as expanded parameters.
        var adressenSql = $"""
            SELECT sleutel AS Sleutel, SUM(aantal) AS Aantal, MIN(vak) AS Oudste FROM limiet_teller
            WHERE sleutel {connections.Dialect.InLijst("sleutels")} AND vak > @vanaf GROUP BY sleutel
            """;
        var opties = options.Value;
        var (nu, vak, venster) = Tijden(opties);
        var vanaf = nu - venster - vak;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = (await connection.QueryAsync<TellerRij>(new CommandDefinition(sql,
            new { s = "s:" + brin6, paren = "p:%|" + brin6, vanaf }, cancellationToken: cancellationToken))).ToList();
        var school = rijen.FirstOrDefault(r => r.Sleutel == "s:" + brin6);
        var paren = rijen.Where(r => r.Sleutel.StartsWith("p:", StringComparison.Ordinal))
            .ToDictionary(r => r.Sleutel[2..r.Sleutel.LastIndexOf('|')], StringComparer.Ordinal);
        var perAdres = paren.Count == 0 ? new Dictionary<string, TellerRij>() : (await connection.QueryAsync<TellerRij>(new CommandDefinition(adressenSql,
            new { sleutels = paren.Keys.Select(k => "a:" + k).ToArray(), vanaf }, cancellationToken: cancellationToken))).ToDictionary(r => r.Sleutel[2..], StringComparer.Ordinal);

        var adressen = new List<GeblokkeerdAdres>();
        foreach (var (adres, paar) in paren)
        {
            TimeSpan? wacht = paar.Aantal >= opties.MaxMislukkingenPerAdresEnSchool ? Wacht(paar, nu, vak, venster) : null;
            if (perAdres.TryGetValue(adres, out var a) && a.Aantal >= opties.MaxMislukkingenPerAdres)
            {
                wacht = Max(wacht, Wacht(a, nu, vak, venster));
            }

            if (wacht is { } w)
            {
                adressen.Add(new GeblokkeerdAdres(AdresVerkorter.Verkort(adres), (int)paar.Aantal, Tijd(nu) + w));
            }
        }

        DateTimeOffset? schoolTot = school is not null && school.Aantal >= opties.MaxMislukkingenPerSchool ? Tijd(nu) + Wacht(school, nu, vak, venster) : null;
        return new Blokkade(brin6, (int)(school?.Aantal ?? 0), schoolTot, adressen);
    }

    /// <summary>
    /// Forgets the school's failures (per school and per address for it) on every instance at once, with the audit
    /// entry in the same transaction. Failures of an address on other schools stay counted.
    /// </summary>
    public async Task<int> HefBlokkadeOpAsync(string brin6, AuditRegel audit, CancellationToken cancellationToken)
    {
        const string sql = "DELETE FROM limiet_teller WHERE sleutel = @s OR sleutel LIKE @paren";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var verwijderd = await connection.ExecuteAsync(new CommandDefinition(sql, new { s = "s:" + brin6, paren = "p:%|" + brin6 }, transaction, cancellationToken: cancellationToken));
        await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Opgeheven();
        return verwijderd;
    }

    /// <summary>Failed attempts of a school (BRIN, or BRIN6 for one location), newest first.</summary>
    public async Task<IReadOnlyList<MisluktePoging>> MisluktePogingenAsync(string brin, string? vestiging, DateTimeOffset vanaf, int max, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT op AS Op, brin AS Brin, vestiging AS Vestiging, reden AS Reden, adres AS Adres FROM esis_mislukte_poging
            WHERE brin = @brin AND (@vestiging IS NULL OR vestiging = @vestiging) AND op >= @vanaf ORDER BY op DESC, id DESC LIMIT @max
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<PogingRij>(new CommandDefinition(sql, new { brin, vestiging, vanaf, max }, cancellationToken: cancellationToken));
        return rijen.Select(r => new MisluktePoging(r.Op, r.Brin, r.Vestiging, r.Reden, r.Adres)).ToList();
    }

    /// <summary>Schools and (address, school) pairs over their limit now, for the gauge on /metrics.</summary>
    public async Task<long> AantalActieveBlokkadesAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*) FROM (
                SELECT sleutel FROM limiet_teller WHERE vak > @vanaf AND (sleutel LIKE 's:%' OR sleutel LIKE 'p:%')
                GROUP BY sleutel HAVING SUM(aantal) >= CASE WHEN sleutel LIKE 's:%' THEN @maxSchool ELSE @maxPaar END) x
            """;
        var opties = options.Value;
        var (nu, vak, venster) = Tijden(opties);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql,
            new { vanaf = nu - venster - vak, maxSchool = opties.MaxMislukkingenPerSchool, maxPaar = opties.MaxMislukkingenPerAdresEnSchool }, cancellationToken: cancellationToken));
    }

    /// <summary>Now, the slot length and the window, all in Unix milliseconds.</summary>
    private (long Nu, long Vak, long Venster) Tijden(EsisOptions opties)
    {
        var venster = (long)opties.MislukkingVenster.TotalMilliseconds;
        return (clock.GetUtcNow().ToUnixTimeMilliseconds(), Math.Max(1000, venster / VakkenPerVenster), venster);
    }

    private static (string S, string P, string A) Sleutels(string? brin6, string adres) =>
        ("s:" + (brin6 ?? "-"), $"p:{adres}|{brin6 ?? "-"}", "a:" + adres);

    /// <summary>Until the oldest counted slot leaves the window (counted whole, so never too early).</summary>
    private static TimeSpan Wacht(TellerRij r, long nu, long vak, long venster) =>
        TimeSpan.FromMilliseconds(Math.Max(1000, r.Oudste + vak + venster - nu));

    private static DateTimeOffset Tijd(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static TimeSpan Max(TimeSpan? a, TimeSpan b) => a is null || b > a ? b : a.Value;

    internal sealed class TellerRij
    {
        public string Sleutel { get; set; } = "";
        public long Aantal { get; set; }
        public long Oudste { get; set; }
    }

    private sealed class PogingRij
    {
        public DateTimeOffset Op { get; set; }
        public string? Brin { get; set; }
        public string? Vestiging { get; set; }
        public string Reden { get; set; } = "";
        public string Adres { get; set; } = "";
    }
}
