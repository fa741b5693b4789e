using Hulpvraag.Edge;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Hulpvraag.Gateway.Hosting;

public static class GatewayWebExtensions
{
    public static IServiceCollection AddGatewayWeb(this IServiceCollection services)
    {
        services.AddWebEdge();
        services.AddAdminOpenApi();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(GatewayMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Lezen, p => p.RequireRole(Rollen.Helpdesk, Rollen.Backoffice, Rollen.Admin))
            .AddPolicy(AdminPolicies.Helpdesk, p => p.RequireRole(Rollen.Helpdesk, Rollen.Admin))
            .AddPolicy(AdminPolicies.Backoffice, p => p.RequireRole(Rollen.Backoffice, Rollen.Admin))
            .AddPolicy(AdminPolicies.Admin, p => p.RequireRole(Rollen.Admin));
        return services;
    }

    /// <summary>
    /// Client address and scheme from the configured proxies' X-Forwarded-For / X-Forwarded-Proto (see
    /// <see cref="ProxyOptions"/>); nothing changes when none are configured.
    /// </summary>
    public static IApplicationBuilder UseGatewayForwardedHeaders(this IApplicationBuilder app)
    {
        var proxy = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (!proxy.IsIngesteld)
        {
            return app;
        }

        // No hop limit: the known-proxy list decides how far back the chain is believed, one hop per known proxy.
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var adres in proxy.Proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(adres));
        }

        foreach (var netwerk in proxy.Networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(netwerk));
        }

        return app.UseForwardedHeaders(options);
    }

    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapHulpvragen();
        admin.MapEsisRegistraties();
        admin.MapOsoRegister();
        admin.MapBeheer();
        endpoints.MapAdminOpenApi();
        admin.MapBlokkade();
        admin.MapEmail();
        endpoints.MapEmailAfmelden();
        return endpoints;
    }
}
