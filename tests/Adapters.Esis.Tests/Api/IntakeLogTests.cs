using System.Net;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Core.Logboek;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>The log says what happened to each intake and status (issue 13.7): one event each, no personal data.</summary>
public sealed class IntakeLogTests : GeregistreerdeSchoolTest
{
    [Fact]
    public async Task AcceptedUpdatedRefusedAndStatusChange_EachLogOneEventWithoutPersonalData()
    {
        var eerste = await Gw.PutAsync("L-1", Code, EsisVoorbeelden.Aanvraag());
        var dossier = JsonDocument.Parse(await eerste.Content.ReadAsStringAsync()).RootElement.GetProperty("dossiernummer").GetInt64();
        var gewijzigd = EsisVoorbeelden.Aanvraag();
        gewijzigd["zorgvraag"] = "Nu ook op het gebied van rekenen";
        Assert.Equal(HttpStatusCode.OK, (await Gw.PutAsync("L-1", Code, gewijzigd)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Gw.PutAsync("L-2", Code, EsisVoorbeelden.Aanvraag(titel: "Bestaat niet"))).StatusCode);
        var andereSchool = EsisVoorbeelden.Aanvraag(brin: "99ZZ");
        Assert.Equal(HttpStatusCode.Forbidden, (await Gw.PutAsync("L-3", Code, andereSchool)).StatusCode);
        var (status, _) = await Gw.AdminAsync(HttpMethod.Post, $"/admin/v1/hulpvragen/{dossier}/status", new { status = "in-behandeling" });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        Assert.Single(Events(GebeurtenisIds.IntakeAangemaakt), r => r.Contains($"\"Dossiernummer\":{dossier}", StringComparison.Ordinal) && r.Contains("\"Brin6\":\"12AB00\"", StringComparison.Ordinal));
        Assert.Single(Events(GebeurtenisIds.IntakeBijgewerkt), r => r.Contains($"\"Dossiernummer\":{dossier}", StringComparison.Ordinal));
        var geweigerd = Events(GebeurtenisIds.IntakeGeweigerd);
        Assert.Single(geweigerd, r => r.Contains("\"Code\":\"TITEL_ONBEKEND\"", StringComparison.Ordinal) && r.Contains("\"Bron\":\"esis\"", StringComparison.Ordinal));
        Assert.Single(geweigerd, r => r.Contains("\"Code\":\"SCHOOL_KOMT_NIET_OVEREEN\"", StringComparison.Ordinal));
        Assert.Single(Events(GebeurtenisIds.StatusGewijzigd), r => r.Contains("\"Naar\":\"in-behandeling\"", StringComparison.Ordinal) && r.Contains("\"DoorSoort\":\"beheer\"", StringComparison.Ordinal));

        var persoonsgegevens = new[] { "Berg", "Daan", "ib@regenboog.nl", "J. de Vries", "0101234567", "2017-03-17", "rekenen", Code };
        foreach (var regel in Gw.Logs.Regels)
        {
            foreach (var gegeven in persoonsgegevens)
            {
                Assert.DoesNotContain(gegeven, regel, StringComparison.Ordinal);
            }
        }
    }

    private List<string> Events(int id) =>
        Gw.Logs.Regels.Where(r => System.Text.RegularExpressions.Regex.IsMatch(r, "\"EventId\":\\{[^}]*\"Id\":" + id + "[,}]")).ToList();
}
