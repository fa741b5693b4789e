using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;

namespace Hulpvraag.Gateway.Storage;

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
/// Newest first with keyset paging: every page, however deep, is an index range scan from the cursor on, never an
/// OFFSET. Each equality filter has an index ending in (ontvangen_op, dossiernummer) (V14: status, BRIN, titel; and
/// <c>ix_hulpvraag_ontvangen</c> without one), so the cursor is an index condition, not a filter over skipped rows.
/// Plans and figures: docs/performance.md, "Helpdesk UI".
/// </summary>
public sealed class BeheerLijstStore(DbConnectionFactory connections)
{
    public const int MaxExport = 200_000;

    private const string Kolommen = SamenvattingRij.Kolommen;

    private const string Volgorde = "ORDER BY ontvangen_op DESC, dossiernummer DESC";

    public async Task<IReadOnlyList<LijstRegel>> PaginaAsync(LijstFilter filter, LijstCursor? na, int per, CancellationToken ct)
    {
        var (waar, statussen) = Waar(filter, na, connections.Dialect);
        var p = waar.Parameters;
        p.Add("max", per);
        string sql;
        if (statussen.Count > 1)
        {
            // Several statuses: one ordered index range per status, merged (PostgreSQL: Merge Append), instead of
            // walking all hulpvragen newest first and dropping those in other statuses (seconds on a deep page).
            var delen = statussen.Select((s, i) =>
            {
                p.Add($"s{i}", s);
                return $"SELECT * FROM (SELECT {Kolommen} FROM hulpvraag {En(waar.Sql, $"status_code = @s{i}")} {Volgorde} LIMIT @max) AS d{i}";
            });
            sql = string.Join(" UNION ALL ", delen) + $" {Volgorde} LIMIT @max";
        }
        else
        {
            if (statussen.Count == 1)
            {
                p.Add("s0", statussen[0]);
            }

            sql = $"SELECT {Kolommen} FROM hulpvraag {(statussen.Count == 1 ? En(waar.Sql, "status_code = @s0") : waar.Sql)} {Volgorde} LIMIT @max";
        }

        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<SamenvattingRij>(new CommandDefinition(sql, p, cancellationToken: ct));
        return rijen.Select(r => r.NaarRegel()).ToList();
    }

    /// <summary>Streams the selection row by row (never held in memory), at most <see cref="MaxExport"/> rows.</summary>
    public async IAsyncEnumerable<LijstRegel> AllesAsync(LijstFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var waar = HulpvraagWaar.Voor(filter.Statussen, filter.Brin, filter.Vestiging, filter.Titel, filter.Bron, filter.Vanaf, filter.Tot);
        VoegTekstToe(waar, filter.Tekst, connections.Dialect);
        var p = waar.Parameters;
        p.Add("max", MaxExport);
        await using var c = await connections.OpenAsync(ct);
        await foreach (var r in c.QueryUnbufferedAsync<SamenvattingRij>($"SELECT {Kolommen} FROM hulpvraag {waar.Sql} {Volgorde} LIMIT @max", p).WithCancellation(ct))
        {
            yield return r.NaarRegel();
        }
    }

    /// <summary>Every condition but the statuses (the caller places those), with the cursor as a row comparison.</summary>
    private static (HulpvraagWaar Waar, IReadOnlyList<string> Statussen) Waar(LijstFilter f, LijstCursor? na, SqlDialect dialect)
    {
        var waar = HulpvraagWaar.Voor([], f.Brin, f.Vestiging, f.Titel, f.Bron, f.Vanaf, f.Tot);
        VoegTekstToe(waar, f.Tekst, dialect);
        if (na is { } cursor)
        {
            // A row comparison, so both columns bound the index range (an OR of two comparisons would only filter).
            waar.Parameters.Add("naOp", cursor.Op);
            waar.Parameters.Add("naNummer", cursor.Dossiernummer);
            waar.En("(ontvangen_op, dossiernummer) < (@naOp, @naNummer)");
        }

        return (waar, f.Statussen);
    }

    /// <summary>Dossiernummer, the school's referentie, or (the start of) the pupil's achternaam.</summary>
    private static void VoegTekstToe(HulpvraagWaar waar, string? tekst, SqlDialect dialect)
    {
        if (tekst is not { Length: > 0 })
        {
            return;
        }

        var p = waar.Parameters;
        p.Add("tekst", tekst);
        var delen = new List<string> { "referentie = @tekst" };
        if (long.TryParse(tekst, NumberStyles.None, CultureInfo.InvariantCulture, out var nummer))
        {
            p.Add("nummer", nummer);
            delen.Add("dossiernummer = @nummer");
        }
        else
        {
            var (sql, waarde) = dialect.AchternaamBegintMet("achternaam", tekst);
            p.Add("achternaam", waarde);
            delen.Add(sql);
        }

        waar.En("(" + string.Join(" OR ", delen) + ")");
    }

    private static string En(string waarSql, string conditie) => waarSql.Length == 0 ? "WHERE " + conditie : waarSql + " AND " + conditie;
}
