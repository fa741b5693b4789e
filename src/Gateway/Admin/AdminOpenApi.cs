using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// The admin API describes itself at <c>/openapi/admin.json</c>, generated from the endpoints (so it cannot drift),
/// beside the Esis contract at <c>/openapi/v1.json</c>: only the <c>/admin/v1</c> routes, with the bearer key scheme.
/// </summary>
public static class AdminOpenApi
{
    public const string Document = "admin";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(Document, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Hulpvraag Gateway – admin API",
                    Version = "v1",
                    Description = "Helpdesk en backoffice: registraties, OSO-register, hulpvragen, statuswijzigingen, diagnose en herleveringen. "
                        + "Elke weigering is problem details (RFC 9457) met 'code' en een Nederlandse tekst. Aanmelden met 'Authorization: Bearer <sleutel>'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Een API-sleutel van 'gateway apikey create' (hgw_…).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapAdminOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        return endpoints;
    }
}
