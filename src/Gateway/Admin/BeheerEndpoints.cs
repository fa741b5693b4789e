using System.Security.Claims;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The helpdesk's questions ("is it there? why refused? did the school hear?") and the re-drives.</summary>
public static class BeheerEndpoints
{
    public static RouteGroupBuilder MapBeheer(this RouteGroupBuilder admin)
    {
        admin.MapBeheerGroep("Diagnose").MapGet("/diagnose", DiagnoseAsync);
        var callbacks = admin.MapBeheerGroep("Callbacks");
        callbacks.MapGet("/callbacks", CallbacksAsync);
        callbacks.MapPost("/callbacks/{id:long}/opnieuw", CallbackOpnieuwAsync).Wijzigt(AdminPolicies.Helpdesk);
        var notificaties = admin.MapBeheerGroep("OSO-notificaties");
        notificaties.MapGet("/oso/notificaties", NotificatiesAsync);
        notificaties.MapPost("/oso/notificaties/{koppelsleutel}/opnieuw", NotificatieOpnieuwAsync).Wijzigt(AdminPolicies.Helpdesk);
        // The audit trail is the admin's alone, reading included.
        admin.MapBeheerGroep("Audit").MapGet("/audit", AuditAsync).RequireAuthorization(AdminPolicies.Admin);
        admin.MapBeheerGroep("Scholen").MapPost("/scholen/{brin}/{vestiging}/contactpersoon", ContactpersoonAsync).Wijzigt(AdminPolicies.Backoffice);
        return admin;
    }

    public sealed record Aantal(int Gewijzigd);

    /// <summary><c>brin</c>: BRIN (12AB, every location) or BRIN6 (12AB00); <c>vanaf</c>: ISO 8601, default 30 days back.</summary>
    internal static async Task<Results<Ok<Diagnose>, ProblemHttpResult>> DiagnoseAsync(
        string? brin, string? vanaf, BeheerOverzichten overzichten, ClaimsPrincipal user, CancellationToken ct)
    {
        var selectie = Zoekvragen.Diagnose(brin, vanaf);
        return selectie.IsSuccess
            ? AdminAntwoorden.Ok(await overzichten.DiagnoseAsync(selectie.Value!, AdminPolicies.ActorVan(user), ct))
            : FoutProblemen.Problem(selectie.Fouten);
    }

    /// <summary><c>toestand</c>: wachtend, afgeleverd or dood; <c>bestemming</c>: esis, parnassys or e.g. esis:12AB.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<CallbackOverzicht>>, ProblemHttpResult>> CallbacksAsync(
        string? toestand, string? bestemming, BeheerOverzichten overzichten, ClaimsPrincipal user, CancellationToken ct)
    {
        var selectie = Zoekvragen.Callbacks(toestand, bestemming);
        return selectie.IsSuccess
            ? AdminAntwoorden.Ok(await overzichten.CallbacksAsync(selectie.Value!, AdminPolicies.ActorVan(user), ct))
            : FoutProblemen.Problem(selectie.Fouten);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CallbackOpnieuwAsync(long id, HerleveringBeheer herlevering, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await herlevering.CallbackOpnieuwAsync(id, AdminPolicies.ActorVan(user), ct));

    /// <summary><c>toestand</c>: wachtend, opgehaald, mislukt or geweigerd; <c>brin</c>: BRIN.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<NotificatieOverzicht>>, ProblemHttpResult>> NotificatiesAsync(
        string? toestand, string? brin, BeheerOverzichten overzichten, ClaimsPrincipal user, CancellationToken ct)
    {
        var selectie = Zoekvragen.Notificaties(toestand, brin);
        return selectie.IsSuccess
            ? AdminAntwoorden.Ok(await overzichten.NotificatiesAsync(selectie.Value!, AdminPolicies.ActorVan(user), ct))
            : FoutProblemen.Problem(selectie.Fouten);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> NotificatieOpnieuwAsync(
        string koppelsleutel, HerleveringBeheer herlevering, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await herlevering.NotificatieOpnieuwAsync(koppelsleutel, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<Ok<IReadOnlyList<AuditRegel>>, ProblemHttpResult>> AuditAsync(
        string? vanaf, string? onderwerp, string? max, BeheerOverzichten overzichten, ClaimsPrincipal user, CancellationToken ct)
    {
        var fouten = new List<Fout>();
        var v = Zoekvragen.Moment(vanaf, "vanaf", fouten);
        var m = Zoekvragen.Getal(max, "max", 200, 1, 5000, fouten);
        if (fouten.Count > 0)
        {
            return FoutProblemen.Problem(fouten);
        }

        return AdminAntwoorden.Ok(await overzichten.AuditAsync(v, onderwerp, m, AdminPolicies.ActorVan(user), ct));
    }

    internal static async Task<Results<Ok<Aantal>, ProblemHttpResult>> ContactpersoonAsync(
        string brin, string vestiging, ContactpersoonWissel verzoek, ContactpersoonBeheer contactpersonen, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await contactpersonen.WisselAsync(brin, vestiging, verzoek, AdminPolicies.ActorVan(user), ct);
        return r.IsSuccess ? TypedResults.Ok(new Aantal(r.Value)) : FoutProblemen.Problem(r.Fouten);
    }
}
