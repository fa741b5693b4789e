using System.Text.Json;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Edge;

/// <summary>
/// A body that breaks the HTTP framing (bad chunk size, fewer bytes than Content-Length, a read timeout) or that the
/// framework cannot bind is the client's fault: a coded 400 logged at Information, not a 500 logged as an error.
/// A client that went away gets nothing (it cannot read it) and one Information line.
/// </summary>
internal sealed partial class KapotBerichtAfhandeling(ILogger<KapotBerichtAfhandeling> logger) : IExceptionHandler
{
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?([A-Za-z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterNaam();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is not BadHttpRequestException bad)
        {
            if (httpContext.RequestAborted.IsCancellationRequested && exception is IOException or OperationCanceledException)
            {
                LogAfgebroken(logger, httpContext.Request.Path);
                httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
                return true;
            }

            return false;
        }

        var (status, fout) = Vertaal(bad);
        LogGeweigerd(logger, fout.Code, httpContext.Request.Path, bad.StatusCode);
        httpContext.Response.Clear();
        httpContext.Response.StatusCode = status;
        await WebEdge.SchrijfAsync(httpContext, fout);
        return true;
    }

    private static (int Status, Fout Fout) Vertaal(BadHttpRequestException bad)
    {
        var parameter = ParameterNaam().Match(bad.Message) is { Success: true } m ? m.Groups[1].Value : null;
        return bad switch
        {
            { StatusCode: 413 } => (413, WebEdge.VoorStatus(413)),
            { StatusCode: 415 } => (415, WebEdge.VoorStatus(415)),
            { InnerException: JsonException j } => (400, new Fout(FoutCodes.VeldOngeldig, j.Path ?? "body",
                $"Het bericht is geen geldige JSON of een veld heeft het verkeerde type (bij '{j.Path ?? "begin"}').")),
            _ when bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) => (400,
                new Fout(FoutCodes.VerplichtVeldOntbreekt, parameter, $"De parameter '{parameter}' ontbreekt.")),
            _ when bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) => (400,
                new Fout(FoutCodes.VeldOngeldig, parameter, $"De waarde van '{parameter}' heeft niet de juiste vorm.")),
            _ => (400, new Fout(FoutCodes.BerichtOnleesbaar, "body",
                "Het bericht is onvolledig of de HTTP-opbouw klopt niet (chunked-codering of Content-Length). Er is niets opgeslagen; verstuur het opnieuw.")),
        };
    }

    [LoggerMessage(EventId = LogEventIds.BerichtGeweigerd, Level = LogLevel.Information, Message = "Request on {Path} refused: {Code} (HTTP framing or binding, status {Status})")]
    private static partial void LogGeweigerd(ILogger logger, string code, PathString path, int status);

    [LoggerMessage(EventId = LogEventIds.ClientAfgebroken, Level = LogLevel.Information, Message = "Client went away while sending to {Path}")]
    private static partial void LogAfgebroken(ILogger logger, PathString path);
}
