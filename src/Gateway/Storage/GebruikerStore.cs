using Dapper;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Beheer.Aanmelding;

namespace Hulpvraag.Gateway.Storage;

/// <summary>A person with a local /beheer account. Secrets appear only as hashes (password, activation token).</summary>
public sealed record Gebruiker(
    string Id, string Email, string Naam, string Rol, string? WachtwoordHash, string? TotpGeheim, long? TotpLaatsteStap,
    DateTimeOffset? ActivatieGeldigTot, DateTimeOffset? GeactiveerdOp, int MisluktePogingen, DateTimeOffset? GeblokkeerdTot,
    DateTimeOffset? GedeactiveerdOp, DateTimeOffset? LaatstAangemeldOp, int SessieVersie, DateTimeOffset AangemaaktOp)
{
    public bool IsActief => GeactiveerdOp is not null && GedeactiveerdOp is null && WachtwoordHash is not null;
}

/// <summary>
/// Local accounts of /beheer; every change that matters is audited in its own transaction. The TOTP secret is
/// encrypted on its way in and decrypted on its way out (<see cref="TotpBescherming"/>): callers see plain secrets.
/// </summary>
public sealed class GebruikerStore(DbConnectionFactory connections, TotpBescherming totp)
{
    private const string Kolommen = """
        id, email, naam, rol, wachtwoord_hash, totp_geheim, totp_laatste_stap, activatie_geldig_tot, geactiveerd_op,
        mislukte_pogingen, geblokkeerd_tot, gedeactiveerd_op, laatst_aangemeld_op, sessie_versie, aangemaakt_op
        """;

