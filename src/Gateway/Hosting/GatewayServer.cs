using Hulpvraag.Adapters.Esis.Api;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Storingen;
using Hulpvraag.Gateway.Beheer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>The web host: what <c>gateway serve</c> runs. Tests build the same app through <see cref="Build"/>.</summary>
public static class GatewayServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddGatewayLogging(builder.Configuration);
        builder.Services.AddGatewayCore(builder.Configuration);
        builder.Services.AddGatewayEsis(builder.Configuration);
        builder.Services.AddGatewayBackgroundServices();
        builder.Services.AddGatewayWeb();
        builder.Services.AddGatewayRateLimiting();
        builder.Services.AddGatewayStoringen();
        builder.Services.AddBeheer(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseGatewayForwardedHeaders();
        app.UseCorrelationId();
        app.UseWebEdge();
        app.UseRateLimiter();
        app.UseBeheer();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGatewayHealth();
        app.MapAdminApi();
        app.MapEsis();
        app.MapOso();
        app.MapBeheer();
        return app;
    }
}
