using System.Security.Cryptography;
using System.Text;
using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Admin;

public static class Rollen
{
    public const string Helpdesk = "helpdesk";
    public const string Backoffice = "backoffice";
    public const string Admin = "admin";

    public static IReadOnlyList<string> Alle { get; } = [Helpdesk, Backoffice, Admin];
}

public sealed record ApiSleutelInfo(string Id, string Naam, string Rol, DateTimeOffset AangemaaktOp, DateTimeOffset? IngetrokkenOp, DateTimeOffset? LaatstGebruiktOp);

public sealed record NieuweApiSleutel(ApiSleutelInfo Info, string Sleutel);

public sealed record GeverifieerdeSleutel(string Id, string Naam, string Rol);

/// <summary>
/// Admin API keys: <c>hgw_{id}_{secret}</c>, shown once, stored as SHA-256 of the 256-bit secret (a fast hash is
/// enough for a random secret of that size), looked up by id and compared in constant time.
/// </summary>
public sealed class ApiKeyStore(DbConnectionFactory connections, TimeProvider clock)
{
    private const string Prefix = "hgw_";

    public async Task<NieuweApiSleutel> MaakAsync(string naam, string rol, string actor, CancellationToken cancellationToken)
    {
        if (!Rollen.Alle.Contains(rol))
        {
            throw new ArgumentException($"Unknown role '{rol}'.", nameof(rol));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var geheim = Base64Url(RandomNumberGenerator.GetBytes(32));
        var nu = clock.GetUtcNow();
        const string sql = """
            INSERT INTO api_sleutel (id, naam, rol, hash, aangemaakt_op) VALUES (@id, @naam, @rol, @hash, @nu)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, naam, rol, hash = Hash(geheim), nu }, transaction, cancellationToken: cancellationToken));
        await AuditStore.SchrijfAsync(connection, transaction, new AuditRegel(nu, actor, "apikey.aanmaken", $"apikey:{id}", $"naam={naam}, rol={rol}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new NieuweApiSleutel(new ApiSleutelInfo(id, naam, rol, nu, null, null), $"{Prefix}{id}_{geheim}");
    }

    public async Task<IReadOnlyList<ApiSleutelInfo>> LijstAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, naam, rol, aangemaakt_op, ingetrokken_op, laatst_gebruikt_op FROM api_sleutel ORDER BY aangemaakt_op
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rijen = await connection.QueryAsync<Rij>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rijen.Select(r => new ApiSleutelInfo(r.Id, r.Naam, r.Rol, r.AangemaaktOp, r.IngetrokkenOp, r.LaatstGebruiktOp)).ToList();
    }

    public async Task<bool> TrekInAsync(string id, string actor, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE api_sleutel SET ingetrokken_op = @nu WHERE id = @id AND ingetrokken_op IS NULL
            """;
        var nu = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ok = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, nu }, transaction, cancellationToken: cancellationToken)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(connection, transaction, new AuditRegel(nu, actor, "apikey.intrekken", $"apikey:{id}", null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ok;
    }

    public async Task<GeverifieerdeSleutel?> VerifieerAsync(string sleutel, CancellationToken cancellationToken)
    {
        if (!TryParse(sleutel, out var id, out var geheim))
        {
            return null;
        }

        const string sql = """
            SELECT id, naam, rol, hash FROM api_sleutel WHERE id = @id AND ingetrokken_op IS NULL
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rij = await connection.QuerySingleOrDefaultAsync<HashRij>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
        var verwacht = Convert.FromHexString(rij?.Hash ?? DummyHash);
        var ok = CryptographicOperations.FixedTimeEquals(verwacht, SHA256.HashData(Encoding.UTF8.GetBytes(geheim)));
        return ok && rij is not null ? new GeverifieerdeSleutel(rij.Id, rij.Naam, rij.Rol) : null;
    }

    private static readonly string DummyHash = Convert.ToHexStringLower(SHA256.HashData("geen-sleutel"u8));

    private static bool TryParse(string sleutel, out string id, out string geheim)
    {
        id = geheim = "";
        if (!sleutel.StartsWith(Prefix, StringComparison.Ordinal) || sleutel.Length > 200)
        {
            return false;
        }

        var rest = sleutel[Prefix.Length..];
        var scheiding = rest.IndexOf('_', StringComparison.Ordinal);
        if (scheiding != 16)
        {
            return false;
        }

        id = rest[..scheiding];
        geheim = rest[(scheiding + 1)..];
        return geheim.Length > 0;
    }

    private static string Hash(string geheim) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(geheim)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Rij
    {
        public string Id { get; set; } = "";
        public string Naam { get; set; } = "";
        public string Rol { get; set; } = "";
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? IngetrokkenOp { get; set; }
        public DateTimeOffset? LaatstGebruiktOp { get; set; }
    }

    private sealed class HashRij
    {
        public string Id { get; set; } = "";
        public string Naam { get; set; } = "";
        public string Rol { get; set; } = "";
        public string Hash { get; set; } = "";
    }
}
