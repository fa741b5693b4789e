using System.Security.Claims;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MimeKit;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// The e-mail channel for the helpdesk: the mails of a hulpvraag or a school (diagnose), re-drive of a dead mail,
/// and the opt-out state of an address (seen and changed on behalf of the recipient).
/// </summary>
public static class EmailEndpoints
{
    public static RouteGroupBuilder MapEmail(this RouteGroupBuilder admin)
    {
        admin.MapGet("/emails", ZoekAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapGet("/hulpvragen/{dossiernummer:long}/emails", PerHulpvraagAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapPost("/emails/{id:long}/opnieuw", OpnieuwAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Helpdesk);
        admin.MapGet("/email-afmeldingen/{adres}", AfmeldingAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapPut("/email-afmeldingen/{adres}", AfmeldenAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Helpdesk);
        admin.MapDelete("/email-afmeldingen/{adres}", AanmeldenAsync).WithTags("E-mail").RequireAuthorization(AdminPolicies.Helpdesk);
        return admin;
    }

    public sealed record AfmeldStand(string Adres, bool Afgemeld, DateTimeOffset? AfgemeldOp, string? Door);

    internal static async Task<Ok<IReadOnlyList<EmailOverzicht>>> ZoekAsync(string? toestand, string? brin, EmailStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ZoekAsync(Leeg(toestand), null, Leeg(brin)?.ToUpperInvariant(), 500, ct));

    internal static async Task<Ok<IReadOnlyList<EmailOverzicht>>> PerHulpvraagAsync(long dossiernummer, EmailStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ZoekAsync(null, dossiernummer, null, 500, ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> OpnieuwAsync(
        long id, EmailStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var regel = new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "email.opnieuw", $"email:{id}", null);
        return await store.OpnieuwAsync(id, regel, ct)
            ? TypedResults.NoContent()
            : Probleem(StatusCodes.Status404NotFound, "EMAIL_ONBEKEND", $"Er is geen dode e-mail met id {id}.");
    }

    internal static async Task<Results<Ok<AfmeldStand>, ProblemHttpResult>> AfmeldingAsync(string adres, EmailStore store, CancellationToken ct)
    {
        if (!IsAdres(adres))
        {
            return OngeldigAdres();
        }

        var afmelding = await store.AfmeldingAsync(adres, ct);
        return TypedResults.Ok(new AfmeldStand(EmailStore.Normaliseer(adres), afmelding is not null, afmelding?.AfgemeldOp, afmelding?.Door));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AfmeldenAsync(
        string adres, EmailStore store, AuditStore audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (!IsAdres(adres))
        {
            return OngeldigAdres();
        }

        await store.AfmeldenAsync(adres, "helpdesk:" + AdminPolicies.Actor(user), ct);
        await audit.SchrijfAsync(new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "email.afmelden", "email-adres", null), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AanmeldenAsync(
        string adres, EmailStore store, AuditStore audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (!IsAdres(adres))
        {
            return OngeldigAdres();
        }

        await store.AanmeldenAsync(adres, ct);
        await audit.SchrijfAsync(new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "email.aanmelden", "email-adres", null), ct);
        return TypedResults.NoContent();
    }

    private static bool IsAdres(string adres) => adres.Length <= 254 && MailboxAddress.TryParse(adres, out var m) && m.Address.Contains('@', StringComparison.Ordinal);

    private static ProblemHttpResult OngeldigAdres() =>
        Probleem(StatusCodes.Status422UnprocessableEntity, "VELD_ONGELDIG", "Geef een geldig e-mailadres, bijvoorbeeld ib@school.nl.");

    private static ProblemHttpResult Probleem(int status, string code, string melding) =>
        TypedResults.Problem(statusCode: status, title: melding, detail: melding, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static string? Leeg(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
