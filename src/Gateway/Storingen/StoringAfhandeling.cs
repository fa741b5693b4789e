using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Storingen;

/// <summary>
/// Outages are not bugs: a database that is unreachable or restarting, or no room left to stage an attachment, answer
/// 503 with a code and a Dutch text in the caller's protocol (a SOAP fault for OSO, problem details otherwise), with
/// Retry-After, instead of a 500. Nothing was acknowledged, so the sender's retry is safe: intake stores in one
/// transaction or not at all.
/// </summary>
internal sealed partial class StoringAfhandeling(ILogger<StoringAfhandeling> logger) : IExceptionHandler
{
    private const int Enospc = 28;
    private const int ErrorDiskFull = 112;
    private const int ErrorHandleDiskFull = 39;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var code = Soort(exception);
        if (code is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogStoring(logger, code, httpContext.Request.Path, exception.GetType().Name);
        var melding = code == FoutCodes.OpslagVol
            ? "De gateway heeft op dit moment geen ruimte om bijlagen te verwerken. Er is niets opgeslagen; verstuur het bericht later opnieuw."
            : "De gateway kan het bericht op dit moment niet opslaan (database tijdelijk onbereikbaar). Er is niets opgeslagen; verstuur het over enkele seconden opnieuw.";
        httpContext.Response.Clear();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = (code == FoutCodes.OpslagVol ? 60 : 5).ToString(CultureInfo.InvariantCulture);
        if (httpContext.Request.Path.StartsWithSegments("/oso", StringComparison.OrdinalIgnoreCase))
        {
            await SoapFoutBericht.SchrijfAsync(httpContext, StatusCodes.Status503ServiceUnavailable, code, melding, null, server: true);
            return true;
        }

        await FoutProblemen.Problem(new Fout(code, null, melding)).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The outage code for this exception or one it wraps; null for anything else (a bug: 500).</summary>
    internal static string? Soort(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException io when (io.HResult & 0xFFFF) is Enospc or ErrorDiskFull or ErrorHandleDiskFull:
                    return FoutCodes.OpslagVol;
                case DbException or SocketException or TimeoutException:
                    return FoutCodes.OpslagOnbereikbaar;
                case AggregateException a when a.InnerExceptions.Count > 0:
                    return a.InnerExceptions.Select(Soort).FirstOrDefault(s => s is not null);
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Outage ({Code}) while handling {Path}: answered 503 ({ExceptionType})")]
    private static partial void LogStoring(ILogger logger, string code, PathString path, string exceptionType);
}

public static class StoringenExtensions
{
    public static IServiceCollection AddGatewayStoringen(this IServiceCollection services) =>
        services.AddExceptionHandler<StoringAfhandeling>();
}
