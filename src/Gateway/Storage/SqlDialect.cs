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

    /// <summary>A LIKE that ignores case: SQLite's LIKE already does (for ASCII), PostgreSQL needs ILIKE.</summary>
    public abstract string LikeZonderHoofdletters { get; }

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

        public override string LikeZonderHoofdletters => "LIKE";

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

        public override string LikeZonderHoofdletters => "ILIKE";

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
