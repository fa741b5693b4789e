using Hulpvraag.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Werkwachtrij;

/// <summary>Runs one leased work queue in the background for the life of the host.</summary>
public sealed class WerkWachtrijDienst<T>(WerkWachtrij<T> wachtrij) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => wachtrij.RunAsync(stoppingToken);
}

public static class WerkWachtrijServiceCollectionExtensions
{
    /// <summary>
    /// A leased work queue over the registered <see cref="IWerkOpslag{T}"/> and <see cref="IWerkUitvoerder{T}"/>, with
    /// its figures from <paramref name="opties"/> (read from the queue's validated options).
    /// </summary>
    public static IServiceCollection AddWerkWachtrij<T>(this IServiceCollection services, Func<IServiceProvider, WerkWachtrijOpties> opties)
    {
        services.AddSingleton(sp => new WerkWachtrij<T>(
            opties(sp),
            sp.GetRequiredService<IWerkOpslag<T>>(),
            sp.GetRequiredService<IWerkUitvoerder<T>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Hulpvraag.Gateway.Werkwachtrij." + typeof(T).Name)));
        services.AddHostedService<WerkWachtrijDienst<T>>();
        return services;
    }
}
