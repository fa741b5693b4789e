using System.Security.Claims;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The helpdesk's Esis registrations ("koppeling activeren"): codes in, never out.</summary>
public static class EsisRegistratieEndpoints
{
    public static RouteGroupBuilder MapEsisRegistraties(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/esis/registraties").WithTags("Esis-registraties").RequireAuthorization(AdminPolicies.Helpdesk);
        group.MapPost("/", RegistreerAsync);
        group.MapGet("/", LijstAsync);
        group.MapPost("/{id:guid}/vervangen", VervangAsync);
        group.MapDelete("/{id:guid}", TrekInAsync);
        return group;
    }

    public sealed record VervangVerzoek(string? Verificatiecode, DateTimeOffset? OudeGeldigTot);

    internal static async Task<Results<Created<NieuweRegistratie>, ProblemHttpResult>> RegistreerAsync(
        RegistratieVerzoek verzoek, EsisRegistratieBeheer beheer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var r = await beheer.RegistreerAsync(verzoek, AdminPolicies.ActorVan(user), cancellationToken);
        return r.IsSuccess
            ? TypedResults.Created($"/admin/v1/esis/registraties/{r.Value!.Registratie.Id}", r.Value)
            : Problem(r.Fouten);
    }

    internal static async Task<Results<Ok<IReadOnlyList<RegistratieOverzicht>>, ProblemHttpResult>> LijstAsync(
        string? brin, EsisRegistratieBeheer beheer, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AdminAntwoorden.Ok(await beheer.LijstAsync(brin, AdminPolicies.ActorVan(user), cancellationToken));

    internal static async Task<Results<Ok<RegistratieOverzicht>, ProblemHttpResult>> VervangAsync(
        Guid id, VervangVerzoek verzoek, EsisRegistratieBeheer beheer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var r = await beheer.VervangAsync(id, verzoek.Verificatiecode, verzoek.OudeGeldigTot, AdminPolicies.ActorVan(user), cancellationToken);
        return r.IsSuccess ? TypedResults.Ok(r.Value!) : Problem(r.Fouten);
    }

    internal static async Task<Results<Ok<RegistratieOverzicht>, ProblemHttpResult>> TrekInAsync(
        Guid id, EsisRegistratieBeheer beheer, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AdminAntwoorden.Ok(await beheer.TrekInAsync(id, AdminPolicies.ActorVan(user), cancellationToken));

    /// <summary>A code that is already registered is a conflict (409), not a malformed request.</summary>
    private static ProblemHttpResult Problem(IReadOnlyList<Fout> fouten)
    {
        var problem = FoutProblemen.Problem(fouten);
        if (fouten.Any(f => f.Regel == "dubbel"))
        {
            problem.ProblemDetails.Status = StatusCodes.Status409Conflict;
            return TypedResults.Problem(problem.ProblemDetails);
        }

        return problem;
    }
}
