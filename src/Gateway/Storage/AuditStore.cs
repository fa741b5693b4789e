using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Who did what, when. Written in the transaction of the change it describes where there is one.</summary>
public sealed class AuditStore(DbConnectionFactory connections)
{
    public async Task SchrijfAsync(AuditRegel regel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await SchrijfAsync(connection, null, regel, cancellationToken);
    }

    internal static Task SchrijfAsync(DbConnection connection, DbTransaction? transaction, AuditRegel regel, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO audit (op, actor, actie, onderwerp, details) VALUES (@Op, @Actor, @Actie, @Onderwerp, @Details)
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, regel, transaction, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditRegel>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT op, actor, actie, onderwerp, details FROM audit ORDER BY id DESC LIMIT @max
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<AuditRij>(new CommandDefinition(sql, new { max }, cancellationToken: cancellationToken));
        return rijen.Select(r => new AuditRegel(r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details)).ToList();
    }

    private sealed class AuditRij
    {
        public DateTimeOffset Op { get; set; }
        public string Actor { get; set; } = "";
        public string Actie { get; set; } = "";
        public string Onderwerp { get; set; } = "";
        public string? Details { get; set; }
    }
}
