using Hulpvraag.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>The real gateway on real Kestrel, on a free loopback port, against a real store.</summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    private GatewayTestHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<GatewayTestHost> StartAsync(StorageTarget target, string? connectionString = null,
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            "--Urls=http://127.0.0.1:0",
            $"--Storage:Provider={target.Provider}",
            $"--ConnectionStrings:Gateway={connectionString ?? target.NewConnectionString()}",
            "--Logging:MinimumLevel=Warning",
        };
        args.AddRange((settings ?? new Dictionary<string, string?>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = GatewayServer.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayTestHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
