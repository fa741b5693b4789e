using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace Hulpvraag.Edge;

/// <summary>
/// A correlation id per request, echoed to the caller and attached to every log event of the request. It lives in
/// <see cref="HttpContext.TraceIdentifier"/> and is read at each log event and when the response starts, so an
/// endpoint can replace it once it knows a better one (OSO: the verified wsa:MessageID, spec "Operations").
/// </summary>
public static class Correlatie
{
    public const string Header = "X-Correlation-Id";
    public const string LogProperty = "CorrelationId";

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var ontvangen = context.Request.Headers[Header].ToString();
        context.TraceIdentifier = IsVeilig(ontvangen, 64) ? ontvangen : Guid.NewGuid().ToString("N");
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        using (LogContext.Push(new CorrelatieVerrijker(context)))
        {
            await next(context);
        }
    });

    /// <summary>Makes <paramref name="id"/> the request's correlation id when it is plain enough to echo.</summary>
    public static bool NeemOver(HttpContext context, string id, int maxLengte)
    {
        if (!IsVeilig(id, maxLengte))
        {
            return false;
        }

        context.TraceIdentifier = id;
        return true;
    }

    /// <summary>An id is only echoed when it is short and plain, so it cannot inject into logs or headers.</summary>
    private static bool IsVeilig(string waarde, int maxLengte) =>
        waarde.Length > 0 && waarde.Length <= maxLengte && waarde.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private sealed class CorrelatieVerrijker(HttpContext context) : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(LogProperty, context.TraceIdentifier));
    }
}
