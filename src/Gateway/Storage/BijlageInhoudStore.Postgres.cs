using System.Data;
using System.Data.Common;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace Hulpvraag.Gateway.Storage;

/// <summary>PostgreSQL: a stream-valued bytea parameter in, a sequential-access reader's stream out.</summary>
internal sealed class PostgresBijlageInhoudStore(DbConnectionFactory connections) : BijlageInhoudStore(connections)
{
    protected override async Task<Stream?> OpenAsync(DbConnection connection, string sha256, CancellationToken ct)
    {
        var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = "SELECT inhoud FROM bijlage_inhoud WHERE sha256 = @sha256";
        command.Parameters.AddWithValue("sha256", sha256);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
        {
            await reader.DisposeAsync();
            return null;
        }

        return new OwnedStream(await reader.GetStreamAsync(0, ct), connection, reader);
    }

    protected override async Task SchrijfAsync(DbConnection connection, DbTransaction transaction, BijlageInfo info, Stream bron, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO bijlage_inhoud (sha256, grootte, inhoud) VALUES (@sha256, @grootte, @inhoud) ON CONFLICT (sha256) DO NOTHING",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("sha256", info.Sha256);
        command.Parameters.AddWithValue("grootte", info.Grootte);
        command.Parameters.Add(new NpgsqlParameter("inhoud", NpgsqlDbType.Bytea) { Value = bron, Size = checked((int)info.Grootte) });
        await command.ExecuteNonQueryAsync(ct);
    }
}
