using System.Data.Common;
using Dapper;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class SqliteStorageContractTests() : StorageContractTests(new SqliteTarget());

public sealed class PostgresStorageContractTests() : StorageContractTests(new PostgresTarget());

/// <summary>
/// The store's contract, run unchanged against a real SQLite file and a real PostgreSQL server: the same
/// behaviour on the embedded default and in production is what lets a school trust either.
/// </summary>
public abstract class StorageContractTests(StorageTarget target) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    protected StorageTarget Target { get; } = target;

    private IntakeService Intake => _services.GetRequiredService<IntakeService>();
    private StatusService Status => _services.GetRequiredService<StatusService>();
    private HulpvraagStore Store => _services.GetRequiredService<HulpvraagStore>();

    public async Task InitializeAsync() => _services = await Target.CreateServicesAsync(Target.NewConnectionString(), _clock);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Indienen_NewRequest_StoresEveryFieldAndReadsItBack()
    {
        var pdf = TestData.Pdf("opp");
        var resultaat = await Intake.IndienenAsync(TestData.Aanvraag(bijlagen: [TestData.Bijlage(pdf, "OPP leerling.pdf", "opp")]), default);

        Assert.True(resultaat.IsSuccess, string.Join("; ", resultaat.Fouten.Select(f => f.Melding)));
        var opgeslagen = resultaat.Value!.Hulpvraag;
        Assert.True(opgeslagen.Dossiernummer >= 1000);

        var gelezen = await Store.FindByDossiernummerAsync(opgeslagen.Dossiernummer, default);
        Assert.NotNull(gelezen);
        Assert.Equal(new Bron("esis", "E-2026-0042", "12AB", "00", "registratie-1"), gelezen.Bron);
        Assert.Equal("ambulante-begeleiding", gelezen.Titel);
        Assert.Equal("Ambulante Begeleiding", gelezen.TitelOrigineel);
        Assert.Equal(new Leerling("E-778", "Daan", "Daan Pieter", "van de", "Berg", new DateOnly(2017, 3, 17), "man", "5"), gelezen.Leerling);
        Assert.Equal("J. de Vries", gelezen.Aanvrager.Naam);
        Assert.Equal(StatusCatalogus.Aanmelding, gelezen.Status.Code);
        Assert.Equal(_clock.GetUtcNow(), gelezen.OntvangenOp);
        Assert.Equal(1, gelezen.Versie);
        var historie = Assert.Single(gelezen.StatusHistorie);
        Assert.Null(historie.Van);
        var bijlage = Assert.Single(gelezen.Bijlagen);
        Assert.Equal(("OPP leerling.pdf", "opp", "application/pdf", (long)pdf.Length), (bijlage.Bestandsnaam, bijlage.Categorie, bijlage.ContentType, bijlage.Grootte));
        Assert.DoesNotContain(gelezen.Waarschuwingen, w => w.Code == WaarschuwingCodes.GeenOpp);
        Assert.Equal(gelezen, await Store.FindByBronAsync(gelezen.Bron.Sleutel, default), new HulpvraagGelijk());
    }

    [Fact]
    public async Task Indienen_TwoRequests_IssuesIncreasingDossiernummersFromTheSequence()
    {
        var a = await Intake.IndienenAsync(TestData.Aanvraag("A-1"), default);
        var b = await Intake.IndienenAsync(TestData.Aanvraag("A-2"), default);

        Assert.True(b.Value!.Hulpvraag.Dossiernummer > a.Value!.Hulpvraag.Dossiernummer);
    }

    [Fact]
    public async Task Indienen_TwentyConcurrentIdenticalSubmissions_MakeOneHulpvraag()
    {
        var pdf = TestData.Pdf("gelijk");
        var taken = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => Intake.IndienenAsync(TestData.Aanvraag("RACE-1", bijlagen: [TestData.Bijlage(pdf)]), default)))
            .ToArray();
        var resultaten = await Task.WhenAll(taken);

        Assert.All(resultaten, r => Assert.True(r.IsSuccess));
        Assert.Single(resultaten.Select(r => r.Value!.Hulpvraag.Dossiernummer).Distinct());
        Assert.Single(resultaten, r => r.Value!.Resultaat == IntakeResultaat.Aangemaakt);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM bijlage"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM bijlage_inhoud"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM statushistorie"));
    }

    [Fact]
    public async Task Opslaan_FailureInsideTransaction_LeavesNothingBehind()
    {
        var goed = TestData.Bijlage(TestData.Pdf("eerste"), "Eerste verslag.pdf");
        var kapot = TestData.Bijlage(TestData.Pdf("tweede", 200_000), "Tweede verslag.pdf") with { Inhoud = new BrekendeInhoud(TestData.Pdf("tweede", 200_000)) };
        var invoer = TestData.Aanvraag("FAIL-1", bijlagen: [goed]) with { MeldOntvangstTerug = true };

        // Validation reads the content fine; the store's streaming copy fails halfway through the second attachment.
        var validatie = AanvraagValidatie.Valideer(invoer with { Bijlagen = [goed, TestData.Bijlage(TestData.Pdf("tweede", 200_000), "Tweede verslag.pdf")] }, "PO2806", new DateOnly(2026, 12, 6));
        Assert.True(validatie.IsSuccess);
        await Assert.ThrowsAnyAsync<Exception>(() => Intake.IndienenAsync(invoer with { Bijlagen = [goed, kapot] }, default));

        foreach (var tabel in new[] { "hulpvraag", "bijlage", "bijlage_inhoud", "statushistorie", "aflevering", "ontvangst" })
        {
            Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM {tabel}"));
        }
    }

    [Fact]
    public async Task Indienen_IdenticalResend_ChangesNothing()
    {
        var eerste = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!;
        _clock.Advance(TimeSpan.FromMinutes(5));
        var tweede = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!;

        Assert.Equal(IntakeResultaat.Ongewijzigd, tweede.Resultaat);
        Assert.Equal(eerste.Hulpvraag.Versie, tweede.Hulpvraag.Versie);
        Assert.Equal(eerste.Hulpvraag.BijgewerktOp, (await Store.FindByDossiernummerAsync(eerste.Hulpvraag.Dossiernummer, default))!.BijgewerktOp);
    }

    [Fact]
    public async Task Indienen_ChangedResend_KeepsDossiernummerAndRaisesVersion()
    {
        var eerste = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!;
        var tweede = (await Intake.IndienenAsync(TestData.Aanvraag() with { Omschrijving = "Gedrag en werkhouding" }, default)).Value!;

        Assert.Equal(IntakeResultaat.Bijgewerkt, tweede.Resultaat);
        Assert.Equal(eerste.Hulpvraag.Dossiernummer, tweede.Hulpvraag.Dossiernummer);
        var gelezen = await Store.FindByDossiernummerAsync(eerste.Hulpvraag.Dossiernummer, default);
        Assert.Equal(2, gelezen!.Versie);
        Assert.Equal("Gedrag en werkhouding", gelezen.Omschrijving);
    }

    [Fact]
    public async Task BijlagenToevoegen_SameFileTwiceAndAcrossHulpvragen_StoresContentOnce()
    {
        var pdf = TestData.Pdf("gedeeld");
        var a = (await Intake.IndienenAsync(TestData.Aanvraag("D-1"), default)).Value!.Hulpvraag;
        await Intake.IndienenAsync(TestData.Aanvraag("D-2", bijlagen: [TestData.Bijlage(pdf)]), default);

        var eerste = await Intake.BijlagenToevoegenAsync(a.Bron.Sleutel, "00", [TestData.Bijlage(pdf)], default);
        var nogmaals = await Intake.BijlagenToevoegenAsync(a.Bron.Sleutel, "00", [TestData.Bijlage(pdf)], default);

        Assert.Equal(IntakeResultaat.Bijgewerkt, eerste.Value!.Resultaat);
        Assert.Equal(IntakeResultaat.Ongewijzigd, nogmaals.Value!.Resultaat);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM bijlage"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM bijlage_inhoud"));
    }

    [Fact]
    public async Task BijlagenToevoegen_UnknownHulpvraag_RefusesAndRecordsOnlyTheRefusal()
    {
        var resultaat = await Intake.BijlagenToevoegenAsync(new BronSleutel("esis", "12AB", "BESTAAT-NIET"), "00", [TestData.Bijlage(TestData.Pdf())], default);

        Assert.Equal(FoutCodes.DossierOnbekend, resultaat.Code);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM bijlage_inhoud"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM ontvangst WHERE uitkomst = 'geweigerd' AND foutcode = 'DOSSIER_ONBEKEND'"));
    }

    [Fact]
    public async Task OpenInhoud_TenMebibyteAttachment_StreamsBackIdenticalBytes()
    {
        var pdf = TestData.Pdf("groot", 10 * 1024 * 1024 - 200);
        Assert.True(pdf.Length <= 10 * 1024 * 1024);
        var bijlage = TestData.Bijlage(pdf, "Onderzoeksverslag psycholoog.pdf", "onderzoeksverslag");
        await Intake.IndienenAsync(TestData.Aanvraag(bijlagen: [bijlage]), default);

        await using var stream = await Store.OpenInhoudAsync(bijlage.Sha256, default);
        Assert.NotNull(stream);
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = Convert.ToHexStringLower(await sha.ComputeHashAsync(stream));
        Assert.Equal(bijlage.Sha256, hash);
    }

    [Fact]
    public async Task Wijzig_AllowedChange_WritesHistoryAndExactlyOneCallbackInOneGo()
    {
        var h = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!.Hulpvraag;
        var resultaat = await Status.WijzigAsync(h.Dossiernummer,
            new StatusWijzigingVerzoek("dossier-incompleet", "SCP", "Het OPP ontbreekt.", false, h.Versie), "test", default);

        Assert.True(resultaat.IsSuccess);
        Assert.Equal(2, resultaat.Value!.Versie);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM statushistorie"));
        Assert.Equal(1, await CountAsync("""SELECT COUNT(*) FROM aflevering WHERE kanaal = 'esis-callback' AND payload LIKE '%"statusCode":"dossier-incompleet"%' AND payload LIKE '%"toelichting":"Het OPP ontbreekt."%'"""));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit WHERE actie = 'status.wijzigen'"));
    }

    [Fact]
    public async Task Wijzig_StaleVersion_IsRefusedWithoutHistoryOrCallback()
    {
        var h = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!.Hulpvraag;
        await Status.WijzigAsync(h.Dossiernummer, new StatusWijzigingVerzoek("in-behandeling", null, null, false, 1), "a", default);

        var tweede = await Status.WijzigAsync(h.Dossiernummer, new StatusWijzigingVerzoek("wacht", null, null, false, 1), "b", default);

        Assert.Equal(FoutCodes.VersieVerouderd, tweede.Code);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM aflevering WHERE kanaal <> 'email'"));
    }

    [Fact]
    public async Task Wijzig_ConcurrentChanges_EachWinnerHasOneCallbackAndLosersAreRefused()
    {
        var h = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!.Hulpvraag;
        var taken = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Status.WijzigAsync(h.Dossiernummer, new StatusWijzigingVerzoek("wacht", $"reden {i}", null, false, null), $"m{i}", default)));
        var resultaten = await Task.WhenAll(taken);

        // Without verwachteVersie each change is checked against the version it read; the losers get 'verouderd'.
        Assert.Contains(resultaten, r => r.IsSuccess);
        var geslaagd = resultaten.Count(r => r.IsSuccess);
        Assert.All(resultaten.Where(r => !r.IsSuccess), r => Assert.Equal(FoutCodes.VersieVerouderd, r.Code));
        Assert.Equal(geslaagd, await CountAsync("SELECT COUNT(*) FROM aflevering WHERE kanaal <> 'email'"));
        Assert.Equal(1 + geslaagd, await CountAsync("SELECT MAX(versie) FROM hulpvraag"));
    }

    [Fact]
    public async Task Indienen_ResendOnDossierIncompleet_ReturnsToAanmeldingWithCallback()
    {
        var h = (await Intake.IndienenAsync(TestData.Aanvraag(), default)).Value!.Hulpvraag;
        await Status.WijzigAsync(h.Dossiernummer, new StatusWijzigingVerzoek("dossier-incompleet", "SCP", "Het OPP ontbreekt.", false, null), "bo", default);

        var aangevuld = await Intake.BijlagenToevoegenAsync(h.Bron.Sleutel, "00", [TestData.Bijlage(TestData.Pdf("opp"), "OPP 2026.pdf", "opp")], default);

        Assert.Equal(StatusCatalogus.Aanmelding, aangevuld.Value!.Hulpvraag.Status.Code);
        var gelezen = await Store.FindByDossiernummerAsync(h.Dossiernummer, default);
        Assert.Equal(["aanmelding", "dossier-incompleet", "aanmelding"], gelezen!.StatusHistorie.Select(s => s.Naar));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM aflevering WHERE kanaal <> 'email'"));
        Assert.DoesNotContain(gelezen.Waarschuwingen, w => w.Code == WaarschuwingCodes.GeenOpp);
    }

    [Fact]
    public async Task Indienen_InvalidRequest_StoresOnlyTheRefusal()
    {
        var resultaat = await Intake.IndienenAsync(TestData.Aanvraag() with { Titel = "TLV nieuw", Samenwerkingsverband = "PO2806" }, default);

        Assert.Equal(FoutCodes.TitelOnbekend, resultaat.Code);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM ontvangst WHERE uitkomst = 'geweigerd' AND foutcode = 'TITEL_ONBEKEND'"));
    }

    [Fact]
    public async Task Migrate_RunTwice_IsIdempotent()
    {
        var applied = await _services.GetRequiredService<Migrator>().MigrateAsync(default);

        Assert.Equal(0, applied);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Staged content that breaks halfway, as a disk or network read can.</summary>
    private sealed class BrekendeInhoud(byte[] bytes) : IBijlageInhoud
    {
        private int _opens;

        public Stream OpenRead() => Interlocked.Increment(ref _opens) == 1
            ? new MemoryStream(bytes, writable: false)
            : new BrekendeStream(bytes);
    }

    private sealed class BrekendeStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => Breek() ? 0 : base.Read(buffer, offset, Math.Min(count, 16_384));

        public override int Read(Span<byte> buffer) => Breek() ? 0 : base.Read(buffer[..Math.Min(buffer.Length, 16_384)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Breek() ? default : base.ReadAsync(buffer[..Math.Min(buffer.Length, 16_384)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Breek() ? Task.FromResult(0) : base.ReadAsync(buffer, offset, Math.Min(count, 16_384), cancellationToken);

        private bool Breek() => Position > 100_000 ? throw new IOException("read failed halfway") : false;
    }

    private sealed class HulpvraagGelijk : IEqualityComparer<Core.Model.Hulpvraag?>
    {
        public bool Equals(Core.Model.Hulpvraag? x, Core.Model.Hulpvraag? y) =>
            x is not null && y is not null && x.Dossiernummer == y.Dossiernummer && x.Versie == y.Versie
            && x.Bijlagen.SequenceEqual(y.Bijlagen) && x.StatusHistorie.SequenceEqual(y.StatusHistorie) && x.Leerling == y.Leerling;

        public int GetHashCode(Core.Model.Hulpvraag? obj) => obj?.Dossiernummer.GetHashCode() ?? 0;
    }
}
