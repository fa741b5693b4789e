using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Hulpvraag.Core.Model;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>The filters of the Hulpvragen page; the CSV export uses exactly the same.</summary>
/// <param name="Tekst">Dossiernummer, the school's referentie, or (the start of) the pupil's achternaam.</param>
public sealed record LijstFilter(
    IReadOnlyList<string> Statussen, string? Brin, string? Vestiging, string? Titel, string? Bron,
    DateTimeOffset? Vanaf, DateTimeOffset? Tot, string? Tekst)
{
    public static LijstFilter Leeg { get; } = new([], null, null, null, null, null, null, null);
}

/// <summary>Where the next page starts: after this (ontvangen_op, dossiernummer) in newest-first order.</summary>
public readonly record struct LijstCursor(DateTimeOffset Op, long Dossiernummer)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Op.UtcTicks}-{Dossiernummer}");

    public static LijstCursor? Lees(string? tekst)
    {
        var delen = (tekst ?? "").Split('-');
        return delen.Length == 2
            && long.TryParse(delen[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(delen[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new LijstCursor(new DateTimeOffset(ticks, TimeSpan.Zero), d)
            : null;
    }
}

public sealed record LijstRegel(
    long Dossiernummer, string Systeem, string Referentie, string Brin, string Vestiging, string Titel, string StatusCode,
    string? StatusKwalificatie, DateTimeOffset OntvangenOp, int Versie, string? Leerling, string Aanvrager);

/// <summary>
/// Newest first with keyset paging: every page, however deep, is an index range scan from the cursor on
/// (<c>ix_hulpvraag_ontvangen</c>, or the status/BRIN indexes that end in ontvangen_op), never an OFFSET.
/// </summary>
public sealed class HulpvraagLijst(DbConnectionFactory connections)
{
    public const int MaxExport = 200_000;

    public async Task<IReadOnlyList<LijstRegel>> PaginaAsync(LijstFilter filter, LijstCursor? na, int per, CancellationToken ct)
    {
        var (sql, p) = Sql(filter, na, connections.Dialect);
        p.Add("max", per);
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<Rij>(new CommandDefinition(sql + " LIMIT @max", p, cancellationToken: ct));
        return rijen.Select(r => r.Naar()).ToList();
    }

    /// <summary>Streams the selection row by row (never held in memory), at most <see cref="MaxExport"/> rows.</summary>
    public async IAsyncEnumerable<LijstRegel> AllesAsync(LijstFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var (sql, p) = Sql(filter, null, connections.Dialect);
        p.Add("max", MaxExport);
        await using var c = await connections.OpenAsync(ct);
        await foreach (var r in c.QueryUnbufferedAsync<Rij>(sql + " LIMIT @max", p).WithCancellation(ct))
        {
            yield return r.Naar();
        }
    }

    private static (string Sql, DynamicParameters P) Sql(LijstFilter f, LijstCursor? na, SqlDialect dialect)
    {
        var waar = HulpvraagWaar.Voor(f.Statussen, f.Brin, f.Vestiging, f.Titel, f.Bron, f.Vanaf, f.Tot);
        var p = waar.Parameters;
        if (f.Tekst is { Length: > 0 } tekst)
        {
            p.Add("tekst", tekst);
            var delen = new List<string> { "referentie = @tekst" };
            if (long.TryParse(tekst, NumberStyles.None, CultureInfo.InvariantCulture, out var nummer))
            {
                p.Add("nummer", nummer);
                delen.Add("dossiernummer = @nummer");
            }
            else
            {
                // The pupil's achternaam as stored in leerling_json (same JSON escaping), matched from its start.
                var json = JsonSerializer.Serialize(tekst, Json)[1..^1];
                p.Add("achternaam", "%\"achternaam\":\"" + json.Replace("!", "!!", StringComparison.Ordinal)
                    .Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal) + "%");
                delen.Add($"leerling_json {dialect.LikeZonderHoofdletters} @achternaam ESCAPE '!'");
            }

            waar.En("(" + string.Join(" OR ", delen) + ")");
        }

        if (na is { } cursor)
        {
            p.Add("naOp", cursor.Op);
            p.Add("naNummer", cursor.Dossiernummer);
            waar.En("(ontvangen_op < @naOp OR (ontvangen_op = @naOp AND dossiernummer < @naNummer))");
        }

        var sql = $"""
            SELECT dossiernummer, systeem, referentie, brin, vestiging, titel, status_code, status_kwalificatie, ontvangen_op,
                versie, leerling_json, aanvrager_json
            FROM hulpvraag {waar.Sql}
            ORDER BY ontvangen_op DESC, dossiernummer DESC
            """;
        return (sql, p);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class Rij
    {
        public long Dossiernummer { get; set; }
        public string Systeem { get; set; } = "";
        public string Referentie { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Titel { get; set; } = "";
        public string StatusCode { get; set; } = "";
        public string? StatusKwalificatie { get; set; }
        public DateTimeOffset OntvangenOp { get; set; }
        public int Versie { get; set; }
        public string? LeerlingJson { get; set; }
        public string AanvragerJson { get; set; } = "";

        public LijstRegel Naar()
        {
            var leerling = LeerlingJson is null ? null : JsonSerializer.Deserialize<Leerling>(LeerlingJson, Json);
            var naam = leerling is null ? null
                : string.Join(' ', new[] { leerling.Roepnaam, leerling.Tussenvoegsel, leerling.Achternaam }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return new(Dossiernummer, Systeem, Referentie, Brin, Vestiging, Titel, StatusCode, StatusKwalificatie, OntvangenOp, Versie,
                naam, JsonSerializer.Deserialize<Aanvrager>(AanvragerJson, Json)?.Naam ?? "");
        }
    }
}
