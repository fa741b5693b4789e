using System.Security.Claims;
using Hulpvraag.Adapters.Esis.Http;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The helpdesk's questions ("is it there? why refused? did the school hear?") and the re-drives.</summary>
public static class BeheerEndpoints
{
    public static RouteGroupBuilder MapBeheer(this RouteGroupBuilder admin)
    {
        admin.MapGet("/diagnose", DiagnoseAsync).WithTags("Diagnose").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapGet("/callbacks", CallbacksAsync).WithTags("Callbacks").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapPost("/callbacks/{id:long}/opnieuw", CallbackOpnieuwAsync).WithTags("Callbacks").RequireAuthorization(AdminPolicies.Helpdesk);
        admin.MapGet("/oso/notificaties", NotificatiesAsync).WithTags("OSO-notificaties").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapPost("/oso/notificaties/{koppelsleutel}/opnieuw", NotificatieOpnieuwAsync).WithTags("OSO-notificaties").RequireAuthorization(AdminPolicies.Helpdesk);
        admin.MapGet("/audit", AuditAsync).WithTags("Audit").RequireAuthorization(AdminPolicies.Admin);
        admin.MapPost("/scholen/{brin}/{vestiging}/contactpersoon", ContactpersoonAsync).WithTags("Scholen").RequireAuthorization(AdminPolicies.Backoffice);
        return admin;
    }

    public sealed record Diagnose(string Brin, DateTimeOffset Vanaf, IReadOnlyList<OntvangstOverzicht> Ontvangen, IReadOnlyList<NotificatieOverzicht> OsoNotificaties, IReadOnlyList<CallbackOverzicht> Callbacks);

    public sealed record ContactpersoonVerzoek(string? Naam, string? Email, string? Telefoon, string? Functie, string? VervangtEmail);

    public sealed record Aantal(int Gewijzigd);

    internal static async Task<Results<Ok<Diagnose>, ProblemHttpResult>> DiagnoseAsync(
        string? brin, DateTimeOffset? vanaf, BeheerStore beheer, OutboxStore outbox, TimeProvider clock, CancellationToken ct)
    {
        var b = brin?.Trim().ToUpperInvariant();
        if (!AanvraagValidatie.IsBrin(b))
        {
            return FoutProblemen.Problem(new Fout(FoutCodes.VeldOngeldig, "brin", "Geef het BRIN-nummer van de school, bijvoorbeeld ?brin=12AB."));
        }

        var sinds = vanaf ?? clock.GetUtcNow().AddDays(-30);
        return TypedResults.Ok(new Diagnose(b!, sinds,
            await beheer.OntvangstenAsync(b!, sinds, ct),
            await beheer.NotificatiesAsync(null, b, sinds, ct),
            (await outbox.ZoekAsync(null, null, b, 500, ct)).Where(c => c.AangemaaktOp >= sinds).ToList()));
    }

    internal static async Task<Ok<IReadOnlyList<CallbackOverzicht>>> CallbacksAsync(string? toestand, string? bestemming, OutboxStore outbox, CancellationToken ct) =>
        TypedResults.Ok(await outbox.ZoekAsync(Leeg(toestand), Leeg(bestemming), null, 500, ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> CallbackOpnieuwAsync(long id, OutboxStore outbox, AuditStore audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (!await outbox.OpnieuwAsync(id, ct))
        {
            return NietGevonden($"Er is geen dode callback met id {id}.");
        }

        await audit.SchrijfAsync(new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "callback.opnieuw", $"callback:{id}", null), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<NotificatieOverzicht>>> NotificatiesAsync(string? toestand, string? brin, BeheerStore beheer, CancellationToken ct) =>
        TypedResults.Ok(await beheer.NotificatiesAsync(Leeg(toestand), Leeg(brin)?.ToUpperInvariant(), null, ct));

    internal static async Task<Results<NoContent, ProblemHttpResult>> NotificatieOpnieuwAsync(string koppelsleutel, BeheerStore beheer, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        await beheer.NotificatieOpnieuwAsync(koppelsleutel.ToUpperInvariant(), new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "oso.notificatie.opnieuw", $"notificatie:{koppelsleutel}", null), ct)
            ? TypedResults.NoContent()
            : NietGevonden($"Er is geen mislukte of geweigerde notificatie met koppelsleutel {koppelsleutel}.");

    internal static async Task<Ok<IReadOnlyList<AuditRegel>>> AuditAsync(DateTimeOffset? vanaf, string? onderwerp, int? max, BeheerStore beheer, CancellationToken ct) =>
        TypedResults.Ok(await beheer.AuditAsync(vanaf, Leeg(onderwerp), Math.Clamp(max ?? 200, 1, 5000), ct));

    internal static async Task<Results<Ok<Aantal>, ProblemHttpResult>> ContactpersoonAsync(
        string brin, string vestiging, ContactpersoonVerzoek verzoek, BeheerStore beheer, ClaimsPrincipal user, CancellationToken ct)
    {
        var b = brin.Trim().ToUpperInvariant();
        if (!AanvraagValidatie.IsBrin(b) || !AanvraagValidatie.IsVestiging(vestiging))
        {
            return FoutProblemen.Problem(new Fout(FoutCodes.VeldOngeldig, "school", "Gebruik /scholen/{brin}/{vestiging}, bijvoorbeeld /scholen/12AB/00."));
        }

        if (string.IsNullOrWhiteSpace(verzoek.Naam))
        {
            return FoutProblemen.Problem(new Fout(FoutCodes.VerplichtVeldOntbreekt, "naam", "De naam van de nieuwe contactpersoon ontbreekt."));
        }

        var nieuw = new Aanvrager(verzoek.Naam.Trim(), Leeg(verzoek.Email), Leeg(verzoek.Telefoon), Leeg(verzoek.Functie));
        return TypedResults.Ok(new Aantal(await beheer.WisselContactpersoonAsync(b, vestiging, nieuw, Leeg(verzoek.VervangtEmail), AdminPolicies.Actor(user), ct)));
    }

    private static ProblemHttpResult NietGevonden(string melding) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden", detail: melding);

    private static string? Leeg(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
