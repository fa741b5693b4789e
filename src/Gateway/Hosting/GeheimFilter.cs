using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// Last line of defence: a verification code a client wrongly put in a URL is masked in every log property
/// (ASP.NET Core logs request URLs before any of our code runs).
/// </summary>
internal sealed partial class GeheimFilter : ILogEventEnricher
{
    [GeneratedRegex(@"((?:verificatiecode|code)=)[^&\s""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeInQuery();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (naam, waarde) in logEvent.Properties)
        {
            if (waarde is ScalarValue { Value: string tekst } && tekst.Contains('=', StringComparison.Ordinal) && CodeInQuery().IsMatch(tekst))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(naam, new ScalarValue(CodeInQuery().Replace(tekst, "$1***"))));
            }
        }
    }
}
