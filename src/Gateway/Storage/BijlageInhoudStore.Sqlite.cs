using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Hulpvraag.Gateway.Storage;

/// <summary>SQLite: incremental blob I/O, into a zeroblob of the recorded size and out of the row by rowid.</summary>
internal sealed class SqliteBijlageInhoudStore(DbConnectionFactory connections) : BijlageInhoudStore(connections)
{
    protected override async Task<Stream?> OpenAsync(DbConnection connection, string sha256, CancellationToken ct)
    {
        var sqlite = (SqliteConnection)connection;
        var rowid = await sqlite.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT rowid FROM bijlage_inhoud WHERE sha256 = @sha256", new { sha256 }, cancellationToken: ct));
        return rowid is null ? null : new OwnedStream(new SqliteBlob(sqlite, "bijlage_inhoud", "inhoud", rowid.Value, readOnly: true), connection, null);
    }

    protected override async Task SchrijfAsync(DbConnection connection, DbTransaction transaction, BijlageInfo info, Stream bron, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO bijlage_inhoud (sha256, grootte, inhoud) VALUES (@Sha256, @Grootte, zeroblob(@Grootte))
            ON CONFLICT (sha256) DO NOTHING
            RETURNING rowid
            """;
        var sqlite = (SqliteConnection)connection;
        var rowid = await sqlite.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { info.Sha256, info.Grootte }, transaction, cancellationToken: ct));
        if (rowid is null)
        {
            return;
        }

        await using var blob = new SqliteBlob(sqlite, "bijlage_inhoud", "inhoud", rowid.Value);
        await CopyExactAsync(bron, blob, info.Grootte, ct);
    }

    /// <summary>The blob has the recorded size already; a staging file of another length is a bug, not a short row.</summary>
    private static async Task CopyExactAsync(Stream bron, Stream doel, long lengte, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long totaal = 0;
        int gelezen;
        while ((gelezen = await bron.ReadAsync(buffer, ct)) > 0)
        {
            totaal += gelezen;
            if (totaal > lengte)
            {
                throw new InvalidDataException("Staged attachment is longer than its recorded size.");
            }

            await doel.WriteAsync(buffer.AsMemory(0, gelezen), ct);
        }

        if (totaal != lengte)
        {
            throw new InvalidDataException("Staged attachment is shorter than its recorded size.");
        }
    }
}
