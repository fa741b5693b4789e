using Dapper;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Storage;

/// <summary>Dapper store of the local OSR: mandates and endpoints (the replay memory is <see cref="OsoReplayStore"/>).</summary>
public sealed class OsoRegisterStore(DbConnectionFactory connections) : IOsoRegister
{
    public async Task<OsoMandaat?> MandaatAsync(string brin, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT brin, leverancier_oin, leverancier_naam, geldig_vanaf, geldig_tot FROM oso_mandaat WHERE brin = @brin
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return (await c.QuerySingleOrDefaultAsync<MandaatRij>(new CommandDefinition(sql, new { brin }, cancellationToken: cancellationToken)))?.Naar();
    }

    public async Task<IReadOnlyList<OsoMandaat>> MandatenAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT brin, leverancier_oin, leverancier_naam, geldig_vanaf, geldig_tot FROM oso_mandaat ORDER BY brin
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return (await c.QueryAsync<MandaatRij>(new CommandDefinition(sql, cancellationToken: cancellationToken))).Select(r => r.Naar()).ToList();
    }

    public Task ZetMandaatAsync(OsoMandaat m, AuditRegel audit, CancellationToken cancellationToken) => SchrijfAsync("""
        INSERT INTO oso_mandaat (brin, leverancier_oin, leverancier_naam, geldig_vanaf, geldig_tot, gewijzigd_op)
        VALUES (@Brin, @LeverancierOin, @LeverancierNaam, @GeldigVanaf, @GeldigTot, @Op)
        ON CONFLICT (brin) DO UPDATE SET leverancier_oin = excluded.leverancier_oin, leverancier_naam = excluded.leverancier_naam,
            geldig_vanaf = excluded.geldig_vanaf, geldig_tot = excluded.geldig_tot, gewijzigd_op = excluded.gewijzigd_op
        """, new { m.Brin, m.LeverancierOin, m.LeverancierNaam, m.GeldigVanaf, m.GeldigTot, audit.Op }, audit, cancellationToken);

    public Task<bool> VerwijderMandaatAsync(string brin, AuditRegel audit, CancellationToken cancellationToken) =>
        SchrijfAsync("DELETE FROM oso_mandaat WHERE brin = @brin", new { brin }, audit, cancellationToken);

    public async Task<OsoEndpoint?> EndpointAsync(string routeringsKenmerk, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT routeringskenmerk, brin, url, leverancier_oin FROM oso_endpoint WHERE routeringskenmerk = @routeringsKenmerk
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return (await c.QuerySingleOrDefaultAsync<EndpointRij>(new CommandDefinition(sql, new { routeringsKenmerk }, cancellationToken: cancellationToken)))?.Naar();
    }

    public async Task<IReadOnlyList<OsoEndpoint>> EndpointsAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT routeringskenmerk, brin, url, leverancier_oin FROM oso_endpoint ORDER BY brin, routeringskenmerk
            """;
        await using var c = await connections.OpenAsync(cancellationToken);
        return (await c.QueryAsync<EndpointRij>(new CommandDefinition(sql, cancellationToken: cancellationToken))).Select(r => r.Naar()).ToList();
    }

    public Task ZetEndpointAsync(OsoEndpoint e, AuditRegel audit, CancellationToken cancellationToken) => SchrijfAsync("""
        INSERT INTO oso_endpoint (routeringskenmerk, brin, url, leverancier_oin, gewijzigd_op)
        VALUES (@RouteringsKenmerk, @Brin, @Url, @LeverancierOin, @Op)
        ON CONFLICT (routeringskenmerk) DO UPDATE SET brin = excluded.brin, url = excluded.url,
            leverancier_oin = excluded.leverancier_oin, gewijzigd_op = excluded.gewijzigd_op
        """, new { e.RouteringsKenmerk, e.Brin, e.Url, e.LeverancierOin, audit.Op }, audit, cancellationToken);

    public Task<bool> VerwijderEndpointAsync(string routeringsKenmerk, AuditRegel audit, CancellationToken cancellationToken) =>
        SchrijfAsync("DELETE FROM oso_endpoint WHERE routeringskenmerk = @routeringsKenmerk", new { routeringsKenmerk }, audit, cancellationToken);

    private async Task<bool> SchrijfAsync(string sql, object parameters, AuditRegel audit, CancellationToken cancellationToken)
    {
        await using var c = await connections.OpenAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        var n = await c.ExecuteAsync(new CommandDefinition(sql, parameters, t, cancellationToken: cancellationToken));
        if (n == 0)
        {
            await t.RollbackAsync(cancellationToken);
            return false;
        }

        await AuditStore.SchrijfAsync(c, t, audit, cancellationToken);
        await t.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class MandaatRij
    {
        public string Brin { get; set; } = "";
        public string LeverancierOin { get; set; } = "";
        public string? LeverancierNaam { get; set; }
        public DateTimeOffset GeldigVanaf { get; set; }
        public DateTimeOffset? GeldigTot { get; set; }

        public OsoMandaat Naar() => new(Brin, LeverancierOin, LeverancierNaam, GeldigVanaf, GeldigTot);
    }

    private sealed class EndpointRij
    {
        public string Routeringskenmerk { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Url { get; set; } = "";
        public string LeverancierOin { get; set; } = "";

        public OsoEndpoint Naar() => new(Routeringskenmerk, Brin, Url, LeverancierOin);
    }
}
