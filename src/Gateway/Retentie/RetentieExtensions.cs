using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Retentie;

public static class RetentieExtensions
{
    /// <summary>Options and store (CLI and server); <see cref="AddGatewayRetentieDienst"/> adds the background job (server).</summary>
    public static IServiceCollection AddGatewayRetentie(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentieOptions>().Bind(configuration.GetSection(RetentieOptions.Section))
            .MetOudeSleutels(configuration, RetentieOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentieStore>();
        services.AddSingleton<RetentieDienst>();
        return services;
    }

    public static IServiceCollection AddGatewayRetentieDienst(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<RetentieDienst>());
        return services;
    }
}
