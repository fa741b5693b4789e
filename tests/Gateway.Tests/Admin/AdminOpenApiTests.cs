using System.Net;
using System.Text.Json;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Tests.Admin;

/// <summary>The admin API describes itself, beside the Esis contract, without a key (a description holds no data).</summary>
public sealed class AdminOpenApiTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(new SqliteTarget());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AdminDocument_DescribesTheAdminRoutesOnly_AndTheEsisDocumentStays()
    {
        var response = await _host.Client.GetAsync(new Uri("/openapi/admin.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paden = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/v1/hulpvragen/{dossiernummer}/status", paden);
        Assert.Contains("/admin/v1/esis/registraties", paden);
        Assert.Contains("/admin/v1/diagnose", paden);
        Assert.Contains("/admin/v1/callbacks/{id}/opnieuw", paden);
        Assert.All(paden, p => Assert.StartsWith("/admin/v1/", p, StringComparison.Ordinal));

        var esis = JsonDocument.Parse(await _host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        Assert.Contains(esis.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/esis/v1/", StringComparison.Ordinal));
    }
}
