using Microsoft.Data.Sqlite;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Where the SQLite file is. A relative <c>Data Source</c> is taken relative to the folder of the gateway program
/// (<see cref="AppContext.BaseDirectory"/>), never the current directory: <c>serve</c> and every CLI command find the
/// same file wherever they are started from.
/// </summary>
public static class SqliteLocatie
{
    public static string MaakAbsoluut(StorageProvider provider, string connectionString)
    {
        if (provider != StorageProvider.Sqlite)
        {
            return connectionString;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        var bron = builder.DataSource;
        if (string.IsNullOrEmpty(bron) || bron == ":memory:" || bron.StartsWith("file:", StringComparison.Ordinal) || Path.IsPathRooted(bron))
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, bron));
        return builder.ToString();
    }

    /// <summary>The file of a SQLite connection string (absolute after <see cref="MaakAbsoluut"/>), or null for in-memory.</summary>
    public static string? Bestand(string connectionString)
    {
        var bron = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(bron) || bron == ":memory:" || bron.StartsWith("file:", StringComparison.Ordinal) ? null : Path.GetFullPath(bron);
    }
}
