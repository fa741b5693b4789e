using Dapper;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Audit;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Retentie;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Retentie;

public sealed class SqliteRetentieContractTests() : RetentieContractTests(new SqliteTarget());

public sealed class PostgresRetentieContractTests() : RetentieContractTests(new PostgresTarget());

/// <summary>Retention on both stores, ages made with a fake clock; batches of 2 so every kind takes several.</summary>
public abstract class RetentieContractTests(StorageTarget target) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly string _connectionString = target.NewConnectionString();
    private ServiceProvider _services = null!;

    private DateTimeOffset Nu => _clock.GetUtcNow();

    public Task InitializeAsync() => StartAsync(afgesloten: null);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task VoerRondeUit_RowsOldAndNew_RemovesOnlyWhatIsPastItsTermAndAuditsIt()
    {
        foreach (var dagen in new[] { 35, 31, 40, 5 })
        {
            await CallbackAsync(afgeleverdDagenGeleden: dagen);
        }

        await CallbackAsync(afgeleverdDagenGeleden: null, aangemaaktDagenGeleden: 60);
        foreach (var dagen in new[] { 400, 366, 10 })
        {
            await _services.GetRequiredService<HulpvraagStore>().RegistreerOntvangstAsync(
                new OntvangstRegel(Nu.AddDays(-dagen), "esis", "12AB", "00", $"E-{dagen}", OntvangstUitkomsten.Geweigerd, null, "VELD_ONGELDIG", "x"), default);
        }

        var replay = _services.GetRequiredService<OsoReplayStore>();
        await replay.RememberAsync("00000001234567890000", "uuid:oud", "a", Nu.AddMinutes(-1), default);
        await replay.RememberAsync("00000001234567890000", "uuid:geldig", "a", Nu.AddMinutes(5), default);

        var ronde = await Dienst.VoerRondeUitAsync(default);

        Assert.Equal(3, ronde[RetentieSoorten.AfgeleverdeCallbacks]);
        Assert.Equal(2, ronde[RetentieSoorten.Ontvangsten]);
        Assert.Equal(1, ronde[RetentieSoorten.OsoReplay]);
        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM aflevering"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM aflevering WHERE toestand = 'wachtend'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM ontvangst"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM oso_replay WHERE message_id = 'uuid:geldig'"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM oso_replay WHERE message_id = 'uuid:oud'"));
        Assert.Equal(["afgeleverde-callbacks: 3 verwijderd", "ontvangsten: 2 verwijderd", "oso-replay: 1 verwijderd"],
            (await TekstenAsync("SELECT onderwerp || ': ' || details FROM audit WHERE actie = 'retentie.verwijderd'")).Order().ToList());
    }

    [Fact]
    public async Task VoerRondeUit_AfgeslotenHulpvragenNotSet_KeepsClosedHulpvragen()
    {
        await HulpvraagAsync("E-oud", TestData.Pdf("a"), eindstatusDagenGeleden: 4000);

        var ronde = await Dienst.VoerRondeUitAsync(default);

        Assert.False(ronde.ContainsKey(RetentieSoorten.AfgeslotenHulpvragen));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task VoerRondeUit_AfgeslotenHulpvragenSet_RemovesOldClosedOnesWithAttachmentsButNoSharedContent()
    {
        await _services.DisposeAsync();
        await StartAsync(afgesloten: "730.00:00:00");
        var gedeeld = TestData.Pdf("gedeeld");
        for (var i = 0; i < 5; i++)
        {
            await HulpvraagAsync($"E-oud-{i}", TestData.Pdf("eigen-" + i), eindstatusDagenGeleden: 800, extra: gedeeld);
        }

        await HulpvraagAsync("E-recent-dicht", TestData.Pdf("recent"), eindstatusDagenGeleden: 100);
        await HulpvraagAsync("E-open", TestData.Pdf("open"), eindstatusDagenGeleden: null, extra: gedeeld);

        var ronde = await Dienst.VoerRondeUitAsync(default);

        Assert.Equal(5, ronde[RetentieSoorten.AfgeslotenHulpvragen]);
        Assert.Equal(["E-open", "E-recent-dicht"], (await TekstenAsync("SELECT referentie FROM hulpvraag")).Order().ToList());
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM statushistorie h WHERE NOT EXISTS (SELECT 1 FROM hulpvraag v WHERE v.dossiernummer = h.dossiernummer)"));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM bijlage"));
        // Content of the removed ones is gone, content still used (shared, recent, open) stays.
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM bijlage_inhoud"));
    }

    [Fact]
    public async Task VoerRondeUit_LeaseHeldByAnotherInstance_RemovesNothing()
    {
        await CallbackAsync(afgeleverdDagenGeleden: 90);
        Assert.True(await _services.GetRequiredService<RetentieStore>().NeemLeaseAsync(RetentieDienst.LeaseNaam, "andere-instantie", Nu, TimeSpan.FromMinutes(2), default));

        var terwijlBezet = await Dienst.VoerRondeUitAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(3));
        var naVerlopen = await Dienst.VoerRondeUitAsync(default);

        Assert.Empty(terwijlBezet);
        Assert.Equal(1, naVerlopen[RetentieSoorten.AfgeleverdeCallbacks]);
    }

    [Fact]
    public async Task VoerRondeUit_FinishedEmailsPastTheirTerm_RemovedButWaitingRecentAndCallbacksKept()
    {
        await EmailAsync("afgeleverd", afgerondDagenGeleden: 45);
        await EmailAsync("overgeslagen", afgerondDagenGeleden: 31);
        await EmailAsync("dood", afgerondDagenGeleden: null, aangemaaktDagenGeleden: 40);
        await EmailAsync("afgeleverd", afgerondDagenGeleden: 5);
        await EmailAsync("dood", afgerondDagenGeleden: null, aangemaaktDagenGeleden: 3);
        await EmailAsync("wachtend", afgerondDagenGeleden: null, aangemaaktDagenGeleden: 90);
        await CallbackAsync(afgeleverdDagenGeleden: 50);

        var ronde = await Dienst.VoerRondeUitAsync(default);

        Assert.Equal(3, ronde[RetentieSoorten.Emails]);
        Assert.Equal(1, ronde[RetentieSoorten.AfgeleverdeCallbacks]);
        Assert.Equal(["afgeleverd", "dood", "wachtend"], (await TekstenAsync("SELECT toestand FROM aflevering WHERE kanaal = 'email'")).Order().ToList());
        Assert.Contains("e-mails: 3 verwijderd", await TekstenAsync("SELECT onderwerp || ': ' || details FROM audit WHERE actie = 'retentie.verwijderd'"));
    }

    [Fact]
    public async Task VoerRondeUit_AuditEntriesPastTheirTerm_CutFromTheStartAndTheChainStillVerifies()
    {
        var audit = _services.GetRequiredService<AuditStore>();
        for (var i = 0; i < 25; i++)
        {
            await audit.SchrijfAsync(new AuditRegel(Nu.AddDays(-2000).AddMinutes(i), "test", "test.oud", $"oud-{i}", null), default);
        }

        for (var i = 0; i < 3; i++)
        {
            await audit.SchrijfAsync(new AuditRegel(Nu.AddDays(-10).AddMinutes(i), "test", "test.recent", $"recent-{i}", null), default);
        }

        var ronde = await Dienst.VoerRondeUitAsync(default);
        var verificatie = await _services.GetRequiredService<AuditVerificatie>().ControleerAsync(default);

        Assert.Equal(25, ronde[RetentieSoorten.Audit]);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM audit WHERE actie = 'test.oud'"));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM audit WHERE actie = 'test.recent'"));
        Assert.True(verificatie.Klopt, verificatie.Melding);
        Assert.Equal(25, verificatie.Kop.AnkerVolgnummer);
        Assert.Contains("audit: 25 verwijderd", await TekstenAsync("SELECT onderwerp || ': ' || details FROM audit WHERE actie = 'retentie.verwijderd'"));
    }

    [Fact]
    public async Task VoerRondeUit_OnlyOldAuditEntries_KeepsTheHeadEntrySoTheTrailShowsTheCurrentHash()
    {
        var audit = _services.GetRequiredService<AuditStore>();
        for (var i = 0; i < 4; i++)
        {
            await audit.SchrijfAsync(new AuditRegel(Nu.AddDays(-3000).AddMinutes(i), "test", "test.oud", $"oud-{i}", null), default);
        }

        var ronde = await Dienst.VoerRondeUitAsync(default);

        Assert.Equal(3, ronde[RetentieSoorten.Audit]);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM audit WHERE actie = 'test.oud'"));
        Assert.True((await _services.GetRequiredService<AuditVerificatie>().ControleerAsync(default)).Klopt);
    }

    private RetentieDienst Dienst => _services.GetRequiredService<RetentieDienst>();

    private async Task StartAsync(string? afgesloten)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Retentie:BatchSize"] = "10",
            ["Retentie:PauseBetweenBatches"] = "00:00:00",
            ["Retentie:AfgeslotenHulpvragen"] = afgesloten,
        };
        _services = await target.CreateServicesAsync(_connectionString, _clock, settings, s => s.AddOptions<Adapters.Esis.EsisOptions>());
    }

    private async Task CallbackAsync(int? afgeleverdDagenGeleden, int aangemaaktDagenGeleden = 100)
    {
        var c = new CallbackOpdracht
        {
            GebeurtenisId = Guid.NewGuid(), Soort = CallbackSoorten.Statuswijziging, Systeem = "esis", Koppelsleutel = "k", Referentie = "E-1",
            Brin = "12AB", Vestiging = "00", Dossiernummer = 1000, StatusCode = "in-behandeling", Weergave = "In behandeling", GewijzigdOp = Nu,
        };
        await _services.GetRequiredService<OutboxStore>().VoegToeAsync(c, default);
        await using var db = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        await db.ExecuteAsync("UPDATE aflevering SET aangemaakt_op = @aangemaakt WHERE gebeurtenis_id = @id",
            new { aangemaakt = Nu.AddDays(-aangemaaktDagenGeleden), id = c.GebeurtenisId });
        if (afgeleverdDagenGeleden is { } d)
        {
            await db.ExecuteAsync("UPDATE aflevering SET toestand = 'afgeleverd', afgeleverd_op = @op WHERE gebeurtenis_id = @id",
                new { op = Nu.AddDays(-d), id = c.GebeurtenisId });
        }
    }

    private async Task EmailAsync(string toestand, int? afgerondDagenGeleden, int aangemaaktDagenGeleden = 100)
    {
        var id = Guid.NewGuid();
        await using var db = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        await OutboxStore.VoegToeAsync(db, null,
            [new NieuweAflevering(id, AfleverKanalen.Email, 1000, "email:1000", "email", "12AB", "{}", Nu.AddDays(-aangemaaktDagenGeleden))], default);
        await db.ExecuteAsync("UPDATE aflevering SET toestand = @toestand, afgeleverd_op = @op WHERE gebeurtenis_id = @id",
            new { toestand, op = afgerondDagenGeleden is { } d ? Nu.AddDays(-d) : (DateTimeOffset?)null, id });
    }

    private async Task HulpvraagAsync(string referentie, byte[] pdf, int? eindstatusDagenGeleden, byte[]? extra = null)
    {
        List<OntvangenBijlage> bijlagen = [TestData.Bijlage(pdf)];
        if (extra is not null)
        {
            bijlagen.Add(TestData.Bijlage(extra, "Gedeeld verslag.pdf"));
        }

        Assert.True((await _services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag(referentie, bijlagen: bijlagen), default)).IsSuccess);
        if (eindstatusDagenGeleden is { } d)
        {
            await using var db = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
            await db.ExecuteAsync("UPDATE hulpvraag SET status_code = @eind, status_sinds = @sinds WHERE referentie = @referentie",
                new { eind = StatusCatalogus.Alle.First(s => s.Finaal).Code, sinds = Nu.AddDays(-d), referentie });
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private async Task<List<string>> TekstenAsync(string sql)
    {
        await using var c = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return (await c.QueryAsync<string>(sql)).ToList();
    }
}