    /// <summary>False when the e-mail address is taken.</summary>
    public async Task<bool> MaakAsync(Gebruiker g, string activatieHash, AuditRegel audit, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO gebruiker (id, email, naam, rol, activatie_hash, activatie_geldig_tot, aangemaakt_op)
            SELECT @Id, @Email, @Naam, @Rol, @activatieHash, @ActivatieGeldigTot, @AangemaaktOp
            WHERE NOT EXISTS (SELECT 1 FROM gebruiker WHERE email = @Email)
            """;
        await using var c = await connections.OpenAsync(ct);
        await using var t = await c.BeginTransactionAsync(ct);
        var p = new DynamicParameters(g);
        p.Add("activatieHash", activatieHash);
        var ok = await c.ExecuteAsync(new CommandDefinition(sql, p, t, cancellationToken: ct)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(c, t, audit, ct);
        }

        await t.CommitAsync(ct);
        return ok;
    }

    public Task<Gebruiker?> ZoekOpEmailAsync(string email, CancellationToken ct) =>
        EenAsync($"SELECT {Kolommen} FROM gebruiker WHERE email = @waarde", email, ct);

    public Task<Gebruiker?> ZoekOpIdAsync(string id, CancellationToken ct) =>
        EenAsync($"SELECT {Kolommen} FROM gebruiker WHERE id = @waarde", id, ct);

    public Task<Gebruiker?> ZoekOpActivatieAsync(string activatieHash, CancellationToken ct) =>
        EenAsync($"SELECT {Kolommen} FROM gebruiker WHERE activatie_hash = @waarde", activatieHash, ct);

    public async Task<IReadOnlyList<Gebruiker>> LijstAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<GebruikerRij>(new CommandDefinition($"SELECT {Kolommen} FROM gebruiker ORDER BY naam, email", cancellationToken: ct));
        return rijen.Select(r => r.Naar(totp)).ToList();
    }

    /// <summary>The enrolment secret shown on the activation page; replaced on every visit until activation succeeds.</summary>
    public async Task ZetTotpGeheimAsync(string id, string geheim, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE gebruiker SET totp_geheim = @geheim, totp_laatste_stap = NULL WHERE id = @id AND geactiveerd_op IS NULL",
            new { id, geheim = totp.Versleutel(geheim) }, cancellationToken: ct));
    }

    /// <summary>Encrypts the secrets stored in plain text before V11; a row changed meanwhile is left to its new value. Answers how many.</summary>
    public async Task<int> VersleutelOudeTotpGeheimenAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var rijen = await c.QueryAsync<(string Id, string Geheim)>(new CommandDefinition(
            "SELECT id, totp_geheim FROM gebruiker WHERE totp_geheim IS NOT NULL AND totp_geheim NOT LIKE 'dp1:%'", cancellationToken: ct));
        var aantal = 0;
        foreach (var (id, geheim) in rijen)
        {
            aantal += await c.ExecuteAsync(new CommandDefinition(
                "UPDATE gebruiker SET totp_geheim = @nieuw WHERE id = @id AND totp_geheim = @geheim",
                new { id, geheim, nieuw = totp.Versleutel(geheim) }, cancellationToken: ct));
        }

        return aantal;
    }

    /// <summary>Activation: the password hash and the used TOTP step are stored, the token is spent. False when it was spent meanwhile.</summary>
    public Task<bool> ActiveerAsync(string id, string wachtwoordHash, long totpStap, DateTimeOffset nu, AuditRegel audit, CancellationToken ct) =>
        WijzigAsync("""
            UPDATE gebruiker SET wachtwoord_hash = @wachtwoordHash, totp_laatste_stap = @totpStap, geactiveerd_op = @nu,
                activatie_hash = NULL, activatie_geldig_tot = NULL, mislukte_pogingen = 0, geblokkeerd_tot = NULL
            WHERE id = @id AND activatie_hash IS NOT NULL AND activatie_geldig_tot > @nu
            """, new { id, wachtwoordHash, totpStap, nu }, audit, ct);

    /// <summary>
    /// A successful sign-in. The TOTP step only moves forward (<c>totp_laatste_stap &lt; @stap</c>), so one code can
    /// never sign in twice, not even in two simultaneous requests.
    /// </summary>
    public Task<bool> AangemeldAsync(string id, long stap, DateTimeOffset nu, AuditRegel audit, CancellationToken ct) =>
        WijzigAsync("""
            UPDATE gebruiker SET totp_laatste_stap = @stap, laatst_aangemeld_op = @nu, mislukte_pogingen = 0, geblokkeerd_tot = NULL
            WHERE id = @id AND (totp_laatste_stap IS NULL OR totp_laatste_stap < @stap)
            """, new { id, stap, nu }, audit, ct);

    /// <summary>Counts a failed sign-in; at <paramref name="max"/> failures the account locks until <paramref name="blokkeerTot"/>. True when it locked now.</summary>
    public async Task<bool> MisluktAsync(string id, int max, DateTimeOffset blokkeerTot, AuditRegel audit, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var t = await c.BeginTransactionAsync(ct);
        var pogingen = await c.ExecuteScalarAsync<int>(new CommandDefinition("""
            UPDATE gebruiker SET mislukte_pogingen = mislukte_pogingen + 1 WHERE id = @id RETURNING mislukte_pogingen
            """, new { id }, t, cancellationToken: ct));
        await AuditStore.SchrijfAsync(c, t, audit, ct);
        var blokkeer = pogingen >= max;
        if (blokkeer)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE gebruiker SET mislukte_pogingen = 0, geblokkeerd_tot = @blokkeerTot WHERE id = @id",
                new { id, blokkeerTot }, t, cancellationToken: ct));
            await AuditStore.SchrijfAsync(c, t, audit with { Actie = "gebruiker.geblokkeerd", Details = $"{max} mislukte aanmeldingen" }, ct);
        }

        await t.CommitAsync(ct);
        return blokkeer;
    }

    /// <summary>Deactivation also ends every open session (the session version moves on).</summary>
    public Task<bool> DeactiveerAsync(string id, DateTimeOffset nu, AuditRegel audit, CancellationToken ct) =>
        WijzigAsync("""
            UPDATE gebruiker SET gedeactiveerd_op = @nu, sessie_versie = sessie_versie + 1, activatie_hash = NULL
            WHERE id = @id AND gedeactiveerd_op IS NULL
            """, new { id, nu }, audit, ct);

    /// <summary>A new TOTP enrolment: the person activates again through a new link (password chosen anew too).</summary>
    public Task<bool> ResetTotpAsync(string id, string activatieHash, DateTimeOffset geldigTot, AuditRegel audit, CancellationToken ct) =>
        WijzigAsync("""
            UPDATE gebruiker SET totp_geheim = NULL, totp_laatste_stap = NULL, wachtwoord_hash = NULL, geactiveerd_op = NULL,
                activatie_hash = @activatieHash, activatie_geldig_tot = @geldigTot, sessie_versie = sessie_versie + 1,
                mislukte_pogingen = 0, geblokkeerd_tot = NULL
            WHERE id = @id AND gedeactiveerd_op IS NULL
            """, new { id, activatieHash, geldigTot }, audit, ct);

    private async Task<bool> WijzigAsync(string sql, object parameters, AuditRegel audit, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await using var t = await c.BeginTransactionAsync(ct);
        var ok = await c.ExecuteAsync(new CommandDefinition(sql, parameters, t, cancellationToken: ct)) == 1;
        if (ok)
        {
            await AuditStore.SchrijfAsync(c, t, audit, ct);
        }

        await t.CommitAsync(ct);
        return ok;
    }

    private async Task<Gebruiker?> EenAsync(string sql, string waarde, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<GebruikerRij>(new CommandDefinition(sql, new { waarde }, cancellationToken: ct)))?.Naar(totp);
    }

    private sealed class GebruikerRij
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string Naam { get; set; } = "";
        public string Rol { get; set; } = "";
        public string? WachtwoordHash { get; set; }
        public string? TotpGeheim { get; set; }
        public long? TotpLaatsteStap { get; set; }
        public DateTimeOffset? ActivatieGeldigTot { get; set; }
        public DateTimeOffset? GeactiveerdOp { get; set; }
        public int MisluktePogingen { get; set; }
        public DateTimeOffset? GeblokkeerdTot { get; set; }
        public DateTimeOffset? GedeactiveerdOp { get; set; }
        public DateTimeOffset? LaatstAangemeldOp { get; set; }
        public int SessieVersie { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }

        public Gebruiker Naar(TotpBescherming totp) => new(Id, Email, Naam, Rol, WachtwoordHash,
            TotpGeheim is null ? null : totp.Ontsleutel(TotpGeheim), TotpLaatsteStap, ActivatieGeldigTot, GeactiveerdOp,
            MisluktePogingen, GeblokkeerdTot, GedeactiveerdOp, LaatstAangemeldOp, SessieVersie, AangemaaktOp);
    }
}
