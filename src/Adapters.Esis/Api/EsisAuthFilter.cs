using System.Globalization;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>
/// Runs before any body is read: the verification code, the failure limits and the body size limit. A refused
/// caller has cost the gateway one look-up and one HMAC, nothing more.
/// </summary>
internal sealed class EsisAuthFilter(EsisAuthenticator authenticator) : IEndpointFilter
{
    public const string Header = "X-Esis-Verificatiecode";
    private const string RegistratieItem = "esis.registratie";

    /// <summary>Fixed bytes: every missing, malformed, unknown, wrong or query-string code gets exactly this body.</summary>
    private static readonly byte[] OngeldigBody = """
        {"type":"urn:hulpvraag-gateway:fout:VERIFICATIECODE_ONGELDIG","title":"Verificatiecode ongeldig","status":401,"detail":"De verificatiecode ontbreekt of is onjuist. Controleer in Esis onder Beheer > Koppelingen > Samenwerkingsverband de code en laat haar zo nodig opnieuw registreren door de helpdesk.","code":"VERIFICATIECODE_ONGELDIG","fouten":[{"veld":"X-Esis-Verificatiecode","code":"VERIFICATIECODE_ONGELDIG","melding":"De verificatiecode ontbreekt of is onjuist."}]}
        """u8.ToArray();

    public static EsisRegistratie Registratie(HttpContext context) => (EsisRegistratie)context.Items[RegistratieItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var adres = http.Connection.RemoteIpAddress?.ToString() ?? "onbekend";
        var headers = http.Request.Headers[Header];
        var code = headers.Count == 1 ? headers[0] : null;
        if (http.Request.Query.Keys.Any(IsCodeParameter))
        {
            // A code in a URL ends up in proxy and server logs: refuse it however correct it is.
            code = null;
        }

        switch (await authenticator.AuthenticeerAsync(code, adres, http.RequestAborted))
        {
            case AuthenticatieUitkomst.TeVeelPogingen t:
                var seconden = Math.Max(1, (int)Math.Ceiling(t.WachtTijd.TotalSeconds));
                http.Response.Headers.RetryAfter = seconden.ToString(CultureInfo.InvariantCulture);
                return FoutProblemen.Problem(new Fout(FoutCodes.TeVeelPogingen, Header,
                    $"Te veel mislukte pogingen met een verificatiecode. Probeer het over {Wachttijd.Tekst(seconden)} opnieuw, en controleer de code in Esis."));
            case AuthenticatieUitkomst.Ongeldig:
                return new FixedBody(StatusCodes.Status401Unauthorized, OngeldigBody);
            case AuthenticatieUitkomst.Geslaagd g:
                http.Items[RegistratieItem] = g.Registratie;
                break;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limiet)
        {
            limiet.MaxRequestBodySize = EsisEndpoints.MaxBody;
        }

        if (http.Request.ContentLength > EsisEndpoints.MaxBody)
        {
            return FoutProblemen.Problem(new Fout(FoutCodes.BijlageTeGroot, "body",
                "Het bericht is groter dan 64 MB. Stuur grote bijlagen los na via 'bijlagen', elk kleiner dan 10 MB."));
        }

        return await next(invocation);
    }

    private static bool IsCodeParameter(string key) =>
        key.Contains("verificatiecode", StringComparison.OrdinalIgnoreCase) || key.Equals("code", StringComparison.OrdinalIgnoreCase);

    private sealed class FixedBody(int status, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/problem+json";
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
