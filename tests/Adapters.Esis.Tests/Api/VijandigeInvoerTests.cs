using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>
/// Hostile input (issue 14): broken HTTP framing, unknown routes and methods, bodies without a school. Each answer is a
/// coded refusal (problem details, or a SOAP fault on /oso), never a 5xx, never the framework's uncoded English.
/// </summary>
public sealed class VijandigeInvoerTests : GeregistreerdeSchoolTest
{
    public static TheoryData<string, string, int, string> Framing => new()
    {
        // name, raw request after the request line's headers, expected status, expected code
        { "bad chunk size", "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, "BERICHT_ONLEESBAAR" },
        { "chunk size that is not a number", "Transfer-Encoding: chunked\r\n\r\n-5\r\n{}\r\n0\r\n\r\n", 400, "BERICHT_ONLEESBAAR" },
    };

    [Theory]
    [MemberData(nameof(Framing))]
    public async Task Put_BrokenFraming_Is400WithCode(string naam, string rest, int status, string code)
    {
        var (statusRegel, body) = await RauwAsync($"PUT /esis/v1/aanvragen/F-1 HTTP/1.1\r\nHost: x\r\nX-Esis-Verificatiecode: {Code}\r\nContent-Type: application/json\r\nConnection: close\r\n" + rest);

        Assert.True(statusRegel.Contains($" {status} ", StringComparison.Ordinal), $"{naam}: {statusRegel}");
        Assert.Contains($"\"code\":\"{code}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBijlagen_MultipartWithoutClosingBoundary_Is400WithCode()
    {
        await Gw.PutAsync("M-1", Code, EsisVoorbeelden.Aanvraag());
        var inhoud = "--grens\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"OPP.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 afgebroken";
        using var content = new StringContent(inhoud, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=grens");

        var response = await Gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/M-1/bijlagen", Code, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BERICHT_ONLEESBAAR", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_BodyWithoutSchool_Is422VerplichtVeldOntbreekt()
    {
        var aanvraag = EsisVoorbeelden.Aanvraag();
        aanvraag.Remove("school");

        var response = await Gw.PutAsync("S-1", Code, aanvraag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("VERPLICHT_VELD_ONTBREEKT", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    public static TheoryData<string, string, int, string> Routes => new()
    {
        { "GET", "/esis/v1/bestaat-niet", 404, "NIET_GEVONDEN" },
        { "DELETE", "/esis/v1/aanvragen/A-1", 405, "METHODE_NIET_TOEGESTAAN" },
        { "GET", "/admin/v1/bestaat-niet", 404, "NIET_GEVONDEN" },
        { "PATCH", "/admin/v1/hulpvragen", 405, "METHODE_NIET_TOEGESTAAN" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task UnknownRouteOrMethod_AnswersWithCodeInDutch(string methode, string pad, int status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(methode), pad);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EsisGateway.Bootstrap);

        var response = await Gw.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.DoesNotContain("Not Found", json.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oso_WrongMethod_IsSoapFaultWithGwCode()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/oso/v1/swv") { Content = new StringContent("<x/>") };

        var response = await Gw.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var tekst = await response.Content.ReadAsStringAsync();
        Assert.Contains("<gw:code>METHODE_NIET_TOEGESTAAN</gw:code>", tekst, StringComparison.Ordinal);
    }

    private async Task<(string StatusRegel, string Body)> RauwAsync(string verzoek)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Gw.Client.BaseAddress!.Host, Gw.Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(verzoek));
        using var lezer = new StreamReader(stream, Encoding.UTF8);
        var antwoord = await lezer.ReadToEndAsync();
        var einde = antwoord.IndexOf("\r\n", StringComparison.Ordinal);
        return (einde < 0 ? antwoord : antwoord[..einde], antwoord);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
