using Hulpvraag.Gateway.Cli;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Tests.Cli;

public sealed class GatewayCliTests
{
    private readonly string _db = new SqliteTarget().NewConnectionString();

    [Fact]
    public async Task Migrate_FreshDatabase_ExitsZero()
    {
        var (code, uit) = await RunAsync("migrate");

        Assert.Equal(GatewayCli.Ok, code);
        Assert.Contains("bijgewerkt", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_CreateListRevoke_ShowsKeyOnceAndRevokes()
    {
        await MigrateAsync();
        var (code, uit) = await RunAsync("apikey", "create", "--naam", "Helpdesk Anja", "--rol", "helpdesk");
        Assert.Equal(GatewayCli.Ok, code);
        var sleutel = uit.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("hgw_", StringComparison.Ordinal));
        var id = sleutel.Split('_')[1];

        var (_, lijst) = await RunAsync("apikey", "list");
        Assert.Contains(id, lijst, StringComparison.Ordinal);
        Assert.DoesNotContain(sleutel, lijst, StringComparison.Ordinal);

        Assert.Equal(GatewayCli.Ok, (await RunAsync("apikey", "revoke", id)).Code);
        Assert.Equal(GatewayCli.NietGevonden, (await RunAsync("apikey", "revoke", id)).Code);
        Assert.Contains("INGETROKKEN", (await RunAsync("apikey", "list")).Uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_UnknownRole_IsUsageError()
    {
        Assert.Equal(GatewayCli.Gebruik, (await RunAsync("apikey", "create", "--naam", "x", "--rol", "beheerder")).Code);
    }

    [Fact]
    public async Task StatusSet_UnknownDossier_ExitsThree()
    {
        await MigrateAsync();
        Assert.Equal(GatewayCli.NietGevonden, (await RunAsync("status", "set", "--dossier", "424242", "--status", "wacht")).Code);
    }

    [Fact]
    public async Task Migrate_InvalidProviderSetting_ExitsOneNamingTheKey()
    {
        var (code, uit) = await RunAsync("migrate", "--Gateway:SamenwerkingsverbandCode", "Rotterdam");

        Assert.Equal(GatewayCli.Gebruik, code);
        Assert.Contains("Gateway:SamenwerkingsverbandCode", uit, StringComparison.Ordinal);
        Assert.StartsWith("Ongeldige configuratie: Gateway:SamenwerkingsverbandCode", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_TwoWrongKeysInTwoSections_OneDutchLinePerKey()
    {
        var (code, uit) = await RunAsync("migrate", "--Callbacks:BatchSize", "0", "--Retentie:Interval", "00:00:00");

        Assert.Equal(GatewayCli.Gebruik, code);
        var regels = uit.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Ongeldige configuratie: Callbacks:BatchSize moet tussen 1 en 1000 liggen.", regels);
        Assert.Contains("Ongeldige configuratie: Retentie:Interval moet tussen 1 seconde en 7 dagen liggen.", regels);
        Assert.DoesNotContain("must", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HulpvraagShowAndDiagnose_ForTheHelpdesk_ShowWhatArrived()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);
        var target = new SqliteTarget();
        await using (var services = await target.CreateServicesAsync(_db))
        {
            var intake = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Core.Intake.IntakeService>(services);
            await intake.IndienenAsync(TestData.Aanvraag("CLI-1"), default);
            await intake.IndienenAsync(TestData.Aanvraag("CLI-2") with { Titel = "TLV nieuw" }, default);
        }

        var (code, show) = await RunAsync("hulpvraag", "show", "1000");
        Assert.Equal(GatewayCli.Ok, code);
        Assert.Contains("Ambulante Begeleiding", show, StringComparison.Ordinal);
        Assert.Contains("Aanmelding", show, StringComparison.Ordinal);
        Assert.Equal(GatewayCli.NietGevonden, (await RunAsync("hulpvraag", "show", "5")).Code);

        var (_, diagnose) = await RunAsync("diagnose", "--brin", "12ab");
        Assert.Contains("aangemaakt", diagnose, StringComparison.Ordinal);
        Assert.Contains("TITEL_ONBEKEND", diagnose, StringComparison.Ordinal);
        Assert.Contains("Bedoelde u", diagnose, StringComparison.Ordinal);
    }

    private async Task MigrateAsync() => Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);

    private string DbFile => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_db).DataSource;

    private async Task<(int Code, string Uit)> RunAsync(params string[] args)
    {
        using var uit = new StringWriter();
        var code = await GatewayCli.RunAsync([.. args, "--Storage:Provider", "sqlite", "--ConnectionStrings:Gateway", _db], uit);
        return (code, uit.ToString());
    }
}
