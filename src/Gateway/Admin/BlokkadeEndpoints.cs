using System.Security.Claims;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Limieten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// "Mijn koppeling werkt niet": the school's failed verification-code attempts, its lockout as it stands, and lifting
/// it (for every instance at once, audited), all through <see cref="BlokkadeBeheer"/>.
/// </summary>
public static class BlokkadeEndpoints
{
    public static RouteGroupBuilder MapBlokkade(this RouteGroupBuilder admin)
    {
        var scholen = admin.MapBeheerGroep("Scholen");
        scholen.MapGet("/scholen/{brin6}/blokkade", BlokkadeAsync);
        scholen.MapPost("/scholen/{brin6}/blokkade/opheffen", OpheffenAsync).Wijzigt(AdminPolicies.Helpdesk);
        scholen.MapGet("/scholen/{brin}/mislukte-pogingen", MisluktePogingenAsync);
        return admin;
    }

    internal static async Task<Results<Ok<Blokkade>, ProblemHttpResult>> BlokkadeAsync(string brin6, BlokkadeBeheer beheer, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await beheer.BlokkadeAsync(brin6, AdminPolicies.ActorVan(user), ct);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);
    }

    internal static async Task<Results<Ok<BlokkadeOpgeheven>, ProblemHttpResult>> OpheffenAsync(string brin6, BlokkadeBeheer beheer, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await beheer.HefOpAsync(brin6, AdminPolicies.ActorVan(user), ct);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);
    }

    internal static async Task<Results<Ok<IReadOnlyList<MisluktePoging>>, ProblemHttpResult>> MisluktePogingenAsync(
        string brin, DateTimeOffset? vanaf, BlokkadeBeheer beheer, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await beheer.MisluktePogingenAsync(brin, vanaf, AdminPolicies.ActorVan(user), ct);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);
    }
}
