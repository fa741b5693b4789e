using Dapper;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Dapper store of Esis registrations. Writes and their audit entries share one transaction.</summary>
public sealed class EsisRegistratieStore(DbConnectionFactory connections) : IEsisRegistraties
{
    private const string Kolommen = """
        id, brin, vestiging, omgeving, code_hash, code_sleutelversie, oude_code_hash, oude_code_sleutelversie,
        oude_code_geldig_tot, callback_url, callback_secret AS callback_secret_versleuteld, contact_email, aangemaakt_op,
        laatst_gebruikt_op, ingetrokken_op
        """;

    /// <summary>The active registrations of one BRIN6 (also read by <see cref="EsisAanmeldStore"/>).</summary>
    internal const string ActiefSql = $"SELECT {Kolommen} FROM esis_registratie WHERE brin6 = @brin6 AND ingetrokken_op IS NULL";

    public async Task<IReadOnlyList<EsisRegistratie>> ActiefVoorBrin6Async(string brin6, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Rij>(new CommandDefinition(ActiefSql, new { brin6 }, cancellationToken: cancellationToken))).Select(r => r.Naar()).ToList();
    }

    public async Task<EsisRegistratie?> VindAsync(Guid id, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Kolommen} FROM esis_registratie WHERE id = @id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Rij>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)))?.Naar();
    }

    public async Task<IReadOnlyList<EsisRegistratie>> LijstAsync(string? brin, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Kolommen} FROM esis_registratie WHERE (@brin IS NULL OR brin = @brin) ORDER BY brin6, aangemaakt_op";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Rij>(new CommandDefinition(sql, new { brin }, cancellationToken: cancellationToken))).Select(r => r.Naar()).ToList();
    }

    public async Task<bool> VoegToeAsync(EsisRegistratie r, AuditRegel audit, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO esis_registratie (id, brin, vestiging, brin6, omgeving, code_hash, code_sleutelversie, callback_url,
                callback_secret, contact_email, aangemaakt_op)
            VALUES (@Id, @Brin, @Vestiging, @Brin6, @Omgeving, @CodeHash, @CodeSleutelversie, @CallbackUrl,
                @CallbackSecretVersleuteld, @ContactEmail, @AangemaaktOp)
            ON CONFLICT DO NOTHING
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var n = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            r.Id, r.Brin, r.Vestiging, r.Brin6, r.Omgeving, r.CodeHash, r.CodeSleutelversie, r.CallbackUrl,
            r.CallbackSecretVersleuteld, r.ContactEmail, r.AangemaaktOp,
        }, transaction, cancellationToken: cancellationToken));
        if (n == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<bool> VervangCodeAsync(Guid id, string nieuweHash, int nieuweVersie, string oudeHash, int oudeVersie, DateTimeOffset oudeGeldigTot, AuditRegel audit, CancellationToken cancellationToken) =>
        WijzigAsync("""
            UPDATE esis_registratie SET code_hash = @nieuweHash, code_sleutelversie = @nieuweVersie, oude_code_hash = @oudeHash,
                oude_code_sleutelversie = @oudeVersie, oude_code_geldig_tot = @oudeGeldigTot
            WHERE id = @id AND ingetrokken_op IS NULL
            """, new { id, nieuweHash, nieuweVersie, oudeHash, oudeVersie, oudeGeldigTot }, audit, cancellationToken);

    public Task<bool> TrekInAsync(Guid id, DateTimeOffset op, AuditRegel audit, CancellationToken cancellationToken) =>
        WijzigAsync("""
            UPDATE esis_registratie SET ingetrokken_op = @op WHERE id = @id AND ingetrokken_op IS NULL
            """, new { id, op }, audit, cancellationToken);

    public async Task RegistreerGebruikAsync(Guid id, DateTimeOffset op, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE esis_registratie SET laatst_gebruikt_op = @op WHERE id = @id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, op }, cancellationToken: cancellationToken));
    }

    private async Task<bool> WijzigAsync(string sql, object parameters, AuditRegel audit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await AuditStore.SchrijfAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal sealed class Rij
    {
        public Guid Id { get; set; }
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Omgeving { get; set; } = "";
        public string CodeHash { get; set; } = "";
        public int CodeSleutelversie { get; set; }
        public string? OudeCodeHash { get; set; }
        public int? OudeCodeSleutelversie { get; set; }
        public DateTimeOffset? OudeCodeGeldigTot { get; set; }
        public string CallbackUrl { get; set; } = "";
        public string CallbackSecretVersleuteld { get; set; } = "";
        public string? ContactEmail { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? LaatstGebruiktOp { get; set; }
        public DateTimeOffset? IngetrokkenOp { get; set; }

        public EsisRegistratie Naar() => new()
        {
            Id = Id, Brin = Brin, Vestiging = Vestiging, Omgeving = Omgeving, CodeHash = CodeHash, CodeSleutelversie = CodeSleutelversie,
            OudeCodeHash = OudeCodeHash, OudeCodeSleutelversie = OudeCodeSleutelversie, OudeCodeGeldigTot = OudeCodeGeldigTot,
            CallbackUrl = CallbackUrl, CallbackSecretVersleuteld = CallbackSecretVersleuteld, ContactEmail = ContactEmail,
            AangemaaktOp = AangemaaktOp, LaatstGebruiktOp = LaatstGebruiktOp, IngetrokkenOp = IngetrokkenOp,
        };
    }
}
