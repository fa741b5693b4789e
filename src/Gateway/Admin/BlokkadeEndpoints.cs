using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Hulpvraag.Adapters.Esis.Http;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Limieten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// "Mijn koppeling werkt niet": the school's failed verification-code attempts, its lockout as it stands, and lifting
/// it (for every instance at once, audited).
/// </summary>
public static partial class BlokkadeEndpoints
{
    public static RouteGroupBuilder MapBlokkade(this RouteGroupBuilder admin)
    {
        admin.MapGet("/scholen/{brin6}/blokkade", BlokkadeAsync).WithTags("Scholen").RequireAuthorization(AdminPolicies.Lezen);
        admin.MapPost("/scholen/{brin6}/blokkade/opheffen", OpheffenAsync).WithTags("Scholen").RequireAuthorization(AdminPolicies.Helpdesk);
        admin.MapGet("/scholen/{brin}/mislukte-pogingen", MisluktePogingenAsync).WithTags("Scholen").RequireAuthorization(AdminPolicies.Lezen);
        return admin;
    }

    public sealed record BlokkadeOpgeheven(string Brin6, bool WasGeblokkeerd, int VerwijderdeTellers);

    internal static async Task<Results<Ok<Blokkade>, ProblemHttpResult>> BlokkadeAsync(string brin6, FoutTellerStore tellers, CancellationToken ct) =>
        Brin6(brin6) is { } b ? TypedResults.Ok(await tellers.BlokkadeAsync(b, ct)) : OngeldigeBrin6();

    internal static async Task<Results<Ok<BlokkadeOpgeheven>, ProblemHttpResult>> OpheffenAsync(
        string brin6, FoutTellerStore tellers, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (Brin6(brin6) is not { } b)
        {
            return OngeldigeBrin6();
        }

        var was = await tellers.BlokkadeAsync(b, ct);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"school geblokkeerd: {(was.SchoolTot is null ? "nee" : "ja")}; adressen geblokkeerd: {was.Adressen.Count}; mislukkingen: {was.Mislukkingen}");
        var verwijderd = await tellers.HefBlokkadeOpAsync(b, new AuditRegel(clock.GetUtcNow(), AdminPolicies.Actor(user), "esis.blokkade.opheffen", $"school:{b}", details), ct);
        return TypedResults.Ok(new BlokkadeOpgeheven(b, was.Actief, verwijderd));
    }

    internal static async Task<Results<Ok<IReadOnlyList<MisluktePoging>>, ProblemHttpResult>> MisluktePogingenAsync(
        string brin, DateTimeOffset? vanaf, FoutTellerStore tellers, TimeProvider clock, CancellationToken ct)
    {
        var b = brin.Trim().ToUpperInvariant();
        if (!Brin6Patroon().IsMatch(b) && !(b.Length == 4 && Brin6Patroon().IsMatch(b + "00")))
        {
            return FoutProblemen.Problem(new Fout(FoutCodes.VeldOngeldig, "brin", "Geef het BRIN-nummer (bijvoorbeeld 12AB) of BRIN6-nummer (bijvoorbeeld 12AB00) van de school."));
        }

        return TypedResults.Ok(await tellers.MisluktePogingenAsync(b[..4], b.Length == 6 ? b[4..] : null, vanaf ?? clock.GetUtcNow().AddDays(-30), 1000, ct));
    }

    private static string? Brin6(string waarde)
    {
        var b = waarde.Trim().ToUpperInvariant();
        return Brin6Patroon().IsMatch(b) ? b : null;
    }

    private static ProblemHttpResult OngeldigeBrin6() =>
        FoutProblemen.Problem(new Fout(FoutCodes.VeldOngeldig, "brin6", "Geef het BRIN6-nummer van de vestiging: BRIN plus vestigingsnummer, bijvoorbeeld 12AB00."));

    [GeneratedRegex("^[0-9]{2}[A-Z]{2}[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Brin6Patroon();
}
