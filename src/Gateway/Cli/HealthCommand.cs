using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// <c>gateway health</c>: asks a running instance's <c>/health/ready</c>; exit 0 when ready, 1 when not or unreachable.
/// The container health check: the runtime image has neither curl nor wget. Without <c>--url</c> it probes the first
/// address of <c>Urls</c> (the instance's own setting), with a wildcard host (0.0.0.0, +, *) read as loopback.
/// </summary>
internal static class HealthCommand
{
    public const int NietGereed = 1;

    public static Command Build(CliContext cli)
    {
        var url = new Option<string?>("--url") { Description = "Base address of the instance, e.g. http://127.0.0.1:8080 (default: from Urls)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the answer", DefaultValueFactory = _ => 5 };
        var health = new Command("health", "Probe /health/ready of a running instance: exit 0 ready, 1 not ready.") { TreatUnmatchedTokensAsErrors = false };
        health.Options.Add(url);
        health.Options.Add(timeout);
        health.SetAction(async (pr, ct) =>
        {
            var basis = pr.GetValue(url) ?? EigenAdres(pr.UnmatchedTokens.ToArray());
            if (!Uri.TryCreate(basis, UriKind.Absolute, out var adres) || adres.Scheme is not ("http" or "https"))
            {
                cli.Uit.WriteLine($"Ongeldig adres: '{basis}'.");
                return GatewayCli.Gebruik;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Clamp(pr.GetValue(timeout), 1, 120)) };
            try
            {
                using var antwoord = await http.GetAsync(new Uri(adres, "/health/ready"), ct);
                var tekst = (await antwoord.Content.ReadAsStringAsync(ct)).Trim();
                cli.Uit.WriteLine(antwoord.IsSuccessStatusCode ? $"Gereed ({tekst})." : $"Niet gereed: {(int)antwoord.StatusCode} {tekst}");
                return antwoord.IsSuccessStatusCode ? GatewayCli.Ok : NietGereed;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                cli.Uit.WriteLine($"Niet bereikbaar op {adres}: {ex.Message}");
                return NietGereed;
            }
        });
        return health;
    }

    /// <summary>The first address the instance listens on, from the same sources the server reads.</summary>
    internal static string EigenAdres(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var urls = (configuration["Urls"] ?? "http://127.0.0.1:8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var eerste = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault() ?? "http://127.0.0.1:8080";
        foreach (var wildcard in new[] { "://0.0.0.0", "://+", "://*", "://[::]" })
        {
            eerste = eerste.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return eerste;
    }
}
