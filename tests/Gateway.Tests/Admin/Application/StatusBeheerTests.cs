using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin.Application;

public sealed class SqliteStatusBeheerTests() : StatusBeheerTests(new SqliteTarget());

public sealed class PostgresStatusBeheerTests() : StatusBeheerTests(new PostgresTarget());

/// <summary>The status change every surface shares: role checked by the service itself, field limits, audit with the change.</summary>
public abstract class StatusBeheerTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly ICurrentActor Backoffice = new RolActor("apikey:test (backoffice)", Rollen.Backoffice);
    private ServiceProvider _services = null!;
    private long _dossier;

    private StatusBeheer Beheer => _services.GetRequiredService<StatusBeheer>();

    public async Task InitializeAsync()
    {
        _services = await target.CreateServicesAsync(target.NewConnectionString());
        _dossier = (await _services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag("S-1"), default)).Value!.Hulpvraag.Dossiernummer;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task WijzigAsync_Backoffice_ChangesAndAuditsWithTheActorsName()
    {
        var r = await Beheer.WijzigAsync(_dossier, new StatusWijziging("dossier-incompleet", "SCP", "Het OPP ontbreekt.", 1), Backoffice, default);

        Assert.True(r.IsSuccess, r.Code);
        var audit = await _services.GetRequiredService<AuditStore>().RecentAsync(10, default);
        Assert.Contains(audit, a => a.Actie == "status.wijzigen" && a.Actor == Backoffice.Naam && a.Onderwerp == $"hulpvraag:{_dossier}");
    }

    [Fact]
    public async Task WijzigAsync_HelpdeskActor_IsRefusedWithGeenToegangAndNothingChanges()
    {
        var r = await Beheer.WijzigAsync(_dossier, new StatusWijziging("wacht", null, null, null), new RolActor("persoon:h", Rollen.Helpdesk), default);

        Assert.Equal(FoutCodes.GeenToegang, r.Code);
        Assert.Equal(403, FoutCodes.HttpStatus(r.Code!));
        Assert.Equal("aanmelding", (await StatusAsync()).Code);
    }

    [Theory]
    [InlineData("toelichting", 2001, false)]
    [InlineData("toelichting", 10, true)]
    [InlineData("kwalificatie", 101, false)]
    [InlineData("kwalificatie", 5, true)]
    public async Task WijzigAsync_TooLongOrControlCharacters_IsRefusedNamingTheFieldAndStoresNothing(string veld, int lengte, bool nul)
    {
        var tekst = new string('x', lengte) + (nul ? "\0" : "");
        var wijziging = veld == "toelichting"
            ? new StatusWijziging("dossier-incompleet", null, tekst, null)
            : new StatusWijziging("doorzetten", tekst, null, null);

        var r = await Beheer.WijzigAsync(_dossier, wijziging, Backoffice, default);

        Assert.Equal(FoutCodes.VeldOngeldig, r.Code);
        Assert.Equal(veld, r.Fouten[0].Veld);
        Assert.Equal("aanmelding", (await StatusAsync()).Code);
    }

    [Fact]
    public async Task WijzigAsync_MultiLineToelichting_IsAccepted()
    {
        var r = await Beheer.WijzigAsync(_dossier, new StatusWijziging("dossier-incompleet", null, "Ontbreekt:\r\n\t- het OPP", null), Backoffice, default);

        Assert.True(r.IsSuccess, r.Code);
    }

    private async Task<Core.Model.StatusInfo> StatusAsync() =>
        (await _services.GetRequiredService<IHulpvraagStore>().FindByDossiernummerAsync(_dossier, default))!.Status;
}
