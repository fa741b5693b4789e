using System.Security.Claims;
using Hulpvraag.Adapters.Esis.Http;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
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

    public sealed record MandaatVerzoek(string? LeverancierOin, string? LeverancierNaam, DateTimeOffset? GeldigVanaf, DateTimeOffset? GeldigTot);

    public sealed record EndpointVerzoek(string? Brin, string? Url, string? LeverancierOin);

    internal static async Task<Results<Ok<OsoMandaat>, ProblemHttpResult>> GetMandaatAsync(string brin, IOsoRegister register, CancellationToken ct) =>
        await register.MandaatAsync(brin.ToUpperInvariant(), ct) is { } m ? TypedResults.Ok(m) : NietGevonden("brin", $"Er is geen mandaat voor BRIN {brin}.");

    internal static async Task<Results<Ok<OsoMandaat>, ProblemHttpResult>> ZetMandaatAsync(
        string brin, MandaatVerzoek verzoek, OsoRegisterService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await service.ZetMandaatAsync(brin, verzoek.LeverancierOin, verzoek.LeverancierNaam, verzoek.GeldigVanaf, verzoek.GeldigTot, AdminPolicies.Actor(user), ct);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerwijderMandaatAsync(string brin, OsoRegisterService service, ClaimsPrincipal user, CancellationToken ct) =>
        await service.VerwijderMandaatAsync(brin, AdminPolicies.Actor(user), ct) ? TypedResults.NoContent() : NietGevonden("brin", $"Er is geen mandaat voor BRIN {brin}.");

    internal static async Task<Results<Ok<OsoEndpoint>, ProblemHttpResult>> GetEndpointAsync(string routeringsKenmerk, IOsoRegister register, CancellationToken ct) =>
        await register.EndpointAsync(routeringsKenmerk.ToUpperInvariant(), ct) is { } e ? TypedResults.Ok(e) : NietGevonden("routeringsKenmerk", $"Er is geen endpoint voor routeringskenmerk {routeringsKenmerk}.");

    internal static async Task<Results<Ok<OsoEndpoint>, ProblemHttpResult>> ZetEndpointAsync(
        string routeringsKenmerk, EndpointVerzoek verzoek, OsoRegisterService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await service.ZetEndpointAsync(routeringsKenmerk, verzoek.Brin, verzoek.Url, verzoek.LeverancierOin, AdminPolicies.Actor(user), ct);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> VerwijderEndpointAsync(string routeringsKenmerk, OsoRegisterService service, ClaimsPrincipal user, CancellationToken ct) =>
        await service.VerwijderEndpointAsync(routeringsKenmerk, AdminPolicies.Actor(user), ct) ? TypedResults.NoContent() : NietGevonden("routeringsKenmerk", $"Er is geen endpoint voor routeringskenmerk {routeringsKenmerk}.");

    /// <summary>No spec error code fits a missing register entry (DOSSIER_ONBEKEND is about hulpvragen): a plain 404.</summary>
    private static ProblemHttpResult NietGevonden(string veld, string melding) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden", detail: melding, extensions: new Dictionary<string, object?> { ["veld"] = veld });
}
