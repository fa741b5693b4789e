using System.CommandLine;
using System.Text.Json;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// What every command group shares: where output goes, the <c>--json</c> switch, the one actor name the CLI writes
/// into audit entries, the one way refusals are printed, and how a command gets its services.
/// </summary>
internal sealed class CliContext(TextWriter uit, TextReader invoer)
{
    private static readonly JsonSerializerOptions JsonOpties = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Uit { get; } = uit;

    /// <summary>Secrets (verification codes) are read from here, never from the command line.</summary>
    public TextReader Invoer { get; } = invoer;

    public Option<bool> JsonOption { get; } = new("--json") { Description = "Machine-readable output", Recursive = true };

    /// <summary>Who did it, as the audit trail records it: the operating-system user behind the CLI.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>The same operator as the application services see them: role admin (a shell on the server can do everything).</summary>
    public static ICurrentActor HuidigeActor => RolActor.Cli(Environment.UserName);

    public bool Json(ParseResult pr) => pr.GetValue(JsonOption);

    public string AlsJson(object? waarde) => JsonSerializer.Serialize(waarde, JsonOpties);

    /// <summary>Writes <paramref name="waarde"/> as JSON or <paramref name="tekst"/> for people.</summary>
    public void Schrijf(ParseResult pr, object? waarde, Func<string> tekst) => Uit.WriteLine(Json(pr) ? AlsJson(waarde) : tekst());

    /// <summary>The one error printer: every refusal, one line each (code, rule, Dutch text) or one JSON object each.</summary>
    public int Weiger(ParseResult pr, IReadOnlyList<Fout> fouten, int exitCode = GatewayCli.Geweigerd)
    {
        foreach (var f in fouten)
        {
            Uit.WriteLine(Json(pr) ? AlsJson(f) : $"{f.Code}{(f.Regel is null ? "" : $" ({f.Regel})")}: {f.Melding}");
        }

        return exitCode;
    }

    /// <summary>A result's value, or its refusals.</summary>
    public int Toon<T>(ParseResult pr, Result<T> r, Func<T, string> tekst)
    {
        if (!r.IsSuccess)
        {
            return Weiger(pr, r.Fouten, r.Code is FoutCodes.NietGevonden or FoutCodes.DossierOnbekend ? GatewayCli.NietGevonden : GatewayCli.Geweigerd);
        }

        Schrijf(pr, r.Value, () => tekst(r.Value!));
        return GatewayCli.Ok;
    }

    /// <summary>Builds the services a command needs (no web server, no dispatcher), validates options, migrates, runs.</summary>
    public async Task<int> MetDienstenAsync(
        ParseResult pr, CancellationToken cancellationToken, Func<IServiceProvider, CancellationToken, Task<int>> actie)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = pr.UnmatchedTokens.ToArray(),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddGatewayLogging(builder.Configuration, cli: true);
            builder.Services.AddGatewayCore(builder.Configuration);
            builder.Services.AddGatewayEsis(builder.Configuration);
            using var host = builder.Build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            await host.Services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
            return await actie(host.Services, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await Uit.WriteLineAsync($"Ongeldige configuratie: {string.Join(" ", ex.Failures)}");
            return GatewayCli.Gebruik;
        }
    }
}
