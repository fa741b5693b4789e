using System.CommandLine;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway serve</c> (also what no command at all does): run the web server until stopped.</summary>
internal static partial class ServeCommand
{
    public static Command Build(CliContext cli)
    {
        var serve = new Command("serve", "Start de gateway (ook zonder opdracht).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction(RunAsync);
        return serve;
    }

    public static async Task<int> RunAsync(ParseResult pr, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = GatewayServer.Build(pr.UnmatchedTokens.ToArray());

            // Validated before the host starts: a configuration error is one Dutch line, not the host's stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            await app.RunAsync(cancellationToken);
            return GatewayCli.Ok;
        }
        catch (Exception ex) when (CliContext.IsConfiguratiefout(ex))
        {
            if (app is not null)
            {
                LogConfiguratiefout(app.Logger, ex);
            }

            await Console.Error.WriteLineAsync(CliContext.Configuratiefout(ex));
            return GatewayCli.Gebruik;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Ongeldige configuratie: {ex.Message}");
            return GatewayCli.Gebruik;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    [LoggerMessage(EventId = LogEventIds.ConfiguratieGeweigerd, Level = LogLevel.Debug, Message = "Configuration refused at start-up")]
    private static partial void LogConfiguratiefout(ILogger logger, Exception exception);
}
