using System.Text.Json;
using Dapper;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Storage;

/// <summary>What a mail needs from its hulpvraag, read at send time (so a personeelswissel is followed). No pupil data.</summary>
public sealed record EmailOntvanger(string? Naam, string? Adres, string Brin, string Vestiging, string Titel, string Referentie);

/// <summary>
/// One e-mail as the helpdesk sees it: never the body, never pupil data. <see cref="Ontvanger"/> is the address of the
/// last attempt (empty before the first), <see cref="LaatsteAntwoord"/> what the SMTP server said then (also on
/// success), <see cref="LaatsteFout"/> why it waits, is dead or was skipped.
/// </summary>
public sealed record EmailOverzicht(
    long Id, Guid GebeurtenisId, long? Dossiernummer, string? Brin, string StatusCode, string? Kwalificatie, string Toestand,
    int Pogingen, DateTimeOffset VolgendePogingOp, string? LaatsteFout, DateTimeOffset AangemaaktOp, DateTimeOffset? AfgeleverdOp,
    string? Ontvanger, string? LaatsteAntwoord);

public sealed record EmailAfmelding(string Adres, DateTimeOffset AfgemeldOp, string Door);

/// <summary>The e-mail channel's own queries: its recipient, its rows for the helpdesk, and the opt-outs.</summary>
public sealed class EmailStore(DbConnectionFactory connections, TimeProvider clock, OutboxSignal signal)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Normaliseer(string adres) => adres.Trim().ToLowerInvariant();

    public async Task<EmailOntvanger?> OntvangerAsync(long dossiernummer, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT aanvrager_json, brin, vestiging, titel, referentie FROM hulpvraag WHERE dossiernummer = @dossiernummer
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        var rij = await c.QuerySingleOrDefaultAsync<OntvangerRij>(new CommandDefinition(sql, new { dossiernummer }, cancellationToken: cancellationToken));
        if (rij is null)
        {
            return null;
        }

        var aanvrager = JsonSerializer.Deserialize<Aanvrager>(rij.AanvragerJson, Json);
        return new EmailOntvanger(aanvrager?.Naam, aanvrager?.Email, rij.Brin, rij.Vestiging, rij.Titel, rij.Referentie);
    }

    public async Task<bool> IsAfgemeldAsync(string adres, CancellationToken cancellationToken) =>
        await AfmeldingAsync(adres, cancellationToken) is not null;

    public async Task<EmailAfmelding?> AfmeldingAsync(string adres, CancellationToken cancellationToken)
    {
        const string sql = "SELECT adres, afgemeld_op, door FROM email_afmelding WHERE adres = @adres";
        await using var c = await connections.OpenAsync(cancellationToken);
        var rij = await c.QuerySingleOrDefaultAsync<AfmeldingRij>(new CommandDefinition(sql, new { adres = Normaliseer(adres) }, cancellationToken: cancellationToken));
        return rij is null ? null : new EmailAfmelding(rij.Adres, rij.AfgemeldOp, rij.Door);
    }

    /// <summary>Idempotent: a second opt-out keeps the first moment.</summary>
    public async Task AfmeldenAsync(string adres, string door, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO email_afmelding (adres, afgemeld_op, door) VALUES (@adres, @op, @door) ON CONFLICT (adres) DO NOTHING
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(sql, new { adres = Normaliseer(adres), op = clock.GetUtcNow(), door }, cancellationToken: cancellationToken));
    }

    public async Task<bool> AanmeldenAsync(string adres, CancellationToken cancellationToken)
    {
        await using var c = await connections.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM email_afmelding WHERE adres = @adres",
            new { adres = Normaliseer(adres) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The e-mails of one hulpvraag or one school (diagnose; <paramref name="vestiging"/> narrows a BRIN to one location),
    /// newest first; <paramref name="sinds"/> bounds the creation time.
    /// </summary>
    public async Task<IReadOnlyList<EmailOverzicht>> ZoekAsync(string? toestand, long? dossiernummer, string? brin, int max, CancellationToken cancellationToken,
        string? vestiging = null, DateTimeOffset? sinds = null)
    {
        // The location lives on the hulpvraag, not on the row: joined only when asked for.
        var school = vestiging is null ? "" : "AND EXISTS (SELECT 1 FROM hulpvraag h WHERE h.dossiernummer = a.dossiernummer AND h.vestiging = @vestiging)";
        // A null timestamp parameter has no type PostgreSQL can infer: the condition is only there when it has a value.
        var periode = sinds is null ? "" : "AND a.aangemaakt_op >= @sinds";
        var sql = $"""
            SELECT a.id, a.gebeurtenis_id, a.dossiernummer, a.brin, a.toestand, a.pogingen, a.volgende_poging_op, a.laatste_fout,
                a.aangemaakt_op, a.afgeleverd_op, a.payload, a.email_ontvanger, a.email_antwoord
            FROM aflevering a
            WHERE a.kanaal = 'email' AND (@toestand IS NULL OR a.toestand = @toestand)
              AND (@dossiernummer IS NULL OR a.dossiernummer = @dossiernummer) AND (@brin IS NULL OR a.brin = @brin)
              {periode} {school}
            ORDER BY a.id DESC
            LIMIT @max
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        var rijen = await c.QueryAsync<OverzichtRij>(new CommandDefinition(sql, new { toestand, dossiernummer, brin, max, vestiging, sinds },
            cancellationToken: cancellationToken));
        return rijen.Select(r =>
        {
            var bericht = EmailBericht.Lees(r.Payload);
            return new EmailOverzicht(r.Id, r.GebeurtenisId, r.Dossiernummer, r.Brin, bericht.StatusCode, bericht.Kwalificatie, r.Toestand,
                r.Pogingen, r.VolgendePogingOp, r.LaatsteFout, r.AangemaaktOp, r.AfgeleverdOp, r.EmailOntvanger, r.EmailAntwoord);
        }).ToList();
    }

    /// <summary>Re-drive a dead e-mail: waiting again, due now, its age and attempts reset; its audit entry in the same transaction.</summary>
    public Task<bool> OpnieuwAsync(long id, AuditRegel audit, CancellationToken cancellationToken) =>
        OutboxStore.OpnieuwAsync(connections, clock, signal, id, [AfleverKanalen.Email], audit, cancellationToken);

    private sealed class AfmeldingRij
    {
        public string Adres { get; set; } = "";
        public DateTimeOffset AfgemeldOp { get; set; }
        public string Door { get; set; } = "";
    }

    private sealed class OntvangerRij
    {
        public string AanvragerJson { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Titel { get; set; } = "";
        public string Referentie { get; set; } = "";
    }

    private sealed class OverzichtRij
    {
        public long Id { get; set; }
        public Guid GebeurtenisId { get; set; }
        public long? Dossiernummer { get; set; }
        public string? Brin { get; set; }
        public string Toestand { get; set; } = "";
        public int Pogingen { get; set; }
        public DateTimeOffset VolgendePogingOp { get; set; }
        public string? LaatsteFout { get; set; }
        public DateTimeOffset AangemaaktOp { get; set; }
        public DateTimeOffset? AfgeleverdOp { get; set; }
        public string Payload { get; set; } = "";
        public string? EmailOntvanger { get; set; }
        public string? EmailAntwoord { get; set; }
    }
}
