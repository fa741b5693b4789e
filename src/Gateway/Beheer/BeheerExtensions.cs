using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Beheer.Lijsten;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Beheer;

/// <summary>The helpdesk and back office in the browser: Razor Pages under /beheer with their own cookie sign-in.</summary>
public static class BeheerExtensions
{
    public const string Pad = "/beheer";
    public const string AssetsPad = "/beheer/assets";

    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /// <summary>
    /// The policy of /beheer. With OpenID Connect the "Inloggen via …" form answers with a redirect to the IdP, and
    /// browsers apply form-action to that redirect too: the IdP's origin (and only that) is added there.
    /// </summary>
    public static string Beleid(OidcOptions oidc) =>
        oidc.IsIngesteld && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var idp)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {idp.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    /// <summary>What the CLI needs too: accounts and their service.</summary>
    public static IServiceCollection AddBeheerAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BeheerOptions>().Bind(configuration.GetSection(BeheerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddBeheerDataProtection();
        services.AddSingleton<TotpBescherming>();
        services.AddSingleton<GebruikerStore>();
        services.AddSingleton<GebruikerService>();
        return services;
    }

    /// <summary>
    /// One key ring for all instances, in the database: cookies, antiforgery tokens and TOTP secrets protected by one
    /// instance are read by every other. The application name is fixed, not derived from the install path.
    /// </summary>
    public static IServiceCollection AddBeheerDataProtection(this IServiceCollection services)
    {
        services.AddSingleton<DataProtectionSleutelStore>();
        services.AddDataProtection().SetApplicationName("hulpvraag-gateway");
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionSleutelStore>((o, store) => o.XmlRepository = store);
        return services;
    }

    public static IServiceCollection AddBeheer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBeheerAccounts(configuration);
        services.AddHostedService<TotpVersleuteling>();
        services.AddSingleton<BeheerLijstStore>();
        services.AddSingleton<BeheerOverzichtStore>();
        services.AddSingleton<BeheerLeveringStore>();
        services.AddAuthentication().AddBeheerCookie().AddBeheerOidc(configuration);
        services.AddBeheerPolicies();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "beheer-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = Pad;
            o.FormFieldName = "__af";
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Beheer/Pages";
            o.Conventions.AuthorizeFolder("/", BeheerAuthenticatie.Policies.Lezen);
            o.Conventions.AllowAnonymousToPage("/Inloggen");
            o.Conventions.AllowAnonymousToPage("/Activeren");
            o.Conventions.AllowAnonymousToPage("/GeenToegang");
        }).AddApplicationPart(typeof(BeheerExtensions).Assembly);
        return services;
    }

    /// <summary>Security headers on everything under /beheer, then the embedded stylesheet and images.</summary>
    public static IApplicationBuilder UseBeheer(this IApplicationBuilder app)
    {
        var beleid = Beleid(app.ApplicationServices.GetRequiredService<IOptions<BeheerOptions>>().Value.Oidc);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Pad), b => b.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                // An attachment answer brings its own, stricter sandbox policy.
                if (!h.ContainsKey("Content-Security-Policy"))
                {
                    h.ContentSecurityPolicy = beleid;
                }

                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(AssetsPad))
                {
                    h.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        }));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetsPad,
            FileProvider = new EmbeddedFileProvider(typeof(BeheerExtensions).Assembly, "Hulpvraag.Gateway.Beheer.wwwroot"),
        });
        return app;
    }

    public static IEndpointRouteBuilder MapBeheer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        var beheer = endpoints.MapGroup(Pad);
        beheer.MapGet("/activeren/{token}/qr.png", ActiveringsQrAsync).AllowAnonymous();
        beheer.MapPost("/uitloggen", UitloggenAsync).RequireAuthorization(BeheerAuthenticatie.Policies.Lezen);
        beheer.MapBeheerBestanden();
        return endpoints;
    }

    private static async Task<IResult> ActiveringsQrAsync(string token, GebruikerService gebruikers, CancellationToken ct)
    {
        var activatie = await gebruikers.LopendeActivatieAsync(token, ct);
        if (activatie is null)
        {
            return TypedResults.NotFound();
        }

        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(activatie.OtpauthUri, QRCoder.QRCodeGenerator.ECCLevel.M);
        return TypedResults.File(new QRCoder.PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    private static async Task<IResult> UitloggenAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        await http.SignOutAsync(BeheerAuthenticatie.Scheme);
        return TypedResults.Redirect("/beheer/inloggen?uitgelogd=1");
    }
}
