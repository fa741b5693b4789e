using System.Security.Claims;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Adapters.Esis.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The back office's view of one hulpvraag and its status changes.</summary>
public static class HulpvragenEndpoints
{
    public static RouteGroupBuilder MapHulpvragen(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/hulpvragen").WithTags("Hulpvragen");
        group.MapGet("/{dossiernummer:long}", GetAsync).RequireAuthorization(AdminPolicies.Lezen);
        group.MapPost("/{dossiernummer:long}/status", WijzigStatusAsync).RequireAuthorization(AdminPolicies.Backoffice);
        return group;
    }

    public sealed record StatusVerzoek(string? Status, string? Kwalificatie, string? Toelichting, int? VerwachteVersie, bool Heropenen = false);

    internal static async Task<Results<Ok<HulpvraagDto>, ProblemHttpResult>> GetAsync(
        long dossiernummer, IHulpvraagStore store, CancellationToken cancellationToken)
    {
        var hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, cancellationToken);
        return hulpvraag is null
            ? FoutProblemen.Problem(new Core.Fouten.Fout(Core.Fouten.FoutCodes.DossierOnbekend, "dossiernummer", $"Er is geen hulpvraag met dossiernummer {dossiernummer}."))
            : TypedResults.Ok(HulpvraagDto.Van(hulpvraag));
    }

    internal static async Task<Results<Ok<HulpvraagDto>, ProblemHttpResult>> WijzigStatusAsync(
        long dossiernummer, StatusVerzoek verzoek, StatusService statusService, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(verzoek.Status))
        {
            return FoutProblemen.Problem(new Core.Fouten.Fout(Core.Fouten.FoutCodes.VerplichtVeldOntbreekt, "status", "Geef de nieuwe status op."));
        }

        var resultaat = await statusService.WijzigAsync(dossiernummer,
            new StatusWijzigingVerzoek(verzoek.Status.Trim(), verzoek.Kwalificatie, verzoek.Toelichting, verzoek.Heropenen, verzoek.VerwachteVersie),
            AdminPolicies.Actor(user), cancellationToken);
        return resultaat.IsSuccess
            ? TypedResults.Ok(HulpvraagDto.Van(resultaat.Value!))
            : FoutProblemen.Problem(resultaat.Fouten);
    }
}
