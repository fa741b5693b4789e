using System.Net;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>The published contract and the running endpoints must say the same thing.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private EsisGateway _gw = null!;

    public async Task InitializeAsync() => _gw = await EsisGateway.StartAsync();

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task Get_OpenApiJson_ServesTheCommittedDocument()
    {
        var response = await _gw.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(CommittedPath()), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Document_Operations_MatchTheMappedEsisEndpoints()
    {
        var doc = JsonDocument.Parse(File.ReadAllText(CommittedPath())).RootElement;
        var gedocumenteerd = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .Order().ToList();

        var gemapt = _gw.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/esis/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        Assert.Equal(gemapt, gedocumenteerd);
    }

    [Fact]
    public void Document_ErrorCodes_CoverEverythingTheEndpointsCanAnswer()
    {
        var doc = JsonDocument.Parse(File.ReadAllText(CommittedPath())).RootElement;
        var codes = doc.GetProperty("components").GetProperty("schemas").GetProperty("Probleem").GetProperty("properties").GetProperty("code")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var put = doc.GetProperty("paths").GetProperty("/esis/v1/aanvragen/{aanvraagId}").GetProperty("put").GetProperty("responses");

        Assert.Superset(new HashSet<string?> { "VERIFICATIECODE_ONGELDIG", "SCHOOL_KOMT_NIET_OVEREEN", "TE_VEEL_POGINGEN", "TITEL_ONBEKEND", "BIJLAGE_TE_GROOT", "BESTEMMING_ONJUIST", "DOSSIER_ONBEKEND", "BIJLAGE_ONLEESBAAR", "BIJLAGE_TYPE_NIET_TOEGESTAAN", "VELD_ONGELDIG", "VERPLICHT_VELD_ONTBREEKT" }, codes);
        Assert.All(new[] { "200", "201", "401", "403", "413", "422", "429" }, s => Assert.True(put.TryGetProperty(s, out _), s));
    }

    private static string CommittedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "schemas", "esis", "openapi.json");
    }
}
