using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>
/// What HTTP expects at the edge (issue 14.5): HEAD works wherever GET does, a refusal is problem details whatever the
/// Accept header says, and Esis refusals before the intake (malformed JSON, wrong content type) reach the school's
/// diagnose timeline and /metrics like every other refusal (10.2).
/// </summary>
public sealed class EdgeAntwoordTests : GeregistreerdeSchoolTest
{
    [Fact]
    public async Task Head_OnGetRoutes_AnswersLikeGetWithoutBody()
    {
        await Gw.PutAsync("H-1", Code, EsisVoorbeelden.Aanvraag());

        var esis = await Gw.SendAsync(HttpMethod.Head, "/esis/v1/aanvragen/H-1", Code, null);
        var openapi = await Gw.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/v1.json"));
        var onbekend = await Gw.SendAsync(HttpMethod.Head, "/esis/v1/aanvragen/BESTAAT-NIET", Code, null);

        Assert.Equal(HttpStatusCode.OK, esis.StatusCode);
        Assert.Empty(await esis.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, openapi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onbekend.StatusCode);
    }

    [Theory]
    [InlineData("/admin/v1/hulpvragen?status=onzin")]
    [InlineData("/admin/v1/hulpvragen?ontvangenVanaf=gisteren")]
    public async Task CsvExport_WithBadFilter_IsProblemDetailsWithCode(string pad)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pad);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EsisGateway.Bootstrap);
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await Gw.Client.SendAsync(request);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("code").GetString()));
        Assert.True((int)response.StatusCode is 400 or 422, response.StatusCode.ToString());
    }

    [Theory]
    [InlineData("{\"samenwerkingsverband\": ", "application/json")]
    [InlineData("<aanvraag/>", "application/xml")]
    public async Task Put_MalformedJsonOrWrongContentType_IsRecordedForDiagnoseAndCounted(string body, string contentType)
    {
        var response = await Gw.SendAsync(HttpMethod.Put, "/esis/v1/aanvragen/D-1", Code, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var (diagnose, json) = await Gw.AdminAsync(HttpMethod.Get, "/admin/v1/diagnose?brin=12AB");
        Assert.Equal(HttpStatusCode.OK, diagnose.StatusCode);
        Assert.Contains("D-1", json.ToString(), StringComparison.Ordinal);
        Assert.Contains("VELD_ONGELDIG", json.ToString(), StringComparison.Ordinal);
        var metrics = await (await Gw.Client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains(metrics.Split('\n'), r => r.StartsWith("hulpvraag_ontvangen", StringComparison.Ordinal)
            && r.Contains("uitkomst=\"geweigerd\"", StringComparison.Ordinal) && r.Contains("code=\"VELD_ONGELDIG\"", StringComparison.Ordinal));
    }
}
