using System.Globalization;
using System.Security.Claims;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>
/// The /beheer session cookie: HttpOnly, SameSite=Strict, Secure with the <c>__Host-</c> prefix on https; 30 minutes
/// idle, 10 hours at most; ended at once when the account is deactivated or its TOTP reset. Only /beheer's policies
/// name this scheme, and the admin API's default scheme is the bearer key: neither accepts the other's credential.
/// </summary>
public static class BeheerAuthenticatie
{
    public const string Scheme = "Beheer";
    public const string CookieNaam = "beheer-sessie";
    public const string BronClaim = "hgw:bron";
    public const string SessieClaim = "hgw:sessie";
    public const string AangemeldOpClaim = "hgw:aangemeld-op";
    public const string BronLokaal = "lokaal";
    public const string BronOidc = "oidc";

    public static readonly TimeSpan Inactief = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Maximaal = TimeSpan.FromHours(10);

    public static class Policies
    {
        public const string Lezen = "beheer-lezen";
        public const string Helpdesk = "beheer-helpdesk";
        public const string Backoffice = "beheer-backoffice";
        public const string Admin = "beheer-admin";
    }

    public static AuthenticationBuilder AddBeheerCookie(this AuthenticationBuilder auth) => auth.AddCookie(Scheme, o =>
    {
        o.Cookie.Name = CookieNaam;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.CookieManager = new HostPrefixCookieManager();
        o.ExpireTimeSpan = Inactief;
        o.SlidingExpiration = true;
        o.LoginPath = "/beheer/inloggen";
        o.LogoutPath = "/beheer/uitloggen";
        o.AccessDeniedPath = "/beheer/geen-toegang";
        o.ReturnUrlParameter = "terug";
        o.Events.OnValidatePrincipal = ControleerSessieAsync;
    });

    public static IServiceCollection AddBeheerPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Lezen, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Rollen.Helpdesk, Rollen.Backoffice, Rollen.Admin))
            .AddPolicy(Policies.Helpdesk, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Rollen.Helpdesk, Rollen.Admin))
            .AddPolicy(Policies.Backoffice, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Rollen.Backoffice, Rollen.Admin))
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Rollen.Admin));
        return services;
    }

    public static ClaimsPrincipal Principal(string id, string naam, string email, IEnumerable<string> rollen, string bron, int sessie, DateTimeOffset nu) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, naam),
            new Claim(ClaimTypes.Email, email),
            .. rollen.Select(r => new Claim(ClaimTypes.Role, r)),
            new Claim(BronClaim, bron),
            new Claim(SessieClaim, sessie.ToString(CultureInfo.InvariantCulture)),
            new Claim(AangemeldOpClaim, nu.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The audit actor of a signed-in person: <c>persoon:e-mail</c> (local account) or <c>oidc:e-mail</c>.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        $"{(user.FindFirstValue(BronClaim) == BronOidc ? "oidc" : "persoon")}:{user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name}";

    private static async Task ControleerSessieAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var user = context.Principal!;
        var aangemeld = long.TryParse(user.FindFirstValue(AangemeldOpClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.MinValue;
        var geldig = clock.GetUtcNow() - aangemeld <= Maximaal;
        if (geldig && user.FindFirstValue(BronClaim) == BronLokaal)
        {
            var store = context.HttpContext.RequestServices.GetRequiredService<GebruikerStore>();
            var g = await store.ZoekOpIdAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", context.HttpContext.RequestAborted);
            geldig = g is { IsActief: true } && g.SessieVersie.ToString(CultureInfo.InvariantCulture) == user.FindFirstValue(SessieClaim);
        }

        if (!geldig)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>On https the cookie is <c>__Host-beheer-sessie</c> (Secure, Path=/, no Domain), so no subdomain can set or shadow it.</summary>
    private sealed class HostPrefixCookieManager : ICookieManager
    {
        private readonly ChunkingCookieManager _inner = new();

        public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Naam(context, key));

        public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
            _inner.AppendResponseCookie(context, Naam(context, key), value, options);

        public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
            _inner.DeleteCookie(context, Naam(context, key), options);

        private static string Naam(HttpContext context, string key) => context.Request.IsHttps ? "__Host-" + key : key;
    }
}
