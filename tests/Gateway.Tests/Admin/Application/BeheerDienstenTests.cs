using Dapper;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin.Application;

public sealed class SqliteBeheerDienstenTests() : BeheerDienstenTests(new SqliteTarget());

public sealed class PostgresBeheerDienstenTests() : BeheerDienstenTests(new PostgresTarget());

/// <summary>The application services behind the admin writes, on both stores: who may, coded refusals, audit with the change.</summary>
public abstract class BeheerDienstenTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly ICurrentActor Helpdesk = new RolActor("apikey:h (helpdesk)", Rollen.Helpdesk);
    private static readonly ICurrentActor Backoffice = new RolActor("apikey:b (backoffice)", Rollen.Backoffice);
    private const string Pepper = "pepper-voor-de-beheer-diensten-tests-0123456789";
    private readonly string _connectionString = target.NewConnectionString();
    private ServiceProvider _services = null!;

    private T Dienst<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var esis = new Dictionary<string, string?> { ["Esis:CodePepper"] = Pepper, ["Storage:Provider"] = target.Provider };
        _services = await target.CreateServicesAsync(_connectionString, settings: esis,
            configure: s => s.AddGatewayEsis(new ConfigurationBuilder().AddInMemoryCollection(esis).Build()));
        var h = (await Dienst<IntakeService>().IndienenAsync(TestData.Aanvraag("D-1"), default)).Value!.Hulpvraag;
        await Dienst<StatusService>().WijzigAsync(h.Dossiernummer, new StatusWijzigingVerzoek("wacht", null, null, false, null), "test", default);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task CallbackOpnieuwAsync_DeadCallback_IsWaitingAgainWithItsAuditEntry()
    {
        var id = await DoodAsync();

        var r = await Dienst<HerleveringBeheer>().CallbackOpnieuwAsync(id, Helpdesk, default);

        Assert.True(r.IsSuccess, r.Code);
        Assert.Equal(AfleverToestanden.Wachtend, (await Dienst<OutboxStore>().ZoekAsync(null, null, null, 10, default)).Single(c => c.Id == id).Toestand);
        Assert.Contains(await Dienst<AuditStore>().RecentAsync(10, default), a => a.Actie == "callback.opnieuw" && a.Actor == Helpdesk.Naam && a.Onderwerp == $"callback:{id}");
    }

    [Fact]
    public async Task CallbackOpnieuwAsync_UnknownOrNotDead_IsNietGevondenWithoutAudit()
    {
        var r = await Dienst<HerleveringBeheer>().CallbackOpnieuwAsync(999_999, Helpdesk, default);

        Assert.Equal(FoutCodes.NietGevonden, r.Code);
        Assert.DoesNotContain(await Dienst<AuditStore>().RecentAsync(10, default), a => a.Actie == "callback.opnieuw");
    }

    [Fact]
    public async Task CallbackOpnieuwAsync_Backoffice_IsGeenToegangAndTheRowStaysDead()
    {
        var id = await DoodAsync();

        var r = await Dienst<HerleveringBeheer>().CallbackOpnieuwAsync(id, Backoffice, default);

        Assert.Equal(FoutCodes.GeenToegang, r.Code);
        Assert.Equal(AfleverToestanden.Dood, (await Dienst<OutboxStore>().ZoekAsync(null, null, null, 10, default)).Single(c => c.Id == id).Toestand);
    }

    [Fact]
    public async Task WisselAsync_EmailGeen_IsRefusedAndNoContactChanges()
    {
        var r = await Dienst<ContactpersoonBeheer>().WisselAsync("12AB", "00", new ContactpersoonWissel("M. Jansen", "geen", null, null, null), Backoffice, default);

        Assert.Equal(FoutCodes.VeldOngeldig, r.Code);
        Assert.Equal("email", r.Fouten[0].Veld);
        var (_, items) = await Dienst<BeheerStore>().ZoekHulpvragenAsync(new HulpvraagFilter([], "12AB", null, null, null, null), 1, 10, default);
        Assert.NotEqual("M. Jansen", Assert.Single(items).AanvragerNaam);
    }

    [Fact]
    public async Task WisselAsync_ValidContact_ChangesTheOpenHulpvraagAndAudits()
    {
        var r = await Dienst<ContactpersoonBeheer>().WisselAsync("12ab", "00", new ContactpersoonWissel("M. Jansen", "m.jansen@regenboog.nl", null, null, null), Backoffice, default);

        Assert.Equal(1, r.Value);
        Assert.Contains(await Dienst<AuditStore>().RecentAsync(10, default), a => a.Actie == "school.contactpersoon" && a.Actor == Backoffice.Naam);
    }

    [Fact]
    public async Task RegistreerAsync_Backoffice_IsGeenToegang()
    {
        var r = await Dienst<EsisRegistratieBeheer>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "productie", "12AB00-regenboog-2026-x7", "https://esis.example/swv", null), Backoffice, default);

        Assert.Equal(FoutCodes.GeenToegang, r.Code);
        Assert.Empty((await Dienst<EsisRegistratieBeheer>().LijstAsync(null, Helpdesk, default)).Value!);
    }

    [Fact]
    public async Task MaakAsync_ApiKeyByNonAdminOrWithUnknownRole_IsRefused()
    {
        var beheer = Dienst<ApiSleutelBeheer>();

        Assert.Equal(FoutCodes.GeenToegang, (await beheer.MaakAsync("x", Rollen.Admin, Helpdesk, default)).Code);
        Assert.Equal("rol", (await beheer.MaakAsync("x", "superuser", RolActor.Cli("beheer"), default)).Fouten[0].Veld);
        Assert.Equal(FoutCodes.NietGevonden, (await beheer.TrekInAsync("bestaat-niet", RolActor.Cli("beheer"), default)).Code);
    }

    [Fact]
    public async Task ZetMandaatAsync_Helpdesk_StoresWithAuditAndUnknownDeleteIsNietGevonden()
    {
        var beheer = Dienst<OsoRegisterBeheer>();

        var r = await beheer.ZetMandaatAsync("12ab", new MandaatGegevens("00000001234567890000", "Topicus", null, null), Helpdesk, default);

        Assert.True(r.IsSuccess, r.Code);
        Assert.Contains(await Dienst<AuditStore>().RecentAsync(10, default), a => a.Actie == "oso.mandaat.zetten" && a.Actor == Helpdesk.Naam);
        Assert.Equal(FoutCodes.NietGevonden, (await beheer.VerwijderMandaatAsync("99ZZ", Helpdesk, default)).Code);
        Assert.Equal(FoutCodes.GeenToegang, (await beheer.VerwijderMandaatAsync("12AB", Backoffice, default)).Code);
    }

    [Fact]
    public async Task DiagnoseAsync_Brin6OfAnotherLocation_ShowsNothingOfThisOne()
    {
        var overzichten = Dienst<BeheerOverzichten>();

        var hier = await overzichten.DiagnoseAsync(Zoekvragen.Diagnose("12AB00", null).Value!, Helpdesk, default);
        var daar = await overzichten.DiagnoseAsync(Zoekvragen.Diagnose("12AB01", null).Value!, Helpdesk, default);

        Assert.Single(hier.Value!.Ontvangen);
        Assert.NotEmpty(hier.Value.Callbacks);
        Assert.Empty(daar.Value!.Ontvangen);
        Assert.Empty(daar.Value.Callbacks);
    }

    /// <summary>The status change wrote one callback; no dispatcher runs here, so it is declared dead by hand.</summary>
    private async Task<long> DoodAsync()
    {
        await using var c = await Dienst<DbConnectionFactory>().OpenAsync(default);
        await c.ExecuteAsync("UPDATE aflevering SET toestand = 'dood'");
        return (await Dienst<OutboxStore>().ZoekAsync(AfleverToestanden.Dood, null, null, 10, default)).First().Id;
    }
}
