namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Everything in the gateway's SQL that differs between SQLite and PostgreSQL, chosen once per provider by
/// <see cref="DbConnectionFactory"/>. Stores ask the dialect for the differing fragment instead of testing the
/// provider, so the SQL next to each intent-named method stays one statement for both. What both accept (ON CONFLICT
/// … DO NOTHING / DO UPDATE with <c>excluded</c>, RETURNING, LIMIT) is written directly.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect Postgres { get; } = new PostgresDialect();

    public static SqlDialect Voor(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres : Sqlite;

    /// <summary>The dialect of an open connection, for helpers that are handed a connection (and transaction) only.</summary>
    public static SqlDialect Van(System.Data.Common.DbConnection connection) => connection is Npgsql.NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>The folder of this provider's migrations (<c>Storage/Migrations/&lt;Naam&gt;</c>).</summary>
    public abstract string Naam { get; }

    /// <summary>
    /// Closes a claim's inner SELECT: PostgreSQL skips rows another instance has locked, so instances claim side by side
    /// without waiting; SQLite has a single writer, so the UPDATE alone is atomic there.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>
    /// What follows a column for "is one of the list parameter <paramref name="parameter"/>" (<c>kolom {InLijst("p")}</c>):
    /// Dapper expands a list into separate parameters for SQLite, and hands Npgsql one array (one plan for any length).
    /// </summary>
    public abstract string InLijst(string parameter);

    /// <summary>The negation of <see cref="InLijst"/>.</summary>
    public abstract string NietInLijst(string parameter);

    /// <summary>
    /// "The pupil's achternaam starts with <paramref name="tekst"/>, whatever the case", and the value to bind to
    /// <paramref name="parameter"/>. PostgreSQL reads the name from the JSON and matches it on an index
    /// (<c>ix_hulpvraag_achternaam</c>, V14), so a name nobody has is found absent without reading every row; SQLite
    /// matches the stored JSON text (escaped as System.Text.Json writes it), a scan that its small stores afford.
    /// </summary>
    public abstract (string Sql, string Waarde) AchternaamBegintMet(string parameter, string tekst);

    /// <summary>LIKE's wildcards and the escape character itself made literal (with <c>ESCAPE '!'</c>).</summary>
    protected static string LikeLetterlijk(string tekst) =>
        tekst.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    /// <summary>
    /// Whether INSERTs may run inside a WITH clause (PostgreSQL's data-modifying CTEs), so a create with its history
    /// and ontvangst rows is one statement and one round trip. SQLite allows only SELECT there.
    /// </summary>
    public abstract bool SchrijvendeCte { get; }

    /// <summary>
    /// Whether the database links an audit entry into the hash chain itself as the transaction commits (PostgreSQL: a
    /// deferred trigger, migration V15), so the chain's head row is locked for the commit only.
    /// </summary>
    public abstract bool AuditKetenBijCommit { get; }

    /// <summary>A query answering true when the table <paramref name="tabel"/> (a fixed name, never input) exists.</summary>
    public abstract string TabelBestaat(string tabel);

    /// <summary>Whether migrations take a database lock, so several instances starting together migrate once.</summary>
    public abstract bool MigratieMetSlot { get; }

    /// <summary>Run on the migration connection even when migrating failed (PostgreSQL: release the cluster lock).</summary>
    public abstract string? NaMigratieAltijd { get; }

    /// <summary>Run once the schema is up to date (SQLite: write-ahead logging, readers do not block the writer).</summary>
    public abstract string? NaMigratie { get; }

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Naam => "Sqlite";

        public override string SkipLocked => "";

        public override string InLijst(string parameter) => $"IN @{parameter}";

        public override string NietInLijst(string parameter) => $"NOT IN @{parameter}";

        public override (string Sql, string Waarde) AchternaamBegintMet(string parameter, string tekst) =>
            ($"leerling_json LIKE @{parameter} ESCAPE '!'",
                "%\"achternaam\":\"" + LikeLetterlijk(System.Text.Json.JsonSerializer.Serialize(tekst, JsonWeb)[1..^1]) + "%");

        private static readonly System.Text.Json.JsonSerializerOptions JsonWeb = new(System.Text.Json.JsonSerializerDefaults.Web);

        public override bool SchrijvendeCte => false;

        public override bool AuditKetenBijCommit => false;

        public override string TabelBestaat(string tabel) => $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{tabel}')";

        public override bool MigratieMetSlot => false;

        public override string? NaMigratieAltijd => null;

        public override string? NaMigratie => "PRAGMA journal_mode=WAL;";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string Naam => "Postgres";

        public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

        public override string InLijst(string parameter) => $"= ANY(@{parameter})";

        public override string NietInLijst(string parameter) => $"<> ALL(@{parameter})";

        // The same expression as the index, and lower() on both sides so the database's case rules apply to both.
        public override (string Sql, string Waarde) AchternaamBegintMet(string parameter, string tekst) =>
            ($"lower((leerling_json::jsonb) ->> 'achternaam') LIKE (lower(@{parameter}) || '%') ESCAPE '!'", LikeLetterlijk(tekst));

        public override bool SchrijvendeCte => true;

        public override bool AuditKetenBijCommit => true;

        public override string TabelBestaat(string tabel) => $"SELECT to_regclass('{tabel}') IS NOT NULL";

        public override bool MigratieMetSlot => true;

        // Cluster mode holds a session advisory lock; pooled connections are not reset on return (see
        // DbConnectionFactory), so no lock may survive a failed migration on this connection.
        public override string? NaMigratieAltijd => "SELECT pg_advisory_unlock_all();";

        public override string? NaMigratie => null;
    }
}
