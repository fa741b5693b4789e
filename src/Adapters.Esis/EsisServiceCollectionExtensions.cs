using Hulpvraag.Edge;
using Hulpvraag.Adapters.Esis.Api;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Adapters.Esis.Callbacks;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Adapters.Esis;

public static class EsisServiceCollectionExtensions
{
    /// <summary>
    /// The Esis adapter. The host supplies the registration store and the pepper (<paramref name="pepper"/> gets the
    /// validated options and returns the secret to use), since where a development pepper may live is the host's business.
    /// </summary>
    public static IServiceCollection AddEsis(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, EsisOptions, string> pepper)
    {
        services.AddOptions<EsisOptions>().Bind(configuration.GetSection(EsisOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var opties = sp.GetRequiredService<IOptions<EsisOptions>>().Value;
            return new EsisSleutels(pepper(sp, opties), opties.CodePepperVersie, opties.VorigeCodePepper, opties.VorigeCodePepperVersie);
        });
        services.TryAddSingleton<IFoutTellers, FoutLimiet>();
        services.TryAddSingleton<IAanmeldOpslag, GescheidenAanmeldOpslag>();
        services.AddSingleton<EsisAuthenticator>();
        services.AddSingleton<EsisAuthFilter>();
        services.AddSingleton<RegistratieService>();
        services.AddHttpClient(EsisCallbackAflevering.HttpClientName, c =>
                c.DefaultRequestHeaders.UserAgent.Add(new System.Net.Http.Headers.ProductInfoHeaderValue(GatewayIdentiteit.Product, GatewayIdentiteit.Versie)))
            .ConfigurePrimaryHttpMessageHandler(sp => VeiligeVerbinding.Handler(sp.GetRequiredService<Core.Adressen.CallbackAdresRegels>()));
        services.AddSingleton<IAflevering, EsisCallbackAflevering>();
        return services;
    }
}
