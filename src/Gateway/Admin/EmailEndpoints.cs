using System.Security.Claims;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// The e-mail channel for the helpdesk: the mails of a hulpvraag or a school (diagnose), re-drive of a dead mail,
/// and the opt-out state of an address (seen and changed on behalf of the recipient). The work is in <see cref="EmailBeheer"/>.
/// </summary>
public static class EmailEndpoints
{
    public static RouteGroupBuilder MapEmail(this RouteGroupBuilder admin)
    {
        var email = admin.MapBeheerGroep("E-mail");
        email.MapGet("/emails", ZoekAsync);
        email.MapGet("/hulpvragen/{dossiernummer:long}/emails", PerHulpvraagAsync);
        email.MapPost("/emails/{id:long}/opnieuw", OpnieuwAsync).Wijzigt(AdminPolicies.Helpdesk);
        email.MapGet("/email-afmeldingen/{adres}", AfmeldingAsync);
        email.MapPut("/email-afmeldingen/{adres}", AfmeldenAsync).Wijzigt(AdminPolicies.Helpdesk);
        email.MapDelete("/email-afmeldingen/{adres}", AanmeldenAsync).Wijzigt(AdminPolicies.Helpdesk);
        return admin;
    }

    /// <summary><c>toestand</c>: wachtend, afgeleverd, dood or overgeslagen; <c>brin</c>: BRIN or BRIN6.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<EmailOverzicht>>, ProblemHttpResult>> ZoekAsync(
        string? toestand, string? brin, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct)
    {
        var selectie = Zoekvragen.Emails(toestand, brin);
        return selectie.IsSuccess
            ? AdminAntwoorden.Ok(await beheer.EmailsAsync(selectie.Value!, AdminPolicies.ActorVan(user), ct))
            : FoutProblemen.Problem(selectie.Fouten);
    }

    internal static async Task<Results<Ok<IReadOnlyList<EmailOverzicht>>, ProblemHttpResult>> PerHulpvraagAsync(
        long dossiernummer, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.EmailsVanHulpvraagAsync(dossiernummer, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> OpnieuwAsync(long id, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await beheer.OpnieuwAsync(id, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<Ok<EmailAfmeldStand>, ProblemHttpResult>> AfmeldingAsync(string adres, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.Ok(await beheer.AfmeldingAsync(adres, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> AfmeldenAsync(string adres, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await beheer.ZetAfmeldingAsync(adres, aan: false, AdminPolicies.ActorVan(user), ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> AanmeldenAsync(string adres, EmailBeheer beheer, ClaimsPrincipal user, CancellationToken ct) =>
        AdminAntwoorden.NoContent(await beheer.ZetAfmeldingAsync(adres, aan: true, AdminPolicies.ActorVan(user), ct));
}
