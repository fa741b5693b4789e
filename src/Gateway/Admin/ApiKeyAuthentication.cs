using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Admin;

/// <summary><c>Authorization: Bearer &lt;key&gt;</c> for the admin API: a stored key, or <c>Admin:BootstrapKey</c> (role admin).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptions<AdminOptions> adminOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "hgw:key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var sleutel = header["Bearer ".Length..].Trim();
        if (adminOptions.Value.BootstrapKey is { Length: > 0 } bootstrap && GelijkInConstanteTijd(sleutel, bootstrap))
        {
            return Succes("bootstrap", "bootstrap", Rollen.Admin);
        }

        var geverifieerd = await keys.VerifieerAsync(sleutel, Context.RequestAborted);
        return geverifieerd is null
            ? AuthenticateResult.Fail("Invalid API key.")
            : Succes(geverifieerd.Id, geverifieerd.Naam, geverifieerd.Rol);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await FoutProblemen.Problem(new Fout(FoutCodes.NietAangemeld, "Authorization",
            "Geef een geldige API-sleutel mee in de header 'Authorization: Bearer <sleutel>'.")).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await FoutProblemen.Problem(new Fout(FoutCodes.GeenToegang, null,
            "Deze API-sleutel heeft niet de rol die voor deze handeling nodig is.")).ExecuteAsync(Context);
    }

    private AuthenticateResult Succes(string id, string naam, string rol)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, naam), new Claim(ClaimTypes.Role, rol), new Claim(KeyIdClaim, id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool GelijkInConstanteTijd(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}

public static class AdminPolicies
{
    /// <summary>Reading hulpvragen and deliveries.</summary>
    public const string Lezen = "lezen";

    /// <summary>Registrations, mandates, endpoints.</summary>
    public const string Helpdesk = "helpdesk";

    /// <summary>Status changes.</summary>
    public const string Backoffice = "backoffice";

    /// <summary>Keys and everything else.</summary>
    public const string Admin = "admin";

    public static string Actor(ClaimsPrincipal user) =>
        $"apikey:{user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)} ({user.Identity?.Name})";

    /// <summary>The signed-in API key as the application services see it.</summary>
    public static ICurrentActor ActorVan(ClaimsPrincipal user) => new RolActor(Actor(user), user.FindFirstValue(ClaimTypes.Role) ?? "");
}
