using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Storingen;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>Outages answer 503 with a code in the caller's protocol, never 500, and store nothing.</summary>
public sealed class StoringAfhandelingTests
{
    public static TheoryData<Exception, string?> Uitzonderingen => new()
    {
        { new NpgsqlException("connection refused", new SocketException(111)), "OPSLAG_ONBEREIKBAAR" },
        { new InvalidOperationException("wrapped", new TimeoutException()), "OPSLAG_ONBEREIKBAAR" },
        { new SocketException(111), "OPSLAG_ONBEREIKBAAR" },
        { new IOException("No space left on device", 28), "OPSLAG_VOL" },
        { new IOException("Connection reset"), null },
        { new InvalidOperationException("a bug"), null },
    };

    [Theory]
    [MemberData(nameof(Uitzonderingen))]
    public void Soort_Exception_IsTheOutageCodeOrNullForABug(Exception exception, string? verwacht) =>
        Assert.Equal(verwacht, StoringAfhandeling.Soort(exception));

    [Fact]
    public async Task TryHandle_DatabaseOutageOnOso_IsA503SoapFaultWithCode()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/oso/v1/notificatie";
        http.Response.Body = new MemoryStream();

        var afgehandeld = await new StoringAfhandeling(NullLogger<StoringAfhandeling>.Instance).TryHandleAsync(http, new NpgsqlException("down", new SocketException(111)), default);

        var body = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        Assert.True(afgehandeld);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Contains("<faultcode>soapenv:Server</faultcode>", body, StringComparison.Ordinal);
        Assert.Contains("<gw:code>OPSLAG_ONBEREIKBAAR</gw:code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_StagingDiskFull_Is503OpslagVolAndStoresNothing()
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: StoringTestEsis.Instellingen(),
            configure: b => b.Services.AddSingleton<IBijlageStaging, VolleStaging>());
        await StoringTestEsis.RegistreerAsync(host);

        var response = await StoringTestEsis.PutAsync(host, "E-vol-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("OPSLAG_VOL", json.GetProperty("code").GetString());
        Assert.Contains("niets opgeslagen", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bijlage_inhoud"));
    }

    [Fact]
    public async Task Put_DatabaseGone_Is503OpslagOnbereikbaarAndNotReady()
    {
        var connectionString = PostgresServer.CreateDatabase();
        await using var host = await GatewayTestHost.StartAsync(new PostgresTarget(), connectionString, StoringTestEsis.Instellingen());
        await StoringTestEsis.RegistreerAsync(host);
        Assert.Equal(HttpStatusCode.Created, (await StoringTestEsis.PutAsync(host, "E-voor")).StatusCode);

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var naam = builder.Database;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.ExecuteAsync($"DROP DATABASE {naam} WITH (FORCE)");
        }

        var response = await StoringTestEsis.PutAsync(host, "E-na");
        var ready = await host.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("OPSLAG_ONBEREIKBAAR", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    /// <summary>Temp storage full: every staging attempt fails as the file system would (ENOSPC).</summary>
    private sealed class VolleStaging : IBijlageStaging
    {
        public Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device", 28);

        public GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64) => throw new IOException("No space left on device", 28);
    }
}
