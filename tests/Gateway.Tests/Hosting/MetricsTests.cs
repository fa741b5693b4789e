using Hulpvraag.Core.Intake;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Hosting;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterSubmissions_ExposeTheSpecsInstrumentsAsPrometheusText()
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?> { ["Metrics:RefreshInterval"] = "00:00:00.100" });
        var intake = host.Services.GetRequiredService<IntakeService>();
        await intake.IndienenAsync(TestData.Aanvraag("M-1") with { MeldOntvangstTerug = true }, default);
        await intake.IndienenAsync(TestData.Aanvraag("M-2") with { Titel = "onzin" }, default);
        await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative));

        // The store-backed gauges are refreshed in the background (a scrape never queries the store): wait for a
        // refresh that saw the submissions.
        var tekst = "";
        for (var i = 0; i < 200 && !tekst.Contains("status=\"aanmelding\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            tekst = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        // The OpenTelemetry listener is process-wide: hosts of tests running in parallel feed the same instrument names,
        // so this asserts the series and their labels, not exact counts.
        var regels = tekst.Split('\n');
        Assert.Contains(regels, r => r.StartsWith("hulpvraag_ontvangen_total{", StringComparison.Ordinal) && r.Contains("bron=\"esis\"", StringComparison.Ordinal) && r.Contains("uitkomst=\"aangemaakt\"", StringComparison.Ordinal));
        Assert.Contains("code=\"TITEL_ONBEKEND\"", tekst, StringComparison.Ordinal);
        Assert.Contains(regels, r => r.StartsWith("hulpvraag_hulpvragen{", StringComparison.Ordinal) && r.Contains("status=\"aanmelding\"", StringComparison.Ordinal));
        Assert.Contains("hulpvraag_oudste_wachtende_callback_seconden", tekst, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", tekst, StringComparison.Ordinal);
    }
}
