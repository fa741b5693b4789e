using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>The application services behind every admin write: the admin API, the CLI and the helpdesk pages call these.</summary>
    public static IServiceCollection AddGatewayApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StatusBeheer>();
        return services;
    }
}
