using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public static class OsoServiceCollectionExtensions
{
    /// <summary>The OSO adapter; the host supplies <see cref="IOsoRegister"/>, <see cref="IOsoNotificaties"/> and the replay store.</summary>
    public static IServiceCollection AddOso(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OsoOptions>().Bind(configuration.GetSection(OsoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OsoSleutels>();
        services.AddSingleton<OsoMetrics>();
        services.AddSingleton<Mapping.OsoDossierMapper>();
        services.AddSingleton<OsoSoapClient>();
        services.AddSingleton<DossierOphaler>();
        services.AddHttpClient(OsoSoapClient.HttpClientName, c =>
            c.DefaultRequestHeaders.UserAgent.Add(new System.Net.Http.Headers.ProductInfoHeaderValue(Core.Ports.GatewayIdentiteit.Product, Core.Ports.GatewayIdentiteit.Versie)))
            // The endpoint URL comes from the register: its name is resolved and checked at every connection, as for Esis
            // callbacks (no link-local, loopback or private address unless Callbacks:AllowedNetworks allows it).
            .ConfigurePrimaryHttpMessageHandler(sp => Edge.VeiligeVerbinding.Handler(sp.GetService<Core.Adressen.CallbackAdresRegels>() ?? new Core.Adressen.CallbackAdresRegels()));
        services.AddSingleton<Core.Ports.IAflevering, OsoTerugkoppelingAflevering>();
        services.AddSingleton<OsoOphaalDienst>();
        services.AddSingleton<Core.Ports.IWerkUitvoerder<OsoNotificatie>>(sp => sp.GetRequiredService<OsoOphaalDienst>());
        return services;
    }
}
