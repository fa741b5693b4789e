using System.Net;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

public sealed class EsisRegistratieTests : IAsyncLifetime
{
    private EsisGateway _gw = null!;

    public async Task InitializeAsync() => _gw = await EsisGateway.StartAsync();

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Theory]
    [InlineData("13AB00-regenboog-2026-x7", "prefix")]
    [InlineData("12AB00-kort", "lengte")]
    [InlineData("12AB00 regenboog 2026 x7", "tekens")]
    public async Task Post_BrokenRule_Is422NamingTheRule(string code, string regel)
    {
        var (response, json) = await _gw.AdminAsync(HttpMethod.Post, "/admin/v1/esis/registraties",
            new { brin = "12AB", vestiging = "00", omgeving = "productie", verificatiecode = code, callbackUrl = "https://esis.example/swv" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(json.GetProperty("fouten").EnumerateArray(), f => f.GetProperty("regel").GetString() == regel);
    }

    [Fact]
    public async Task Post_SameCodeTwice_Is409()
    {
        await _gw.RegistreerAsync("12AB00-regenboog-2026-x7");

        var (response, _) = await _gw.AdminAsync(HttpMethod.Post, "/admin/v1/esis/registraties",
            new { brin = "12AB", vestiging = "00", omgeving = "test", verificatiecode = "12AB00-regenboog-2026-x7", callbackUrl = "https://esis.example/swv" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Get_List_ShowsNoCodeAndNoSecret()
    {
        var (_, secret) = await _gw.RegistreerAsync("12AB00-regenboog-2026-x7");

        var (response, json) = await _gw.AdminAsync(HttpMethod.Get, "/admin/v1/esis/registraties?brin=12AB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tekst = json.GetRawText();
        Assert.DoesNotContain("12AB00-regenboog-2026-x7", tekst, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, tekst, StringComparison.Ordinal);
        Assert.Equal(1, json.GetArrayLength());
    }

    [Fact]
    public async Task Vervangen_InsideAndAfterOverlap_OldCodeValidOnlyInsideTheWindow()
    {
        var (id, _) = await _gw.RegistreerAsync("12AB00-oude-code-2026-aa");
        await _gw.AdminAsync(HttpMethod.Post, $"/admin/v1/esis/registraties/{id}/vervangen",
            new { verificatiecode = "12AB00-nieuwe-code-2026-bb", oudeGeldigTot = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.Created, (await _gw.PutAsync("R-1", "12AB00-oude-code-2026-aa", EsisVoorbeelden.Aanvraag())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _gw.PutAsync("R-2", "12AB00-nieuwe-code-2026-bb", EsisVoorbeelden.Aanvraag())).StatusCode);

        await _gw.AdminAsync(HttpMethod.Post, $"/admin/v1/esis/registraties/{id}/vervangen",
            new { verificatiecode = "12AB00-derde-code-2026-cc", oudeGeldigTot = DateTimeOffset.UtcNow.AddSeconds(-1) });

        Assert.Equal(HttpStatusCode.Unauthorized, (await _gw.PutAsync("R-3", "12AB00-nieuwe-code-2026-bb", EsisVoorbeelden.Aanvraag())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _gw.PutAsync("R-3", "12AB00-derde-code-2026-cc", EsisVoorbeelden.Aanvraag())).StatusCode);
    }

    [Fact]
    public async Task Delete_Registration_RevokesAtOnce()
    {
        var (id, _) = await _gw.RegistreerAsync("12AB00-regenboog-2026-x7");
        Assert.Equal(HttpStatusCode.Created, (await _gw.PutAsync("D-1", "12AB00-regenboog-2026-x7", EsisVoorbeelden.Aanvraag())).StatusCode);

        var (response, _) = await _gw.AdminAsync(HttpMethod.Delete, $"/admin/v1/esis/registraties/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gw.GetAsync("D-1", "12AB00-regenboog-2026-x7")).StatusCode);
    }

    [Fact]
    public async Task Post_BackofficeKey_CannotRegisterCodes()
    {
        var sleutel = await _gw.Service<Hulpvraag.Gateway.Admin.ApiKeyStore>().MaakAsync("bo", "backoffice", "test", default);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/esis/registraties")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { brin = "12AB", vestiging = "00", verificatiecode = "12AB00-regenboog-2026-x7", callbackUrl = "https://esis.example/swv" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sleutel.Sleutel);

        Assert.Equal(HttpStatusCode.Forbidden, (await _gw.Client.SendAsync(request)).StatusCode);
    }
}
