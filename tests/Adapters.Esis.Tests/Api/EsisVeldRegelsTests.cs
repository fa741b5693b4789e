using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Core.Velden;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>The Core field rules as Esis meets them (issue 14.3): refused with a code naming the field, never cut, nothing stored.</summary>
public sealed class EsisVeldRegelsTests : GeregistreerdeSchoolTest
{
    [Fact]
    public async Task Put_MegabyteContactName_Is422NamingFieldAndLimit()
    {
        var aanvraag = EsisVoorbeelden.Aanvraag();
        aanvraag["contactpersoon"]!["naam"] = new string('n', 1_000_000);

        var response = await Gw.PutAsync("V-1", Code, aanvraag);

        var fout = await EersteFoutAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("contactpersoon.naam", VeldRegels.RegelMaxLengte), (fout.GetProperty("veld").GetString(), fout.GetProperty("regel").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Gw.GetAsync("V-1", Code)).StatusCode);
    }

    [Fact]
    public async Task Put_NulInSurnameOrFileName_Is422()
    {
        var aanvraag = EsisVoorbeelden.Aanvraag(bijlagen: EsisVoorbeelden.Bijlage(EsisVoorbeelden.Pdf(), "OPP\r\nBcc.pdf"));
        aanvraag["leerling"]!["achternaam"] = "Be\0rg";

        var response = await Gw.PutAsync("V-2", Code, aanvraag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var velden = (await JsonAsync(response)).GetProperty("fouten").EnumerateArray().Select(f => f.GetProperty("veld").GetString()).ToList();
        Assert.Contains("leerling.achternaam", velden);
        Assert.Contains("bijlagen[0].bestandsnaam", velden);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2099-01-01")]
    public async Task Put_ImplausibleBirthDate_Is422DatumBereik(string datum)
    {
        var aanvraag = EsisVoorbeelden.Aanvraag();
        aanvraag["leerling"]!["geboortedatum"] = datum;

        var fout = await EersteFoutAsync(await Gw.PutAsync("V-3", Code, aanvraag), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(VeldRegels.RegelDatumBereik, fout.GetProperty("regel").GetString());
    }

    [Fact]
    public async Task Put_ThousandsOfTinyAttachments_IsRefusedAtTheLimitNotAfterReadingAll()
    {
        var bijlagen = new JsonArray();
        for (var i = 0; i < 20_000; i++)
        {
            bijlagen.Add(new JsonObject { ["bestandsnaam"] = $"b{i}.txt", ["inhoud"] = "QQ==" });
        }

        var aanvraag = EsisVoorbeelden.Aanvraag();
        aanvraag["bijlagen"] = bijlagen;

        var fout = await EersteFoutAsync(await Gw.PutAsync("V-4", Code, aanvraag), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("bijlagen", VeldRegels.RegelMaxBijlagen), (fout.GetProperty("veld").GetString(), fout.GetProperty("regel").GetString()));
    }

    [Fact]
    public async Task PostBijlagen_MultipartDescriptionOverLimit_IsRefusedNotCut()
    {
        await Gw.PutAsync("V-5", Code, EsisVoorbeelden.Aanvraag());
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(new string('o', 4500)), "omschrijving" },
            { Bestand(EsisVoorbeelden.Pdf()), "bestand", "OPP Daan.pdf" },
        };

        var response = await Gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/V-5/bijlagen", Code, multipart);

        var fout = await EersteFoutAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("bijlagen[0].omschrijving", VeldRegels.RegelMaxLengte), (fout.GetProperty("veld").GetString(), fout.GetProperty("regel").GetString()));
        Assert.Contains("4500", fout.GetProperty("melding").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBijlagen_BeyondTheMaximumPerHulpvraag_IsRefused()
    {
        await Gw.PutAsync("V-6", Code, EsisVoorbeelden.Aanvraag());
        var per = VeldRegels.MaxBijlagenPerAanvraag;
        for (var ronde = 0; ronde * per < VeldRegels.MaxBijlagenPerHulpvraag; ronde++)
        {
            var ok = await PostTekstbijlagenAsync("V-6", ronde * per, per);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var response = await PostTekstbijlagenAsync("V-6", VeldRegels.MaxBijlagenPerHulpvraag, 1);

        var fout = await EersteFoutAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(VeldRegels.RegelMaxBijlagen, fout.GetProperty("regel").GetString());
    }

    private async Task<HttpResponseMessage> PostTekstbijlagenAsync(string aanvraagId, int vanaf, int aantal)
    {
        var lijst = new JsonArray();
        for (var i = vanaf; i < vanaf + aantal; i++)
        {
            lijst.Add(new JsonObject
            {
                ["bestandsnaam"] = $"Verslag leerling {i}.txt",
                ["categorie"] = "overig",
                ["inhoud"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Verslag nummer {i} over de leerling.\n")),
            });
        }

        using var content = new StringContent(new JsonObject { ["bijlagen"] = lijst }.ToJsonString(), Encoding.UTF8, "application/json");
        return await Gw.SendAsync(HttpMethod.Post, $"/esis/v1/aanvragen/{aanvraagId}/bijlagen", Code, content);
    }

    internal static ByteArrayContent Bestand(byte[] inhoud)
    {
        var content = new ByteArrayContent(inhoud);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static async Task<JsonElement> EersteFoutAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var json = await JsonAsync(response);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {json}");
        Assert.Equal("VELD_ONGELDIG", json.GetProperty("code").GetString());
        return json.GetProperty("fouten")[0];
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
