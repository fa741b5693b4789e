using System.Security.Claims;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Gateway.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The helpdesk's OSR maintenance: mandates per BRIN and endpoints per routeringskenmerk.</summary>
public static class OsoRegisterEndpoints
{
    public static RouteGroupBuilder MapOsoRegister(this RouteGroupBuilder admin)
    {
        var oso = admin.MapGroup("/oso").WithTags("OSO-register").RequireAuthorization(AdminPolicies.Helpdesk);
        oso.MapGet("/mandaten", async (IOsoRegister r, CancellationToken ct) => TypedResults.Ok(await r.MandatenAsync(ct)));
        oso.MapGet("/mandaten/{brin}", GetMandaatAsync);
        oso.MapPut("/mandaten/{brin}", ZetMandaatAsync);
        oso.MapDelete("/mandaten/{brin}", VerwijderMandaatAsync);
        oso.MapGet("/endpoints", async (IOsoRegister r, CancellationToken ct) => TypedResults.Ok(await r.EndpointsAsync(ct)));
        oso.MapGet("/endpoints/{routeringsKenmerk}", GetEndpointAsync);
        oso.MapPut("/endpoints/{routeringsKenmerk}", ZetEndpointAsync);
        oso.MapDelete("/endpoints/{routeringsKenmerk}", VerwijderEndpointAsync);
        return oso;
    }

    internal static async Task<Results<Ok<OsoMandaat>, ProblemHttpResult>> GetMandaatAsync(string brin, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.MandaatAsync(brin, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<Ok<OsoMandaat>, ProblemHttpResult>> ZetMandaatAsync(
        string brin, MandaatGegevens verzoek, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.ZetMandaatAsync(brin, verzoek, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerwijderMandaatAsync(string brin, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await beheer.VerwijderMandaatAsync(brin, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<Ok<OsoEndpoint>, ProblemHttpResult>> GetEndpointAsync(string routeringsKenmerk, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.EndpointAsync(routeringsKenmerk, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<Ok<OsoEndpoint>, ProblemHttpResult>> ZetEndpointAsync(
        string routeringsKenmerk, EndpointGegevens verzoek, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.ZetEndpointAsync(routeringsKenmerk, verzoek, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerwijderEndpointAsync(string routeringsKenmerk, OsoRegisterBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await beheer.VerwijderEndpointAsync(routeringsKenmerk, AdminPolicies.ActorVan(user), ct));
}
