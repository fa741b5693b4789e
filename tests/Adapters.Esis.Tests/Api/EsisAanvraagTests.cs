using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

public sealed class SqliteEsisAanvraagTests() : EsisAanvraagTests(new SqliteTarget());

public sealed class PostgresEsisAanvraagTests() : EsisAanvraagTests(new PostgresTarget());

/// <summary>What an Esis school sends, as Esis sends it: typed titles, resends, later attachments.</summary>
public abstract class EsisAanvraagTests(StorageTarget target) : IAsyncLifetime
{
    private const string Code = "12AB00-regenboog-2026-x7";
    private EsisGateway _gw = null!;

    public async Task InitializeAsync()
    {
        _gw = await EsisGateway.StartAsync(target);
        await _gw.RegistreerAsync(Code);
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Theory]
    [InlineData("TLV -Nieuw", "tlv-nieuw")]
    [InlineData("tlv - nieuw", "tlv-nieuw")]
    [InlineData("TLV–Nieuw", "tlv-nieuw")]
    [InlineData("TLV -nieuw", "tlv-nieuw")]
    [InlineData("  ambulante   begeleiding ", "ambulante-begeleiding")]
    [InlineData("Schoolbudget individueel / groep / wijk", "schoolbudget")]
    public async Task Put_AcceptedTitleSpelling_StoresTheCanonicalTitle(string titel, string code)
    {
        var response = await _gw.PutAsync("T-1", Code, EsisVoorbeelden.Aanvraag(titel: titel));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var detail = await JsonAsync(await _gw.GetAsync("T-1", Code));
        Assert.Equal(code, await ScalarAsync<string>("SELECT titel FROM hulpvraag"));
        Assert.Equal("aanmelding", detail.GetProperty("status").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("TLV nieuw", "TLV -Nieuw")]
    [InlineData("Ambulante begeleding", "Ambulante Begeleiding")]
    public async Task Put_RefusedTitle_Is422WithSuggestions(string titel, string suggestie)
    {
        var response = await _gw.PutAsync("T-2", Code, EsisVoorbeelden.Aanvraag(titel: titel));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("TITEL_ONBEKEND", json.GetProperty("code").GetString());
        var fout = json.GetProperty("fouten")[0];
        Assert.Equal("korteOmschrijving", fout.GetProperty("veld").GetString());
        Assert.Contains(fout.GetProperty("suggesties").EnumerateArray(), s => s.GetString() == suggestie);
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task Put_WrongDestination_IsBestemmingOnjuist()
    {
        var body = EsisVoorbeelden.Aanvraag();
        body["samenwerkingsverband"] = "PO2807";

        var response = await _gw.PutAsync("T-3", Code, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("BESTEMMING_ONJUIST", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_MissingFields_NamesEachInEsisTerms()
    {
        var body = EsisVoorbeelden.Aanvraag();
        body.Remove("zorgvraag");
        body["contactpersoon"]!.AsObject().Remove("naam");
        body["leerling"]!.AsObject().Remove("achternaam");

        var json = await JsonAsync(await _gw.PutAsync("T-4", Code, body));

        var velden = json.GetProperty("fouten").EnumerateArray().Select(f => f.GetProperty("veld").GetString()).ToList();
        Assert.Contains("zorgvraag", velden);
        Assert.Contains("contactpersoon.naam", velden);
        Assert.Contains("leerling.achternaam", velden);
    }

    [Fact]
    public async Task Put_OppToevoegenWithoutOpp_IsRefusedAndWithoutAnyOppWarns()
    {
        var body = EsisVoorbeelden.Aanvraag();
        body["oppToevoegen"] = true;
        Assert.Equal("opp", (await JsonAsync(await _gw.PutAsync("T-5", Code, body))).GetProperty("fouten")[0].GetProperty("veld").GetString());

        var zonder = await JsonAsync(await _gw.PutAsync("T-5", Code, EsisVoorbeelden.Aanvraag()));
        Assert.Contains(zonder.GetProperty("waarschuwingen").EnumerateArray(), w => w.GetProperty("code").GetString() == "GEEN_OPP");
    }

    [Fact]
    public async Task Put_Resend_KeepsDossiernummerRaisesVersionAndIdenticalResendIsNoOp()
    {
        var eerste = await JsonAsync(await _gw.PutAsync("R-1", Code, EsisVoorbeelden.Aanvraag()));
        var gewijzigd = EsisVoorbeelden.Aanvraag();
        gewijzigd["zorgvraag"] = "Gedrag en werkhouding";

        var tweede = await _gw.PutAsync("R-1", Code, gewijzigd);
        var derde = await _gw.PutAsync("R-1", Code, gewijzigd);

        Assert.Equal(HttpStatusCode.OK, tweede.StatusCode);
        var t = await JsonAsync(tweede);
        var d = await JsonAsync(derde);
        Assert.Equal(eerste.GetProperty("dossiernummer").GetInt64(), t.GetProperty("dossiernummer").GetInt64());
        Assert.Equal(2, t.GetProperty("versie").GetInt32());
        Assert.Equal(HttpStatusCode.OK, derde.StatusCode);
        Assert.Equal(2, d.GetProperty("versie").GetInt32());
    }

    [Fact]
    public async Task Bijlagen_JsonAndMultipartLater_LandInTheSameHulpvraagAndSameFileIsStoredOnce()
    {
        var pdf = EsisVoorbeelden.Pdf("toets");
        await _gw.PutAsync("B-1", Code, EsisVoorbeelden.Aanvraag(bijlagen: EsisVoorbeelden.Bijlage(pdf)));

        var json = await _gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/B-1/bijlagen", Code,
            new StringContent(new JsonObject { ["bijlagen"] = new JsonArray(EsisVoorbeelden.Bijlage(EsisVoorbeelden.Pdf("verslag"), "Verslag onderzoek.pdf", "onderzoeksverslag"), EsisVoorbeelden.Bijlage(pdf)) }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);

        using var multipart = new MultipartFormDataContent
        {
            { new StringContent("Het OPP van juni"), "omschrijving" },
            { new StringContent("opp"), "categorie" },
            { Bestand(EsisVoorbeelden.Pdf("opp")), "bestand", "OPP juni 2026.pdf" },
        };
        var mp = await _gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/B-1/bijlagen", Code, multipart);
        Assert.Equal(HttpStatusCode.OK, mp.StatusCode);

        var detail = await JsonAsync(await _gw.GetAsync("B-1", Code));
        var bijlagen = detail.GetProperty("bijlagen").EnumerateArray().ToList();
        Assert.Equal(3, bijlagen.Count);
        Assert.Contains(bijlagen, b => b.GetProperty("categorie").GetString() == "opp" && b.GetProperty("omschrijving").GetString() == "Het OPP van juni");
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(3, await ScalarAsync<long>("SELECT COUNT(*) FROM bijlage_inhoud"));
        Assert.DoesNotContain(detail.GetProperty("waarschuwingen").EnumerateArray(), w => w.GetProperty("code").GetString() == "GEEN_OPP");
    }

    [Fact]
    public async Task Bijlagen_UnknownAanvraag_Is404()
    {
        using var multipart = new MultipartFormDataContent { { Bestand(EsisVoorbeelden.Pdf()), "bestand", "OPP.pdf" } };

        var response = await _gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/BESTAAT-NIET/bijlagen", Code, multipart);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("DOSSIER_ONBEKEND", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_TenMebibyteAttachment_IsAcceptedAndOneByteMoreIsTeGroot()
    {
        var precies = EsisVoorbeelden.Pdf("groot", 10 * 1024 * 1024 - EsisVoorbeelden.Pdf("groot").Length);
        Assert.Equal(10 * 1024 * 1024, precies.Length);
        var teGroot = EsisVoorbeelden.Pdf("groot", 10 * 1024 * 1024 + 1 - EsisVoorbeelden.Pdf("groot").Length);

        var ok = await _gw.PutAsync("G-1", Code, EsisVoorbeelden.Aanvraag(bijlagen: EsisVoorbeelden.Bijlage(precies, "Verslag groot.pdf")));
        var nee = await _gw.PutAsync("G-2", Code, EsisVoorbeelden.Aanvraag(bijlagen: EsisVoorbeelden.Bijlage(teGroot, "Verslag te groot.pdf")));

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, nee.StatusCode);
        var fout = await JsonAsync(nee);
        Assert.Equal("BIJLAGE_TE_GROOT", fout.GetProperty("code").GetString());
        Assert.Contains("300 dpi", fout.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task Put_PdfNameOnOtherContent_IsRefused()
    {
        var response = await _gw.PutAsync("P-1", Code, EsisVoorbeelden.Aanvraag(bijlagen: EsisVoorbeelden.Bijlage("dit is geen pdf maar tekst"u8.ToArray(), "OPP.pdf")));

        Assert.Equal("BIJLAGE_TYPE_NIET_TOEGESTAAN", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM bijlage_inhoud"));
    }

    [Fact]
    public async Task Put_BadBase64_IsBijlageOnleesbaar()
    {
        var bijlage = EsisVoorbeelden.Bijlage(EsisVoorbeelden.Pdf());
        bijlage["inhoud"] = "@@@ dit is geen base64 @@@";

        var response = await _gw.PutAsync("P-2", Code, EsisVoorbeelden.Aanvraag(bijlagen: bijlage));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("BIJLAGE_ONLEESBAAR", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_ResendOnDossierIncompleet_ReturnsItToAanmelding()
    {
        var eerste = await JsonAsync(await _gw.PutAsync("I-1", Code, EsisVoorbeelden.Aanvraag()));
        var dossier = eerste.GetProperty("dossiernummer").GetInt64();
        var (status, _) = await _gw.AdminAsync(HttpMethod.Post, $"/admin/v1/hulpvragen/{dossier}/status",
            new { status = "dossier-incompleet", kwalificatie = "SCP", toelichting = "Het OPP ontbreekt." });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        var body = EsisVoorbeelden.Aanvraag();
        body["zorgvraag"] = "Aangevuld met het OPP";
        var resend = await JsonAsync(await _gw.PutAsync("I-1", Code, body));

        Assert.Equal("aanmelding", resend.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_NotJson_IsRefusedClearly()
    {
        var response = await _gw.SendAsync(HttpMethod.Put, "/esis/v1/aanvragen/J-1", Code, new StringContent("{ kapot", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("VELD_ONGELDIG", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_BodyOverSixtyFourMebibyte_IsRefusedBeforeReading()
    {
        var inhoud = new GroteInhoud(65L * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/esis/v1/aanvragen/Z-1") { Content = inhoud };
        request.Headers.TryAddWithoutValidation("X-Esis-Verificatiecode", Code);
        request.Headers.ExpectContinue = true;

        var response = await _gw.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, inhoud.Geschreven);
    }

    private static ByteArrayContent Bestand(byte[] inhoud)
    {
        var c = new ByteArrayContent(inhoud);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return c;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = await _gw.Service<DbConnectionFactory>().OpenAsync(default);
        return (await c.ExecuteScalarAsync<T>(sql))!;
    }

    /// <summary>Declares a huge length but only writes when the server asks for the body (which it must not).</summary>
    private sealed class GroteInhoud(long lengte) : HttpContent
    {
        public long Geschreven;

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var blok = new byte[64 * 1024];
            for (long i = 0; i < lengte; i += blok.Length)
            {
                await stream.WriteAsync(blok);
                Interlocked.Add(ref Geschreven, blok.Length);
                if (Geschreven > 1024 * 1024)
                {
                    return;
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = lengte;
            return true;
        }
    }
}
