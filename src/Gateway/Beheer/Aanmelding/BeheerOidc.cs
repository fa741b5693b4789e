using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE) when <c>Beheer:Oidc:Authority</c>, <c>ClientId</c> and
/// <c>ClientSecret</c> are set. The IdP's role claim is mapped to one gateway role; the session itself is the same
/// /beheer cookie as for local accounts. A person without a mapped role gets the Dutch 403 page.
/// </summary>
public static class BeheerOidc
{
    public const string Scheme = "BeheerOidc";

    public static AuthenticationBuilder AddBeheerOidc(this AuthenticationBuilder auth, IConfiguration configuration)
    {
        var o = configuration.GetSection(BeheerOptions.Section).Get<BeheerOptions>()?.Oidc ?? new OidcOptions();
        if (!o.IsIngesteld)
        {
            return auth;
        }

        return auth.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = o.Authority;
            oidc.ClientId = o.ClientId;
            oidc.ClientSecret = o.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.SignInScheme = BeheerAuthenticatie.Scheme;
            oidc.CallbackPath = "/beheer/oidc/callback";
            oidc.RequireHttpsMetadata = o.Authority!.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.Scope.Add("email");
            // The correlation and nonce cookies must come back on the IdP's redirect (a top-level GET): Lax, not Strict.
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events.OnTokenValidated = context =>
            {
                var rollen = Rollen(context.Principal!, o);
                if (rollen.Count == 0)
                {
                    context.Response.Redirect("/beheer/geen-toegang?reden=rol");
                    context.HandleResponse();
                    return Task.CompletedTask;
                }

                var p = context.Principal!;
                var email = p.FindFirstValue("email") ?? p.FindFirstValue("preferred_username") ?? p.FindFirstValue("sub") ?? "onbekend";
                var naam = p.FindFirstValue("name") ?? email;
                var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                context.Principal = BeheerAuthenticatie.Principal(
                    "oidc:" + (p.FindFirstValue("sub") ?? email), naam, email, rollen, BeheerAuthenticatie.BronOidc, 0, clock.GetUtcNow());
                return Task.CompletedTask;
            };
            oidc.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/beheer/inloggen?oidc=mislukt");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Every gateway role one of the person's claim values maps to (helpdesk and backoffice can both apply); empty when none.</summary>
    public static IReadOnlyList<string> Rollen(ClaimsPrincipal p, OidcOptions o)
    {
        var waarden = p.FindAll(o.RolClaim).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return Admin.Rollen.Alle
            .Where(rol => o.Rollen.TryGetValue(rol, out var lijst)
                && lijst.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(waarden.Contains))
            .ToList();
    }
}
