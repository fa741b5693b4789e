using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>What Esis gets back (issue 13.5): the status with its date, the dropped persoonsnummer said, multipart fields in any order.</summary>
public sealed class EsisAntwoordTests : GeregistreerdeSchoolTest
{
    [Fact]
    public async Task PutAndPostAnswers_CarryStatusSinds()
    {
        var put = await JsonAsync(await Gw.PutAsync("A-1", Code, EsisVoorbeelden.Aanvraag()));
        using var multipart = new MultipartFormDataContent { { EsisVeldRegelsTests.Bestand(EsisVoorbeelden.Pdf("later")), "bestand", "Verslag later.pdf" } };
        var post = await JsonAsync(await Gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/A-1/bijlagen", Code, multipart));
        var get = await JsonAsync(await Gw.GetAsync("A-1", Code));

        var sinds = get.GetProperty("status").GetProperty("sinds").GetDateTimeOffset();
        Assert.Equal(sinds, put.GetProperty("status").GetProperty("sinds").GetDateTimeOffset());
        Assert.Equal(sinds, post.GetProperty("status").GetProperty("sinds").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("bsn", "\"123456782\"")]
    [InlineData("onderwijsnummer", "987654321")]
    public async Task Put_WithPersoonsnummer_DropsItWithWarning(string veld, string waarde)
    {
        var aanvraag = EsisVoorbeelden.Aanvraag();
        aanvraag["leerling"]![veld] = JsonNode.Parse(waarde);

        var response = await Gw.PutAsync("P-" + veld, Code, aanvraag);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var antwoord = await JsonAsync(response);
        Assert.Contains(antwoord.GetProperty("waarschuwingen").EnumerateArray(), w => w.GetProperty("code").GetString() == "PERSOONSNUMMER_VERWIJDERD");
        var detail = await (await Gw.GetAsync("P-" + veld, Code)).Content.ReadAsStringAsync();
        Assert.Contains("PERSOONSNUMMER_VERWIJDERD", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(waarde.Trim('"'), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithoutPersoonsnummer_HasNoSuchWarning()
    {
        var antwoord = await JsonAsync(await Gw.PutAsync("P-geen", Code, EsisVoorbeelden.Aanvraag()));

        Assert.DoesNotContain(antwoord.GetProperty("waarschuwingen").EnumerateArray(), w => w.GetProperty("code").GetString() == "PERSOONSNUMMER_VERWIJDERD");
    }

    [Fact]
    public async Task PostBijlagen_OneFileWithFieldsAfterIt_KeepsTheFields()
    {
        await Gw.PutAsync("M-1", Code, EsisVoorbeelden.Aanvraag());
        using var multipart = new MultipartFormDataContent
        {
            { EsisVeldRegelsTests.Bestand(EsisVoorbeelden.Pdf("opp")), "bestand", "OPP juni 2026.pdf" },
            { new StringContent("Het OPP van juni"), "omschrijving" },
            { new StringContent("opp"), "categorie" },
        };

        var response = await Gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/M-1/bijlagen", Code, multipart);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bijlage = (await JsonAsync(await Gw.GetAsync("M-1", Code))).GetProperty("bijlagen").EnumerateArray().Single();
        Assert.Equal(("opp", "Het OPP van juni"), (bijlage.GetProperty("categorie").GetString(), bijlage.GetProperty("omschrijving").GetString()));
    }

    [Fact]
    public async Task PostBijlagen_SeveralFilesWithFieldsAfterTheLast_IsRefusedWithCodeNotLost()
    {
        await Gw.PutAsync("M-2", Code, EsisVoorbeelden.Aanvraag());
        using var multipart = new MultipartFormDataContent
        {
            { EsisVeldRegelsTests.Bestand(EsisVoorbeelden.Pdf("een")), "bestand", "Verslag een.pdf" },
            { EsisVeldRegelsTests.Bestand(EsisVoorbeelden.Pdf("twee")), "bestand", "Verslag twee.pdf" },
            { new StringContent("Welke hoort dit?"), "omschrijving" },
        };

        var response = await Gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/M-2/bijlagen", Code, multipart);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fout = (await JsonAsync(response)).GetProperty("fouten")[0];
        Assert.Equal(("VELD_ONGELDIG", "omschrijving", "volgorde"), (fout.GetProperty("code").GetString(), fout.GetProperty("veld").GetString(), fout.GetProperty("regel").GetString()));
        Assert.Empty((await JsonAsync(await Gw.GetAsync("M-2", Code))).GetProperty("bijlagen").EnumerateArray());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
