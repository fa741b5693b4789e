using Hulpvraag.Gateway.Cli;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Cli;

/// <summary>What a newcomer met at the command line (issue 13): silent empty stores, unknown commands, English help, tables.</summary>
public sealed class CliGebruikTests
{
    private readonly string _db = new SqliteTarget().NewConnectionString();

    private string DbFile => new SqliteConnectionStringBuilder(_db).DataSource;

    [Fact]
    public async Task StatusSet_StoreDoesNotExist_RefusesNamingItAndCreatesNothing()
    {
        var (code, uit) = await RunAsync("status", "set", "--dossier", "1000", "--status", "wacht");

        Assert.Equal(GatewayCli.Gebruik, code);
        Assert.Contains("Opslag bestaat niet", uit, StringComparison.Ordinal);
        Assert.Contains(DbFile, uit, StringComparison.Ordinal);
        Assert.False(File.Exists(DbFile));
    }

    [Fact]
    public async Task ApiKeyList_ExistingStore_FirstLineNamesTheStore()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);

        var (code, uit) = await RunAsync("apikey", "list");

        Assert.Equal(GatewayCli.Ok, code);
        Assert.Equal($"Opslag: SQLite-bestand {DbFile}", uit.Split(Environment.NewLine)[0]);
    }

    [Fact]
    public void MaakAbsoluut_RelativeSqlitePath_IsUnderTheProgramFolderNotTheWorkingDirectory()
    {
        var cs = SqliteLocatie.MaakAbsoluut(StorageProvider.Sqlite, "Data Source=data/gateway.db");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", "gateway.db"), SqliteLocatie.Bestand(cs));
        Assert.Equal("Host=db;Database=x", SqliteLocatie.MaakAbsoluut(StorageProvider.Postgres, "Host=db;Database=x"));
    }

    [Theory]
    [InlineData("rapporteer", "alles")]
    [InlineData("serve", "apikey", "create")]
    [InlineData("apikey", "list", "extra")]
    [InlineData("--dosier", "1000")]
    public async Task Run_UnknownCommandOrSurplusArgument_IsUsageErrorWithDutchHelp(params string[] args)
    {
        var (code, uit) = await RunAsync(args);

        Assert.Equal(GatewayCli.Gebruik, code);
        Assert.Contains("Onbekende opdracht of argument", uit, StringComparison.Ordinal);
        Assert.Contains("Gebruik:", uit, StringComparison.Ordinal);
        Assert.False(File.Exists(DbFile));
    }

    [Fact]
    public async Task Help_OfASubcommand_IsDutchWithoutAdditionalArguments()
    {
        var (code, uit) = await RunAsync("apikey", "create", "--help");

        Assert.Equal(GatewayCli.Ok, code);
        Assert.Contains("Gebruik:", uit, StringComparison.Ordinal);
        Assert.Contains("--naam <naam>", uit, StringComparison.Ordinal);
        Assert.Contains("(verplicht)", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("Additional Arguments", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyCreate_MissingRequiredOption_IsUsageErrorInDutch()
    {
        var (code, uit) = await RunAsync("apikey", "create", "--rol", "admin");

        Assert.Equal(GatewayCli.Gebruik, code);
        Assert.Contains("De optie --naam is verplicht.", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyList_Json_WritesAccentsAsThemselves()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);
        Assert.Equal(GatewayCli.Ok, (await RunAsync("apikey", "create", "--naam", "Zoë Brönte", "--rol", "helpdesk")).Code);

        var (_, uit) = await RunAsync("apikey", "list", "--json");

        Assert.Contains("Zoë Brönte", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyList_Human_ColumnsAreAligned()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);
        await RunAsync("apikey", "create", "--naam", "A", "--rol", "backoffice");
        await RunAsync("apikey", "create", "--naam", "Een veel langere naam", "--rol", "admin");

        var regels = (await RunAsync("apikey", "list")).Uit.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[1..];

        Assert.Equal(3, regels.Length);
        var kolom = regels[0].IndexOf("AANGEMAAKT", StringComparison.Ordinal);
        Assert.All(regels[1..], r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}", r[kolom..]));
    }

    [Fact]
    public async Task HulpvraagList_AdminFilters_SelectLikeTheApi()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync("migrate")).Code);
        await using (var services = await new SqliteTarget().CreateServicesAsync(_db))
        {
            var intake = services.GetRequiredService<Core.Intake.IntakeService>();
            await intake.IndienenAsync(TestData.Aanvraag("LIST-1"), default);
            await intake.IndienenAsync(TestData.Aanvraag("LIST-2") with { Titel = "TLV -Nieuw" }, default);
        }

        var (code, uit) = await RunAsync("hulpvraag", "list", "--titel", "TLV -Nieuw", "--status", "aanmelding");
        Assert.Equal(GatewayCli.Ok, code);
        Assert.Contains("1 gevonden", uit, StringComparison.Ordinal);
        Assert.Contains("tlv-nieuw", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("ambulante-begeleiding", uit, StringComparison.Ordinal);

        var (fout, tekst) = await RunAsync("hulpvraag", "list", "--status", "klaar");
        Assert.Equal(GatewayCli.Geweigerd, fout);
        Assert.Contains("Onbekende status 'klaar'", tekst, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Uit)> RunAsync(params string[] args)
    {
        using var uit = new StringWriter();
        var code = await GatewayCli.RunAsync([.. args, "--Storage:Provider", "sqlite", "--ConnectionStrings:Gateway", _db], uit);
        return (code, uit.ToString());
    }
}
