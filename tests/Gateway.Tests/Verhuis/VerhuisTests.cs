using System.Data.Common;
using Dapper;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Audit;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Hulpvraag.Gateway.Verhuis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Verhuis;

/// <summary>
/// <c>gateway verhuis</c>: a populated SQLite store (OSO and Esis hulpvragen, attachments, deliveries waiting and
/// dead, registrations, mandates, notificaties, audit chain) moved into an empty PostgreSQL database; every table of
/// the SQLite schema arrives with the same rows, the gateway on PostgreSQL serves them, and a second move is refused.
/// </summary>
public sealed class VerhuisTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(4_321));
    private readonly SqliteTarget _sqlite = new();
    private readonly PostgresTarget _postgres = new();
    private ServiceProvider _bron = null!;
    private ServiceProvider? _doel;
    private string _sqlitePad = null!;

    public async Task InitializeAsync()
    {
        var connectionString = _sqlite.NewConnectionString();
        _sqlitePad = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var esis = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["ConnectionStrings:Gateway"] = connectionString,
            ["Esis:CodePepper"] = new string('p', 48),
        }).Build();
        _bron = await _sqlite.CreateServicesAsync(connectionString, _clock, configure: s => s.AddGatewayEsis(esis));
    }

    public async Task DisposeAsync()
    {
        await _bron.DisposeAsync();
        if (_doel is not null)
        {
            await _doel.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_sqlitePad)!, recursive: true);
    }

    [Fact]
    public async Task VerhuisAsync_PopulatedSqliteStore_EveryTableArrivesAndTheGatewayServesIt()
    {
        var (esisDossier, osoDossier, pdf) = await VulAsync();
        var naar = PostgresServer.CreateDatabase();

        var r = await new Verhuizer(_bron.GetRequiredService<DbConnectionFactory>(), NullLoggerFactory.Instance).VerhuisAsync(naar, default);

        Assert.True(r.IsSuccess, string.Join("; ", r.Fouten.Select(f => f.Melding)));
        // Independently of the move's own report: every table SQLite has is in PostgreSQL with the same number of rows.
        var bronTabellen = await BronAsync(c => c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_versie'"));
        Assert.Equal(bronTabellen.Order(), r.Value!.Select(t => t.Tabel).Order());
        await using var pg = new NpgsqlConnection(naar);
        foreach (var tabel in bronTabellen)
        {
            var inBron = await BronAsync(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{tabel}\""));
            Assert.True(inBron == await pg.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{tabel}\""), $"table {tabel}: not every row was copied");
        }

        foreach (var gevuld in new[] { "hulpvraag", "statushistorie", "bijlage", "bijlage_inhoud", "ontvangst", "audit", "audit_keten", "esis_registratie", "oso_mandaat", "oso_endpoint", "oso_notificatie", "oso_replay", "api_sleutel" })
        {
            Assert.True(await BronAsync(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{gevuld}\"")) > 0, $"the test should fill {gevuld}");
        }

        var afleveringen = bronTabellen.Contains("aflevering") ? "aflevering" : "callback";
        Assert.Equal(["dood", "wachtend"], (await pg.QueryAsync<string>($"SELECT DISTINCT toestand FROM {afleveringen} ORDER BY toestand")).ToList());

        // The gateway on PostgreSQL: same dossiernummers, attachment content, a chain that verifies, new numbers after the old.
        _doel = await _postgres.CreateServicesAsync(naar, _clock);
        var store = _doel.GetRequiredService<HulpvraagStore>();
        var esisHulpvraag = await store.FindByDossiernummerAsync(esisDossier, default);
        Assert.NotNull(esisHulpvraag);
        Assert.Equal("E-2026-0042", esisHulpvraag.Bron.Referentie);
        Assert.Equal(BronSystemen.ParnasSys, (await store.FindByDossiernummerAsync(osoDossier, default))!.Bron.Systeem);
        await using (var inhoud = await store.OpenInhoudAsync(Assert.Single(esisHulpvraag.Bijlagen).Sha256, default))
        {
            using var kopie = new MemoryStream();
            await inhoud!.CopyToAsync(kopie);
            Assert.Equal(pdf, kopie.ToArray());
        }

        var audit = await _doel.GetRequiredService<AuditVerificatie>().ControleerAsync(default);
        Assert.True(audit.Klopt, audit.Melding);
        Assert.True(audit.AantalGeketend >= 4);
        var nieuw = await _doel.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag("E-2026-0099"), default);
        Assert.True(nieuw.Value!.Hulpvraag.Dossiernummer > Math.Max(esisDossier, osoDossier));
        await _doel.GetRequiredService<AuditStore>().SchrijfAsync(new AuditRegel(_clock.GetUtcNow(), "cli:test", "na.verhuis", "x", null), default);
        Assert.True((await _doel.GetRequiredService<AuditVerificatie>().ControleerAsync(default)).Klopt);
    }

    [Fact]
    public async Task VerhuisAsync_TargetNotEmpty_RefusedAndNothingChanged()
    {
        await VulAsync();
        var naar = PostgresServer.CreateDatabase();
        var verhuizer = new Verhuizer(_bron.GetRequiredService<DbConnectionFactory>(), NullLoggerFactory.Instance);
        Assert.True((await verhuizer.VerhuisAsync(naar, default)).IsSuccess);
        await using var pg = new NpgsqlConnection(naar);
        var voor = await pg.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag");

        var tweede = await verhuizer.VerhuisAsync(naar, default);

        Assert.False(tweede.IsSuccess);
        Assert.Equal(Verhuizer.DoelNietLeeg, tweede.Code);
        Assert.Contains("niet leeg", tweede.Fouten[0].Melding, StringComparison.Ordinal);
        Assert.Equal(voor, await pg.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task VerhuisAsync_SourceIsPostgres_Refused()
    {
        var naar = PostgresServer.CreateDatabase();
        await using var pgServices = await _postgres.CreateServicesAsync(naar, _clock);

        var r = await new Verhuizer(pgServices.GetRequiredService<DbConnectionFactory>(), NullLoggerFactory.Instance).VerhuisAsync(PostgresServer.CreateDatabase(), default);

        Assert.Equal(Verhuizer.BronGeenSqlite, r.Code);
    }

    /// <summary>What a pilot school year leaves behind, written through the gateway's own services.</summary>
    private async Task<(long Esis, long Oso, byte[] Pdf)> VulAsync()
    {
        var pdf = TestData.Pdf("opp", opvulling: 300_000);
        var intake = _bron.GetRequiredService<IntakeService>();
        var esis = await intake.IndienenAsync(TestData.Aanvraag(bijlagen: [TestData.Bijlage(pdf, "OPP leerling.pdf", "opp")]), default);
        _clock.Advance(TimeSpan.FromTicks(1_234_567));
        var oso = await intake.IndienenAsync(TestData.Aanvraag("OSO-KS-1", "34CD") with { Systeem = BronSystemen.ParnasSys, Koppelsleutel = "KS-1", MeldOntvangstTerug = true }, default);
        Assert.True(esis.IsSuccess && oso.IsSuccess, string.Join("; ", esis.Fouten.Concat(oso.Fouten).Select(f => f.Melding)));
        var esisDossier = esis.Value!.Hulpvraag.Dossiernummer;
        var status = await _bron.GetRequiredService<StatusService>().WijzigAsync(esisDossier,
            new StatusWijzigingVerzoek(StatusCatalogus.DossierIncompleet, null, "Het OPP ontbreekt.", false, null), "cli:test", default);
        Assert.True(status.IsSuccess, string.Join("; ", status.Fouten.Select(f => f.Melding)));

        var registratie = await _bron.GetRequiredService<RegistratieService>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "productie", "12AB00-regenboog-2026-welkom", "https://esis.example.nl/callback", "ib@regenboog.nl"), "cli:test", default);
        Assert.True(registratie.IsSuccess, string.Join("; ", registratie.Fouten.Select(f => f.Melding)));
        var register = _bron.GetRequiredService<OsoRegisterService>();
        Assert.True((await register.ZetMandaatAsync("34CD", "00000001234567890000", "Leverancier", null, null, "cli:test", default)).IsSuccess);
        Assert.True((await register.ZetEndpointAsync("0000000700034CD00001", "34CD", "https://oso.example.nl/dossier", "00000001234567890000", "cli:test", default)).IsSuccess);
        await _bron.GetRequiredService<OsoNotificatieStore>().VoegToeAsync(new OsoNotificatie("KS-1", "34CD", "KS-1", "PO2806", "SWV", "00000001234567890000", "urn:uuid:1", _clock.GetUtcNow()), default);
        await _bron.GetRequiredService<IReplayStore>().RememberAsync("00000001234567890000", "urn:uuid:1", "abc", _clock.GetUtcNow().AddMinutes(5), default);
        await _bron.GetRequiredService<Hulpvraag.Gateway.Admin.ApiKeyStore>().MaakAsync("monitoring", "helpdesk", "cli:test", default);

        // One delivery given up, the others still waiting.
        var afleveringen = (await BronAsync(c => c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE name = 'aflevering'"))).Any() ? "aflevering" : "callback";
        await BronAsync(c => c.ExecuteAsync($"UPDATE {afleveringen} SET toestand = 'dood', laatste_fout = 'HTTP 410' WHERE id = (SELECT MIN(id) FROM {afleveringen})"));
        return (esisDossier, oso.Value!.Hulpvraag.Dossiernummer, pdf);
    }

    private async Task<T> BronAsync<T>(Func<DbConnection, Task<T>> actie)
    {
        await using var c = await _bron.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await actie(c);
    }
}
