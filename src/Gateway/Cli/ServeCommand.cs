using System.CommandLine;
using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway serve</c> (also what no command at all does): run the web server until stopped.</summary>
internal static class ServeCommand
{
    public static Command Build(CliContext cli)
    {
        var serve = new Command("serve", "Run the gateway (the default).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction(RunAsync);
        return serve;
    }

    public static async Task<int> RunAsync(ParseResult pr, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = GatewayServer.Build(pr.UnmatchedTokens.ToArray());
            await app.RunAsync(cancellationToken);
            return GatewayCli.Ok;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Ongeldige configuratie: {string.Join(" ", ex.Failures)}");
            return GatewayCli.Gebruik;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Ongeldige configuratie: {ex.Message}");
            return GatewayCli.Gebruik;
        }
    }
}
