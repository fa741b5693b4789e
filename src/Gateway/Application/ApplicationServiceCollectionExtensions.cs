using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>The application services behind every admin write: the admin API, the CLI and the helpdesk pages call these.</summary>
    public static IServiceCollection AddGatewayApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallbackAdresOptions>().Bind(configuration.GetSection(CallbackAdresOptions.Section))
            .MetOudeSleutels(configuration, CallbackAdresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CallbackAdresOptions>>().Value.Regels());
        services.AddSingleton<StatusBeheer>();
        services.AddSingleton<EsisRegistratieBeheer>();
        services.AddSingleton<OsoRegisterBeheer>();
        services.AddSingleton<HerleveringBeheer>();
        services.AddSingleton<ContactpersoonBeheer>();
        services.AddSingleton<ApiSleutelBeheer>();
        services.AddSingleton<BeheerOverzichten>();
        services.AddSingleton<EmailBeheer>();
        return services;
    }
}
