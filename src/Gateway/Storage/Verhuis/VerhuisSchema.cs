using System.Data.Common;
using Dapper;

namespace Hulpvraag.Gateway.Verhuis;

/// <summary>A table as the move sees it: its columns with the target's type, and the tables it refers to.</summary>
internal sealed record VerhuisTabel(string Naam, IReadOnlyList<VerhuisKolom> Kolommen, IReadOnlySet<string> Verwijst);

internal sealed record VerhuisKolom(string Naam, string DoelType, string? Reeks);

/// <summary>
/// Reads both schemas instead of naming tables: every table of the SQLite store is carried, in foreign-key order,
/// whatever migrations added it. Both stores are migrated by this build first, so their tables and columns match.
/// </summary>
internal static class VerhuisSchema
{
    /// <summary>Evolve's own bookkeeping: each store keeps its own, written by its own migration run.</summary>
    public const string Metadata = "schema_versie";

    public static async Task<IReadOnlyList<string>> BronTabellenAsync(DbConnection bron, DbTransaction t, CancellationToken ct) =>
        (await bron.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> @Metadata ORDER BY name",
            new { Metadata }, t, cancellationToken: ct))).ToList();

    public static async Task<IReadOnlyList<string>> BronKolommenAsync(DbConnection bron, DbTransaction t, string tabel, CancellationToken ct) =>
        (await bron.QueryAsync<string>(new CommandDefinition("SELECT name FROM pragma_table_info(@tabel) ORDER BY cid", new { tabel }, t, cancellationToken: ct))).ToList();

    public static async Task<IReadOnlySet<string>> BronVerwijzingenAsync(DbConnection bron, DbTransaction t, string tabel, CancellationToken ct) =>
        (await bron.QueryAsync<string>(new CommandDefinition("SELECT \"table\" FROM pragma_foreign_key_list(@tabel)", new { tabel }, t, cancellationToken: ct)))
            .Where(v => v != tabel).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The target's columns per table: data type and the sequence behind a serial column or a nextval default (the
    /// dossiernummer sequence is not owned by its column, so pg_get_serial_sequence alone misses it).
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, (string Type, string? Reeks)>>> DoelKolommenAsync(DbConnection doel, DbTransaction t, CancellationToken ct)
    {
        var rijen = await doel.QueryAsync<(string Tabel, string Kolom, string Type, string? Reeks)>(new CommandDefinition("""
            SELECT c.table_name, c.column_name, c.data_type,
                   COALESCE(pg_get_serial_sequence(quote_ident(c.table_name), c.column_name),
                            substring(c.column_default FROM 'nextval\(''([^'']+)''::regclass\)'))
            FROM information_schema.columns c
            JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema()
            """, transaction: t, cancellationToken: ct));
        var perTabel = new Dictionary<string, Dictionary<string, (string, string?)>>(StringComparer.Ordinal);
        foreach (var r in rijen)
        {
            if (!perTabel.TryGetValue(r.Tabel, out var kolommen))
            {
                perTabel[r.Tabel] = kolommen = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
            }

            kolommen[r.Kolom] = (r.Type, r.Reeks);
        }

        return perTabel;
    }

    /// <summary>Referenced tables first; a cycle (none today) is refused rather than copied in a wrong order.</summary>
    public static IReadOnlyList<VerhuisTabel> InVolgorde(IReadOnlyList<VerhuisTabel> tabellen)
    {
        var klaar = new List<VerhuisTabel>();
        var gedaan = new HashSet<string>(StringComparer.Ordinal);
        var over = tabellen.ToList();
        while (over.Count > 0)
        {
            var volgende = over.Where(t => t.Verwijst.All(v => gedaan.Contains(v) || tabellen.All(x => x.Naam != v))).ToList();
            if (volgende.Count == 0)
            {
                throw new InvalidOperationException("Foreign-key cycle between " + string.Join(", ", over.Select(t => t.Naam)));
            }

            foreach (var t in volgende)
            {
                klaar.Add(t);
                gedaan.Add(t.Naam);
                over.Remove(t);
            }
        }

        return klaar;
    }
}
