using Hulpvraag.Core.Intake;
using Hulpvraag.Gateway.Cli;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Admin;

/// <summary>The CLI goes through the same application services as the admin API: the same rules, the same refusals.</summary>
public sealed class AdminCliTests : IAsyncLifetime
{
    private readonly string _db = new SqliteTarget().NewConnectionString();

    public async Task InitializeAsync()
    {
        Assert.Equal(GatewayCli.Ok, (await RunAsync(["migrate"])).Code);
        await using var services = await new SqliteTarget().CreateServicesAsync(_db);
        var intake = services.GetRequiredService<IntakeService>();
        await intake.IndienenAsync(TestData.Aanvraag("CLI-00"), default);
        await intake.IndienenAsync(TestData.Aanvraag("CLI-01") with { Vestiging = "01" }, default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Diagnose_Brin6_ShowsOnlyThatLocation()
    {
        var (code, uit) = await RunAsync(["diagnose", "--brin", "12ab01"]);

        Assert.Equal(GatewayCli.Ok, code);
        Assert.Contains("CLI-01", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("CLI-00", uit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("regenboog")]
    [InlineData("12AB0")]
    [InlineData("12")]
    public async Task Diagnose_NotABrinOrBrin6_IsRefusedWithACodeInsteadOfNietsOntvangen(string brin)
    {
        var (code, uit) = await RunAsync(["diagnose", "--brin", brin]);

        Assert.Equal(GatewayCli.Geweigerd, code);
        Assert.StartsWith("VELD_ONGELDIG", NaOpslagregel(uit), StringComparison.Ordinal);
        Assert.DoesNotContain("Niets ontvangen", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EsisRegister_MetadataCallbackUrl_IsRefusedLikeTheApiDoes()
    {
        var (code, uit) = await RunAsync(
            ["esis", "register", "--brin", "12AB", "--vestiging", "00", "--callback-url", "http://169.254.169.254/latest/meta-data"],
            "12AB00-regenboog-2026-x7");

        Assert.Equal(GatewayCli.Geweigerd, code);
        Assert.Contains("VELD_ONGELDIG", uit, StringComparison.Ordinal);
        Assert.Contains("intern", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusSet_TooLongToelichting_IsRefusedNamingTheLimit()
    {
        var (code, uit) = await RunAsync(["status", "set", "--dossier", "1000", "--status", "dossier-incompleet", "--toelichting", new string('x', 2001)]);

        Assert.Equal(GatewayCli.Geweigerd, code);
        Assert.Contains("2000", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OsoMandaatRemove_Unknown_ExitsThreeWithCode()
    {
        var (code, uit) = await RunAsync(["oso", "mandaat", "remove", "99ZZ"]);

        Assert.Equal(GatewayCli.NietGevonden, code);
        Assert.StartsWith("NIET_GEVONDEN", NaOpslagregel(uit), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Uit)> RunAsync(string[] args, string? invoer = null)
    {
        using var uit = new StringWriter();
        using var lezer = new StringReader(invoer ?? "");
        var code = await GatewayCli.RunAsync([.. args, "--Storage:Provider", "sqlite", "--ConnectionStrings:Gateway", _db], uit, lezer);
        return (code, uit.ToString());
    }

    // Every human-readable CLI answer starts with the store it used ("Opslag: …"); the refusal follows it.
    private static string NaOpslagregel(string uit) =>
        uit.StartsWith("Opslag:", StringComparison.Ordinal) ? uit[(uit.IndexOf('\n', StringComparison.Ordinal) + 1)..] : uit;
}
