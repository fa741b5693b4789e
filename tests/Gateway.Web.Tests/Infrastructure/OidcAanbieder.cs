using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hulpvraag.Gateway.Web.Tests.Infrastructure;

/// <summary>Who the identity provider signs in next, and the values of the role claim it puts in the ID token.</summary>
public sealed record OidcPersoon(string Sub, string Email, string Naam, IReadOnlyList<string> Rollen);

/// <summary>
/// A real OpenID Connect provider on its own loopback port: OpenIddict's server (discovery, JWKS, authorization and
/// token endpoints, PKCE required, confidential client) with EF Core's in-memory store. The authorization endpoint
/// signs in <see cref="Volgende"/> without a login form: the gateway's side of the flow is what is under test.
/// </summary>
public sealed class OidcAanbieder : IAsyncDisposable
{
    public const string ClientId = "hulpvraag-gateway";
    public const string ClientSecret = "oidc-geheim-van-de-gateway-in-de-test-0123456789";
    public const string RolClaim = "roles";

    private readonly WebApplication _app;

    private OidcAanbieder(WebApplication app, Uri basis)
    {
        _app = app;
        Basis = basis;
    }

    public Uri Basis { get; }

    public string Authority => Basis.ToString().TrimEnd('/');

    /// <summary>The person the next authorization request signs in; set by the test before it clicks.</summary>
    public OidcPersoon? Volgende { get; set; }

    /// <summary>Every authorization request as it arrived: the test checks the gateway asked for a code with PKCE (S256).</summary>
    public List<IReadOnlyDictionary<string, string?>> Verzoeken { get; } = [];

    public static async Task<OidcAanbieder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var database = "oidc-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<DbContext>(o =>
        {
            o.UseInMemoryDatabase(database);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Plain http on loopback: the gateway reaches the provider at http://127.0.0.1:port.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        OidcAanbieder? aanbieder = null;
        var app = builder.Build();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) => aanbieder!.Autoriseer(http));
        await app.StartAsync();
        var adres = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        aanbieder = new OidcAanbieder(app, new Uri(adres));
        return aanbieder;
    }

    /// <summary>Registers the gateway as a confidential client that must use PKCE, with its callback address.</summary>
    public async Task RegistreerGatewayAsync(Uri gateway)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(gateway, "/beheer/oidc/callback") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.Email, Permissions.Prefixes.Scope + Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Autoriseer(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        lock (Verzoeken)
        {
            Verzoeken.Add(request.GetParameters().ToDictionary(p => p.Key, p => (string?)p.Value.ToString()));
        }

        var p = Volgende ?? throw new InvalidOperationException("The test did not say who signs in at the provider.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, p.Sub));
        identity.AddClaim(new Claim(Claims.Email, p.Email));
        identity.AddClaim(new Claim(Claims.Name, p.Naam));
        foreach (var rol in p.Rollen)
        {
            identity.AddClaim(new Claim(RolClaim, rol));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
