using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hulpvraag.Gateway.Verhuis;

/// <summary>What was moved: per table the rows and the checksum both stores agreed on.</summary>
public sealed record TabelVerslag(string Tabel, long Rijen, string Controlegetal);

/// <summary>
/// <c>gateway verhuis</c>: moves everything from the configured SQLite store into an empty PostgreSQL database. The
/// target is migrated by this build, must be empty, and is filled in one transaction: every table the schemas have
/// (discovered, in foreign-key order, attachment content included, ids and dossiernummers kept), sequences moved past
/// the copied ids, then every table read back and compared with the source (row count and a checksum over every
/// value) before the commit. Anything that does not match rolls the whole move back.
/// </summary>
public sealed partial class Verhuizer(DbConnectionFactory bron, ILoggerFactory loggers)
{
    public const string DoelNietLeeg = "DOEL_NIET_LEEG";
    public const string BronGeenSqlite = "BRON_GEEN_SQLITE";
    public const string SchemaVerschilt = "SCHEMA_VERSCHILT";
    public const string ControleMislukt = "CONTROLE_MISLUKT";

    /// <summary>Tables a migration fills with one state row (the audit chain's head): the source's row replaces it.</summary>
    private static readonly HashSet<string> StaatTabellen = new(StringComparer.Ordinal) { "audit_keten" };

    private readonly ILogger _logger = loggers.CreateLogger<Verhuizer>();

    public async Task<Result<IReadOnlyList<TabelVerslag>>> VerhuisAsync(string naar, CancellationToken cancellationToken)
    {
        if (bron.IsPostgres)
        {
            return Weiger(BronGeenSqlite, "De geconfigureerde opslag is al PostgreSQL; verhuizen kan alleen vanuit SQLite.");
        }

        await using var doel = new DbConnectionFactory(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = naar }));
        await new Migrator(doel, loggers.CreateLogger<Migrator>()).MigrateAsync(cancellationToken);

        await using var b = await bron.OpenAsync(cancellationToken);
        // One read transaction: a consistent snapshot of the source, even if something still writes to it.
        await using var bt = ((Microsoft.Data.Sqlite.SqliteConnection)b).BeginTransaction(deferred: true);
        await using var d = (NpgsqlConnection)await doel.OpenAsync(cancellationToken);
        await using var dt = await d.BeginTransactionAsync(cancellationToken);

        var schema = await SchemaAsync(b, bt, d, dt, cancellationToken);
        if (!schema.IsSuccess)
        {
            return Result<IReadOnlyList<TabelVerslag>>.Fail(schema.Fouten);
        }

        foreach (var tabel in schema.Value!)
        {
            var aantal = await d.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {Id(tabel.Naam)}", transaction: dt, cancellationToken: cancellationToken));
            if (aantal > 0 && !StaatTabellen.Contains(tabel.Naam))
            {
                return Weiger(DoelNietLeeg, $"De doeldatabase is niet leeg: tabel {tabel.Naam} heeft {aantal} rij(en). Verhuis naar een nieuwe, lege database.");
            }
        }

        var verslag = new List<TabelVerslag>();
        foreach (var tabel in schema.Value!)
        {
            if (StaatTabellen.Contains(tabel.Naam))
            {
                await d.ExecuteAsync(new CommandDefinition($"DELETE FROM {Id(tabel.Naam)}", transaction: dt, cancellationToken: cancellationToken));
            }

            var bronSom = await VerhuisKopie.KopieerAsync(b, bt, d, tabel, cancellationToken);
            var doelSom = await VerhuisKopie.LeesTerugAsync(d, dt, tabel, cancellationToken);
            if (bronSom != doelSom)
            {
                await dt.RollbackAsync(cancellationToken);
                return Weiger(ControleMislukt, $"Tabel {tabel.Naam}: {bronSom.Rijen} rij(en) in SQLite, {doelSom.Rijen} in PostgreSQL of een andere inhoud. Er is niets verhuisd.");
            }

            foreach (var kolom in tabel.Kolommen.Where(k => k.Reeks is not null))
            {
                // Past every copied id, so the next hulpvraag gets a new dossiernummer (and the next row a new id).
                await d.ExecuteAsync(new CommandDefinition(
                    $"SELECT setval(@reeks, m) FROM (SELECT MAX({Id(kolom.Naam)}) AS m FROM {Id(tabel.Naam)}) x WHERE m IS NOT NULL",
                    new { reeks = kolom.Reeks }, dt, cancellationToken: cancellationToken));
            }

            verslag.Add(new TabelVerslag(tabel.Naam, bronSom.Rijen, bronSom.Controlegetal));
            LogTabel(_logger, tabel.Naam, bronSom.Rijen);
        }

        await dt.CommitAsync(cancellationToken);
        return Result<IReadOnlyList<TabelVerslag>>.Ok(verslag);
    }

    private static async Task<Result<IReadOnlyList<VerhuisTabel>>> SchemaAsync(
        DbConnection b, DbTransaction bt, DbConnection d, DbTransaction dt, CancellationToken ct)
    {
        var doelKolommen = await VerhuisSchema.DoelKolommenAsync(d, dt, ct);
        var tabellen = new List<VerhuisTabel>();
        foreach (var naam in await VerhuisSchema.BronTabellenAsync(b, bt, ct))
        {
            if (!doelKolommen.TryGetValue(naam, out var doel))
            {
                return Result<IReadOnlyList<VerhuisTabel>>.Fail(new Fout(SchemaVerschilt, null, $"Tabel {naam} bestaat niet in PostgreSQL: bron en doel hebben een verschillende schemaversie."));
            }

            var bronKolommen = await VerhuisSchema.BronKolommenAsync(b, bt, naam, ct);
            var ontbreekt = bronKolommen.Where(k => !doel.ContainsKey(k)).Concat(doel.Keys.Where(k => !bronKolommen.Contains(k))).ToList();
            if (ontbreekt.Count > 0)
            {
                return Result<IReadOnlyList<VerhuisTabel>>.Fail(new Fout(SchemaVerschilt, null, $"Tabel {naam}: kolom(men) {string.Join(", ", ontbreekt)} niet in beide databases."));
            }

            tabellen.Add(new VerhuisTabel(naam, bronKolommen.Select(k => new VerhuisKolom(k, doel[k].Type, doel[k].Reeks)).ToList(),
                await VerhuisSchema.BronVerwijzingenAsync(b, bt, naam, ct)));
        }

        var zonderBron = doelKolommen.Keys.Where(t => t != VerhuisSchema.Metadata && tabellen.All(x => x.Naam != t)).ToList();
        if (zonderBron.Count > 0)
        {
            return Result<IReadOnlyList<VerhuisTabel>>.Fail(new Fout(SchemaVerschilt, null, $"Tabel(len) {string.Join(", ", zonderBron)} alleen in PostgreSQL."));
        }

        return Result<IReadOnlyList<VerhuisTabel>>.Ok(VerhuisSchema.InVolgorde(tabellen));
    }

    internal static string Id(string naam) => "\"" + naam.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static Result<IReadOnlyList<TabelVerslag>> Weiger(string code, string melding) =>
        Result<IReadOnlyList<TabelVerslag>>.Fail(new Fout(code, null, melding));

    [LoggerMessage(EventId = LogEventIds.VerhuisTabelGekopieerd, Level = LogLevel.Information, Message = "Verhuis: table {Tabel} copied and verified ({Rijen} rows)")]
    private static partial void LogTabel(ILogger logger, string tabel, long rijen);
}
