using System.Security.Claims;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Storage;
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
        group.MapGet("/", ZoekAsync).RequireAuthorization(AdminPolicies.Lezen);
        group.MapGet("/{dossiernummer:long}", GetAsync).RequireAuthorization(AdminPolicies.Lezen);
        group.MapGet("/{dossiernummer:long}/bijlagen/{id:guid}", BijlageAsync).RequireAuthorization(AdminPolicies.Lezen);
        group.MapPost("/{dossiernummer:long}/status", WijzigStatusAsync).RequireAuthorization(AdminPolicies.Backoffice);
        return group;
    }

    /// <summary>
    /// Several statuses at once (comma-separated), BRIN or BRIN6, title (code or display text), source and period;
    /// <c>Accept: text/csv</c> exports the same selection. An unknown value is a 422 naming it, also for the CSV export.
    /// </summary>
    internal static async Task<IResult> ZoekAsync(
        HttpContext http, BeheerOverzichten overzichten, string? status, string? brin, string? titel, string? bron,
        string? ontvangenVanaf, string? ontvangenTot, string? pagina, string? per, CancellationToken cancellationToken)
    {
        var selectie = Zoekvragen.Hulpvragen(status, brin, titel, bron, ontvangenVanaf, ontvangenTot, pagina, per);
        if (!selectie.IsSuccess)
        {
            return FoutProblemen.Problem(selectie.Fouten);
        }

        var actor = AdminPolicies.ActorVan(http.User);
        if (http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var alle = await overzichten.ExportAsync(selectie.Value!.Filter, actor, cancellationToken);
            return alle.IsSuccess ? TypedResults.Text(HulpvraagCsv.Schrijf(alle.Value!), "text/csv; charset=utf-8") : FoutProblemen.Problem(alle.Fouten);
        }

        return AdminAntwoorden.Ok(await overzichten.HulpvragenAsync(selectie.Value!, actor, cancellationToken));
    }

    /// <summary>PDF, images and text open in the browser; everything else downloads. Streamed from the store, never buffered.</summary>
    internal static async Task<IResult> BijlageAsync(long dossiernummer, Guid id, IHulpvraagStore store, HulpvraagStore inhoud, CancellationToken cancellationToken)
    {
        var h = await store.FindByDossiernummerAsync(dossiernummer, cancellationToken);
        var bijlage = h?.Bijlagen.FirstOrDefault(b => b.Id == id);
        var stream = bijlage is null ? null : await inhoud.OpenInhoudAsync(bijlage.Sha256, cancellationToken);
        if (bijlage is null || stream is null)
        {
            return FoutProblemen.Problem(new Core.Fouten.Fout(Core.Fouten.FoutCodes.DossierOnbekend, "id", "Deze bijlage bestaat niet (meer) bij deze hulpvraag."));
        }

        var inline = bijlage.ContentType.StartsWith("application/pdf", StringComparison.Ordinal)
            || bijlage.ContentType.StartsWith("image/", StringComparison.Ordinal) || bijlage.ContentType.StartsWith("text/plain", StringComparison.Ordinal);
        return new BijlageResultaat(stream, bijlage.ContentType, bijlage.Bestandsnaam, bijlage.Grootte, inline);
    }

    private sealed class BijlageResultaat(Stream inhoud, string contentType, string naam, long grootte, bool inline) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using (inhoud)
            {
                var dispositie = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment");
                dispositie.SetHttpFileName(naam);
                httpContext.Response.ContentType = contentType;
                httpContext.Response.ContentLength = grootte;
                httpContext.Response.Headers.ContentDisposition = dispositie.ToString();
                // Served from our own origin: never let a browser sniff a text file into HTML.
                httpContext.Response.Headers.XContentTypeOptions = "nosniff";
                httpContext.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
                await inhoud.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
            }
        }
    }

    internal static async Task<Results<Ok<HulpvraagDto>, ProblemHttpResult>> GetAsync(
        long dossiernummer, IHulpvraagStore store, CancellationToken cancellationToken)
    {
        var hulpvraag = await store.FindByDossiernummerAsync(dossiernummer, cancellationToken);
        return hulpvraag is null
            ? FoutProblemen.Problem(new Core.Fouten.Fout(Core.Fouten.FoutCodes.DossierOnbekend, "dossiernummer", $"Er is geen hulpvraag met dossiernummer {dossiernummer}."))
            : TypedResults.Ok(HulpvraagDto.Van(hulpvraag));
    }

    internal static async Task<Results<Ok<HulpvraagDto>, ProblemHttpResult>> WijzigStatusAsync(
        long dossiernummer, StatusWijziging verzoek, StatusBeheer statusBeheer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var resultaat = await statusBeheer.WijzigAsync(dossiernummer, verzoek, AdminPolicies.ActorVan(user), cancellationToken);
        return resultaat.IsSuccess ? TypedResults.Ok(HulpvraagDto.Van(resultaat.Value!)) : FoutProblemen.Problem(resultaat.Fouten);
    }
}
