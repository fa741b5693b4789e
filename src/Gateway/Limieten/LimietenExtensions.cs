using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Limieten;

public static class LimietenExtensions
{
    /// <summary>The Esis failure limits and the per-address request limit, counted in the store (shared by instances).</summary>
    public static IServiceCollection AddGatewayLimieten(this IServiceCollection services)
    {
        services.AddSingleton<LimietMetrics>();
        services.AddSingleton<FoutTellerStore>();
        services.AddSingleton<IFoutTellers>(sp => sp.GetRequiredService<FoutTellerStore>());
        services.AddSingleton<IAanmeldOpslag, EsisAanmeldStore>();
        services.AddSingleton<LimietEmmerStore>();
        services.AddSingleton<GedeeldeAanvraagLimiet>();
        services.AddSingleton<BlokkadeBeheer>();
        return services;
    }
}
