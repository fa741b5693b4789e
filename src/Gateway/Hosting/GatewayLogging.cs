using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>Serilog is only the sink: compact JSON when output is not a terminal (containers, CI), readable text on a terminal.</summary>
public static class GatewayLogging
{
    public static IServiceCollection AddGatewayLogging(this IServiceCollection services, IConfiguration configuration, bool cli = false)
    {
        var niveau = configuration.GetValue("Logging:MinimumLevel", cli ? LogEventLevel.Warning : LogEventLevel.Information);
        services.AddSerilog((sp, lc) =>
        {
            // Sinks registered in DI (ILogEventSink) are added too: tests capture every event that way.
            lc.ReadFrom.Services(sp);
            lc.MinimumLevel.Is(niveau)
                .MinimumLevel.Override("Microsoft.AspNetCore", configuration.GetValue("Logging:AspNetCoreLevel", LogEventLevel.Warning))
                .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With<GeheimFilter>();
            var naarStderr = cli ? LogEventLevel.Verbose : (LogEventLevel?)null;
            if (Console.IsOutputRedirected && !cli)
            {
                lc.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                lc.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                    standardErrorFromLevel: naarStderr,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true); // each host its own logger: tests run several side by side
        return services;
    }
}
