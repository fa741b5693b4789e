using System.Text;
using System.Text.Json.Nodes;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>An Esis school for the outage tests: its settings, its registration and one aanvraag with a small PDF.</summary>
internal static class StoringTestEsis
{
    private const string Code = "12AB00-storing-test-code-1";

    public static Dictionary<string, string?> Instellingen() => new()
    {
        ["Esis:CodePepper"] = "pepper-voor-de-storingstests-met-genoeg-tekens-0123",
    };

    public static async Task RegistreerAsync(GatewayTestHost host) =>
        Assert.True((await host.Services.GetRequiredService<RegistratieService>().RegistreerAsync(
            new RegistratieVerzoek("12AB", "00", "productie", Code, "https://esis.example/swv", null), "test", default)).IsSuccess);

    public static async Task<HttpResponseMessage> PutAsync(GatewayTestHost host, string aanvraagId)
    {
        var body = new JsonObject
        {
            ["samenwerkingsverband"] = "PO2806",
            ["school"] = new JsonObject { ["brin"] = "12AB", ["vestiging"] = "00", ["naam"] = "OBS De Regenboog" },
            ["contactpersoon"] = new JsonObject { ["naam"] = "J. de Vries", ["email"] = "ib@regenboog.nl", ["telefoon"] = "0101234567" },
            ["korteOmschrijving"] = "Ambulante Begeleiding",
            ["zorgvraag"] = "Op het gebied van gedrag",
            ["oppToevoegen"] = false,
            ["niveau"] = "leerling",
            ["leerling"] = new JsonObject
            {
                ["leerlingId"] = "E-778", ["roepnaam"] = "Daan", ["voornamen"] = "Daan Pieter", ["tussenvoegsel"] = "van de",
                ["achternaam"] = "Berg", ["geboortedatum"] = "2017-03-17", ["geslacht"] = "man", ["groep"] = "5",
            },
            ["bijlagen"] = new JsonArray(new JsonObject
            {
                ["bestandsnaam"] = "Toetsoverzicht groep 5.pdf", ["omschrijving"] = "Toetsoverzicht", ["categorie"] = "toetsgegevens",
                ["contentType"] = "application/pdf", ["inhoud"] = Convert.ToBase64String(TestData.Pdf("storing")),
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/esis/v1/aanvragen/{aanvraagId}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Esis-Verificatiecode", Code);
        return await host.Client.SendAsync(request);
    }
}
