using System.CommandLine;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// What every command group shares: where output goes, the <c>--json</c> switch, the one actor the CLI acts as, the
/// one way refusals are printed, and how a command gets its services (and which store it works on).
/// </summary>
internal sealed partial class CliContext(TextWriter uit, TextReader invoer)
{
    // é and ö as themselves: the output is read by people and UTF-8 aware scripts, never embedded in HTML.
    private static readonly JsonSerializerOptions JsonOpties = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public TextWriter Uit { get; } = uit;

    /// <summary>Secrets (verification codes) are read from here, never from the command line.</summary>
    public TextReader Invoer { get; } = invoer;

    public Option<bool> JsonOption { get; } = new("--json") { Description = "Uitvoer als JSON (voor scripts)", Recursive = true };

    /// <summary>The one actor of the CLI: the operator, role admin (a shell on the server can do everything), named after the OS account.</summary>
    public static ICurrentActor HuidigeActor => RolActor.Cli(Environment.UserName);

    public bool Json(ParseResult pr) => pr.GetValue(JsonOption);

    public static string AlsJson(object? waarde) => JsonSerializer.Serialize(waarde, JsonOpties);

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

    /// <summary>
    /// Builds the services a command needs (no web server, no dispatcher), validates options, and runs the command on
    /// the store. Only <paramref name="maakOpslag"/> (<c>migrate</c>) may create a store; every other command refuses
    /// one that does not exist, naming it, instead of silently starting an empty database. Human-readable output starts
    /// with the store it worked on.
    /// </summary>
    public async Task<int> MetDienstenAsync(
        ParseResult pr, CancellationToken cancellationToken, Func<IServiceProvider, CancellationToken, Task<int>> actie, bool maakOpslag = false)
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

            var opslag = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var naam = Opslagnaam(opslag);
            if (!maakOpslag && await OntbreektAsync(opslag, host.Services, cancellationToken) is { } waarom)
            {
                await Uit.WriteLineAsync($"{waarom}: {naam}. Alleen 'gateway migrate' en 'gateway serve' maken een opslag aan; "
                    + "klopt --ConnectionStrings:Gateway (of Storage:Provider postgres)?");
                return GatewayCli.Gebruik;
            }

            if (!Json(pr))
            {
                await Uit.WriteLineAsync($"Opslag: {naam}");
            }

            await host.Services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
            return await actie(host.Services, cancellationToken);
        }
        catch (Exception ex) when (IsConfiguratiefout(ex))
        {
            await Uit.WriteLineAsync(Configuratiefout(ex));
            return GatewayCli.Gebruik;
        }
    }

    /// <summary>
    /// One Dutch line per wrong key, each naming it: the options' own messages without the framework's wrapping.
    /// </summary>
    public static string Configuratiefout(Exception ex) =>
        string.Join(Environment.NewLine, Fouten(ex).Select(f => "Ongeldige configuratie: " + (FoutInValidatie().Match(f) is { Success: true } m ? m.Groups[1].Value : f)));

    /// <summary>Whether <paramref name="ex"/> only reports invalid options (one section, or several at once from the start-up validator).</summary>
    public static bool IsConfiguratiefout(Exception ex) =>
        ex is OptionsValidationException || (ex is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsConfiguratiefout));

    private static IEnumerable<string> Fouten(Exception ex) => ex switch
    {
        OptionsValidationException o => o.Failures,
        AggregateException a => a.InnerExceptions.SelectMany(Fouten),
        _ => [ex.Message],
    };

    /// <summary>SQLite by its absolute file, PostgreSQL by database, host and port (never a password).</summary>
    public static string Opslagnaam(StorageOptions opslag)
    {
        if (opslag.Provider == StorageProvider.Postgres)
        {
            var b = new NpgsqlConnectionStringBuilder(opslag.ConnectionString);
            return $"PostgreSQL database {b.Database} op {b.Host}:{b.Port}";
        }

        return $"SQLite-bestand {SqliteLocatie.Bestand(opslag.ConnectionString) ?? opslag.ConnectionString}";
    }

    private static async Task<string?> OntbreektAsync(StorageOptions opslag, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (opslag.Provider == StorageProvider.Sqlite)
        {
            var bestand = SqliteLocatie.Bestand(opslag.ConnectionString);
            return bestand is null || File.Exists(bestand) ? null : "Opslag bestaat niet";
        }

        try
        {
            return await services.GetRequiredService<Migrator>().HeeftSchemaAsync(cancellationToken) ? null : "Opslag heeft nog geen schema";
        }
        catch (DbException)
        {
            return "Opslag niet bereikbaar";
        }
    }

    [GeneratedRegex("with the error: '(.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex FoutInValidatie();
}
