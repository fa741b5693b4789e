using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// Attachment content (<c>bijlage_inhoud</c>), one row per sha256: written once inside the transaction of the hulpvraag
/// that brings it, streamed in from the staging file and out to the reader without ever being held in memory. How a
/// large value streams differs per provider (<see cref="SqliteBijlageInhoudStore"/>, <see cref="PostgresBijlageInhoudStore"/>).
/// </summary>
internal abstract class BijlageInhoudStore(DbConnectionFactory connections)
{
    protected DbConnectionFactory Connections { get; } = connections;

    public static BijlageInhoudStore Voor(DbConnectionFactory connections) =>
        connections.Provider == StorageProvider.Postgres ? new PostgresBijlageInhoudStore(connections) : new SqliteBijlageInhoudStore(connections);

    /// <summary>Streams the content out of the store; the caller disposes the stream, which closes the connection. Null when absent.</summary>
    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        var connection = await Connections.OpenAsync(cancellationToken);
        try
        {
            var stream = await OpenAsync(connection, sha256, cancellationToken);
            if (stream is null)
            {
                await connection.DisposeAsync();
            }

            return stream;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the content unless a row with its sha256 is already there (content is shared between hulpvragen).</summary>
    public async Task BewaarAsync(DbConnection connection, DbTransaction transaction, NieuweBijlage bijlage, CancellationToken ct)
    {
        var info = bijlage.Info;
        var bestaat = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM bijlage_inhoud WHERE sha256 = @Sha256", new { info.Sha256 }, transaction, cancellationToken: ct));
        if (bestaat is not null)
        {
            return;
        }

        await using var bron = bijlage.Inhoud.OpenRead();
        await SchrijfAsync(connection, transaction, info, bron, ct);
    }

    /// <summary>The stream over one row's content that owns <paramref name="connection"/>, or null when there is no such row.</summary>
    protected abstract Task<Stream?> OpenAsync(DbConnection connection, string sha256, CancellationToken ct);

    /// <summary>Inserts the row with its content read from <paramref name="bron"/> (exactly <c>info.Grootte</c> bytes); a concurrent insert of the same sha256 wins silently.</summary>
    protected abstract Task SchrijfAsync(DbConnection connection, DbTransaction transaction, BijlageInfo info, Stream bron, CancellationToken ct);
}
