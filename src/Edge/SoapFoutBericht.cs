using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hulpvraag.Edge;

/// <summary>
/// SOAP 1.1 faults with the spec's detail element (<c>gw:code</c>, <c>gw:melding</c>), for the OSO endpoint and for the
/// host's own refusals on <c>/oso</c> (rate limit, broken framing). Unsigned: a refused message has no trusted peer.
/// </summary>
public static class SoapFoutBericht
{
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string GatewayNamespace = "urn:hulpvraag-gateway:oso:2026";
    public const string ContentType = "text/xml; charset=utf-8";

    public static byte[] Maak(string code, string melding, string? digikoppelingCode, bool server = false)
    {
        var sb = new StringBuilder(512);
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
          .Append("<soapenv:Envelope xmlns:soapenv=\"").Append(SoapNamespace).Append("\"><soapenv:Body><soapenv:Fault>")
          .Append("<faultcode>soapenv:").Append(server ? "Server" : "Client").Append("</faultcode>")
          .Append("<faultstring xml:lang=\"nl\">").Append(SecurityElement.Escape(melding)).Append("</faultstring>")
          .Append("<detail><gw:fout xmlns:gw=\"").Append(GatewayNamespace).Append("\">")
          .Append("<gw:code>").Append(SecurityElement.Escape(code)).Append("</gw:code>")
          .Append("<gw:melding>").Append(SecurityElement.Escape(melding)).Append("</gw:melding>");
        if (digikoppelingCode is not null)
        {
            sb.Append("<gw:digikoppelingCode>").Append(digikoppelingCode).Append("</gw:digikoppelingCode>");
        }

        sb.Append("</gw:fout></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>SOAP 1.1 answers a fault with HTTP 500 whoever is at fault (the faultcode says who), unless a
    /// transport-level status says more (429 with Retry-After).</summary>
    public static IResult Resultaat(string code, string melding, string? digikoppelingCode, bool server = false,
        int status = StatusCodes.Status500InternalServerError) =>
        new XmlResultaat(status, Maak(code, melding, digikoppelingCode, server));

    public static async Task SchrijfAsync(HttpContext http, int status, string code, string melding, string? digikoppelingCode, bool server = false)
    {
        var inhoud = Maak(code, melding, digikoppelingCode, server);
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = inhoud.Length;
        await http.Response.Body.WriteAsync(inhoud, http.RequestAborted);
    }

    /// <summary>A SOAP answer as exact bytes (a fault, or a signed response that must not be re-serialised).</summary>
    public sealed class XmlResultaat(int status, byte[] inhoud) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.ContentLength = inhoud.Length;
            await httpContext.Response.Body.WriteAsync(inhoud, httpContext.RequestAborted);
        }
    }
}
