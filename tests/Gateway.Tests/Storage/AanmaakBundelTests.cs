using Dapper;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Storage;

/// <summary>
/// New hulpvragen on PostgreSQL that arrive while others are on their way share one batch and one commit. A real
/// database decides here: the creates are held behind a table lock so they queue, and the rows' transaction ids
/// (<c>xmin</c>) show which went together.
/// </summary>
public sealed class AanmaakBundelTests : IAsyncLifetime
{
    private static readonly TimeSpan Wachttijd = TimeSpan.FromSeconds(30);
    private string _connectionString = PostgresServer.CreateDatabase();
    private ServiceProvider _services = null!;
    private Core.Model.Hulpvraag _voorbeeld = null!;

    private HulpvraagStore Store => _services.GetRequiredService<HulpvraagStore>();

    public Task InitializeAsync() => StartAsync(null);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task StartAsync(IDictionary<string, string?>? settings)
    {
        _services = await new PostgresTarget().CreateServicesAsync(_connectionString, settings: settings);
        var resultaat = await _services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag("VOORBEELD"), default);
        _voorbeeld = resultaat.Value!.Hulpvraag;
    }

    [Fact]
    public async Task OpslaanAsync_CreatesQueuedBehindOneOnItsWay_AreStoredInFewTransactionsEachWithItsOwnRows()
    {
        var uitkomsten = await MetVergrendeldeTabelAsync(Enumerable.Range(1, 10).Select(i => Aanmaak($"BUNDEL-{i}")).ToList());

        var opgeslagen = uitkomsten.Select(u => Assert.IsType<OpslagUitkomst.Opgeslagen>(u).Hulpvraag).ToList();
        Assert.Equal(10, opgeslagen.Select(h => h.Dossiernummer).Distinct().Count());
        for (var i = 0; i < 10; i++)
        {
            var gelezen = await Store.FindByDossiernummerAsync(opgeslagen[i].Dossiernummer, default);
            Assert.Equal($"BUNDEL-{i + 1}", gelezen!.Bron.Referentie);
            Assert.Single(gelezen.StatusHistorie);
        }

        Assert.Equal(10, await TelAsync("SELECT COUNT(*) FROM ontvangst WHERE referentie LIKE 'BUNDEL-%' AND dossiernummer IS NOT NULL"));
        // Two writers each took one create before the rest queued; the other eight went in one or two batches.
        Assert.InRange(await TelAsync("SELECT COUNT(DISTINCT xmin::text) FROM hulpvraag WHERE referentie LIKE 'BUNDEL-%'"), 3, 4);
    }

    [Fact]
    public async Task OpslaanAsync_ACreateTheDatabaseRefusesInsideABundle_FailsOnlyThatRequest()
    {
        var aanmaken = Enumerable.Range(1, 10).Select(i => Aanmaak($"WEIGER-{i}")).ToList();
        // PostgreSQL refuses a NUL character in text (22021): a statement error of this create alone.
        aanmaken[6] = aanmaken[6] with { NieuweStaat = aanmaken[6].NieuweStaat with { Omschrijving = "kapot\0" } };

        var uitkomsten = await MetVergrendeldeTabelAsync(aanmaken);

        var fout = Assert.IsType<PostgresException>(uitkomsten[6]);
        Assert.Equal("22021", fout.SqlState);
        Assert.All(uitkomsten.Where((_, i) => i != 6), u => Assert.IsType<OpslagUitkomst.Opgeslagen>(u));
        Assert.Equal(9, await TelAsync("SELECT COUNT(*) FROM hulpvraag WHERE referentie LIKE 'WEIGER-%'"));
        Assert.Equal(9, await TelAsync("SELECT COUNT(*) FROM statushistorie s JOIN hulpvraag h USING (dossiernummer) WHERE h.referentie LIKE 'WEIGER-%'"));
    }

    [Fact]
    public async Task OpslaanAsync_TwoCreatesOfOneReferentieInOneBundle_StoreOneAndTheOtherIsAConflict()
    {
        var aanmaken = new[] { "DUBBEL-A", "DUBBEL-B", "DUBBEL-C", "DUBBEL-C", "DUBBEL-D" }.Select(Aanmaak).ToList();

        var uitkomsten = await MetVergrendeldeTabelAsync(aanmaken);

        Assert.IsType<OpslagUitkomst.Opgeslagen>(uitkomsten[2]);
        Assert.IsType<OpslagUitkomst.Conflict>(uitkomsten[3]);
        Assert.Equal(4, await TelAsync("SELECT COUNT(*) FROM hulpvraag WHERE referentie LIKE 'DUBBEL-%'"));
        Assert.Equal(4, await TelAsync("SELECT COUNT(*) FROM ontvangst WHERE referentie LIKE 'DUBBEL-%'"));
    }

    [Fact]
    public async Task OpslaanAsync_BundledCreatesWithEmailOn_EachQueuesItsOwnReceiptMailInItsOwnTransaction()
    {
        // A second database with e-mail on: the receipt mail's outbox row rides in each create's statement.
        await _services.DisposeAsync();
        _connectionString = PostgresServer.CreateDatabase();
        await StartAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = "2",
            ["Email:Smtp:Security"] = "None",
            ["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>",
            ["Email:BasisUrl"] = "http://127.0.0.1:8080",
        });

        var uitkomsten = await MetVergrendeldeTabelAsync(Enumerable.Range(1, 6).Select(i => Aanmaak($"MAIL-{i}")).ToList());

        Assert.All(uitkomsten, u => Assert.IsType<OpslagUitkomst.Opgeslagen>(u));
        Assert.Equal(6, await TelAsync(
            "SELECT COUNT(*) FROM aflevering a JOIN hulpvraag h USING (dossiernummer) " +
            "WHERE a.kanaal = 'email' AND h.referentie LIKE 'MAIL-%' AND a.xmin::text = h.xmin::text"));
        Assert.InRange(await TelAsync("SELECT COUNT(DISTINCT xmin::text) FROM hulpvraag WHERE referentie LIKE 'MAIL-%'"), 3, 4);
    }

    /// <summary>
    /// Starts every create while another connection holds a lock that blocks inserts into hulpvraag, waits until the
    /// two writers are blocked on it (the others then wait in the bundle's queue), lifts the lock, and answers each
    /// create's outcome or exception.
    /// </summary>
    private async Task<object[]> MetVergrendeldeTabelAsync(IReadOnlyList<HulpvraagMutatie> aanmaken)
    {
        await using var slot = new NpgsqlConnection(_connectionString);
        await slot.OpenAsync();
        await using var transactie = await slot.BeginTransactionAsync();
        await slot.ExecuteAsync("LOCK TABLE hulpvraag IN SHARE ROW EXCLUSIVE MODE", transaction: transactie);

        var taken = aanmaken.Select(m => Store.OpslaanAsync(m, default)).ToList();
        var tot = DateTime.UtcNow + Wachttijd;
        while (await slot.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_locks WHERE relation = 'hulpvraag'::regclass AND NOT granted", transaction: transactie) < Math.Min(2, aanmaken.Count))
        {
            Assert.True(DateTime.UtcNow < tot, "the first creates never reached the database");
            await Task.Delay(20);
        }

        await transactie.CommitAsync();
        var uitkomsten = new object[taken.Count];
        for (var i = 0; i < taken.Count; i++)
        {
            try
            {
                uitkomsten[i] = await taken[i].WaitAsync(Wachttijd);
            }
            catch (PostgresException ex)
            {
                uitkomsten[i] = ex;
            }
        }

        return uitkomsten;
    }

    /// <summary>A simple create as intake builds it: the row, its first history entry and its ontvangst entry.</summary>
    private HulpvraagMutatie Aanmaak(string referentie)
    {
        var staat = _voorbeeld with { Dossiernummer = 0, Bron = _voorbeeld.Bron with { Referentie = referentie } };
        return new HulpvraagMutatie
        {
            NieuweStaat = staat,
            NieuweHistorie = [staat.StatusHistorie[0]],
            Ontvangst = new OntvangstRegel(staat.OntvangenOp, staat.Bron.Systeem, staat.Bron.Brin, staat.Bron.Vestiging, referentie,
                OntvangstUitkomsten.Aangemaakt, null, null, null),
        };
    }

    private async Task<long> TelAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
