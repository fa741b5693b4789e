using Hulpvraag.Core.Fouten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hulpvraag.Edge;

/// <summary>
/// The host's own refusals, coded like every other one (spec "Error codes"): broken HTTP framing, unknown routes, wrong
/// methods, bodies in the wrong format and bugs answer with a <c>code</c> and a Dutch text, a SOAP fault on <c>/oso</c>
/// and problem details elsewhere, instead of the framework's English default.
/// </summary>
public static class WebEdge
{
    public static IServiceCollection AddWebEdge(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => VulCode(c.ProblemDetails, c.HttpContext));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonAltijd>());
        services.AddExceptionHandler<KapotBerichtAfhandeling>();
        return services;
    }

    public static IApplicationBuilder UseWebEdge(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(c => SchrijfAsync(c.HttpContext, VoorStatus(c.HttpContext.Response.StatusCode)));
        app.Use(HeadAlsGet);

        // Routing after the HEAD rewrite (WebApplication would otherwise route first, and find no HEAD endpoint).
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// HEAD is GET without the body (RFC 9110 9.3.2): every GET route answers it. Only the method text is changed;
    /// Kestrel still knows the request was HEAD and sends the headers without the body.
    /// </summary>
    private static Task HeadAlsGet(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Request.Method = HttpMethods.Get;
        }

        return next();
    }

    internal static bool IsOso(HttpContext http) => http.Request.Path.StartsWithSegments("/oso", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes a refusal in the caller's protocol, keeping the response's status.</summary>
    internal static async Task SchrijfAsync(HttpContext http, Fout fout)
    {
        var status = http.Response.StatusCode;
        if (IsOso(http))
        {
            await SoapFoutBericht.SchrijfAsync(http, status, fout.Code, fout.Melding, null, server: status >= 500);
            return;
        }

        var problem = FoutProblemen.Problem(fout);
        problem.ProblemDetails.Status = status;
        await problem.ExecuteAsync(http);
    }

    internal static Fout VoorStatus(int status) => status switch
    {
        400 => new(FoutCodes.BerichtOnleesbaar, "body", "Het bericht kon niet worden gelezen. Controleer de opbouw en verstuur het opnieuw; er is niets opgeslagen."),
        401 => new(FoutCodes.NietAangemeld, null, "U bent niet aangemeld: stuur een geldige sleutel mee."),
        403 => new(FoutCodes.GeenToegang, null, "U heeft geen toegang tot deze functie."),
        404 => new(FoutCodes.NietGevonden, null, "Deze URL bestaat niet. Controleer het adres (bijvoorbeeld /esis/v1/aanvragen/{aanvraagId})."),
        405 => new(FoutCodes.MethodeNietToegestaan, null, "Deze URL bestaat, maar niet voor deze HTTP-methode. De header Allow noemt de toegestane methoden."),
        413 => new(FoutCodes.BijlageTeGroot, "body", "Het bericht is groter dan toegestaan. Stuur grote bijlagen los, elk kleiner dan 10 MB."),
        415 => new(FoutCodes.InhoudstypeNietOndersteund, "Content-Type", "Dit inhoudstype wordt hier niet gelezen. Stuur JSON (Content-Type: application/json)."),
        429 => new(FoutCodes.TeVeelPogingen, null, "Te veel verzoeken. Probeer het later opnieuw."),
        >= 500 => new(FoutCodes.InterneFout, null, "Er ging iets mis in de gateway. Er is niets opgeslagen; verstuur het later opnieuw of neem contact op met de helpdesk (noem het X-Correlation-Id)."),
        _ => new(FoutCodes.BerichtOnleesbaar, null, "Het verzoek is geweigerd. Controleer het adres, de methode en de inhoud."),
    };

    /// <summary>Any problem details written without a code (the framework's own, or a bug's 500) get one, in Dutch.</summary>
    private static void VulCode(ProblemDetails problem, HttpContext http)
    {
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = problem.Status ?? http.Response.StatusCode;
        var fout = VoorStatus(status);
        var gecodeerd = FoutProblemen.Problem(fout).ProblemDetails;
        problem.Type = gecodeerd.Type;
        problem.Title = gecodeerd.Title;
        problem.Detail = gecodeerd.Detail;
        foreach (var (k, v) in gecodeerd.Extensions)
        {
            problem.Extensions[k] = v;
        }
    }
}
