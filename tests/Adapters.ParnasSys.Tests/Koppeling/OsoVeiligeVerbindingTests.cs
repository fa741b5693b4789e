using System.Net;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Adressen;
using Hulpvraag.Edge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Koppeling;

/// <summary>
/// Issue 14.4 for OSO: the terugkoppeling and the dossier pull go to an endpoint URL from the register, so the OSO
/// client checks the resolved address at connection time as the Esis callbacks do. The stand-in listens on loopback:
/// refused by default, reached once Callbacks:AllowedNetworks allows it.
/// </summary>
public sealed class OsoVeiligeVerbindingTests : IDisposable
{
    private readonly WireMockServer _endpoint = WireMockServer.Start();

    public OsoVeiligeVerbindingTests() =>
        _endpoint.Given(Request.Create().WithPath("/oso").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task OsoClient_EndpointOnLoopbackNotAllowed_IsNotConnectedTo(string host)
    {
        using var sp = Diensten(regels: null);

        var fout = await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(sp, host));

        Assert.IsType<AdresNietToegestaanException>(fout.InnerException);
        Assert.Empty(_endpoint.LogEntries);
    }

    [Fact]
    public async Task OsoClient_EndpointInAllowedNetwork_IsReached()
    {
        using var sp = Diensten(new CallbackAdresRegels([IPNetwork.Parse("127.0.0.0/8")]));

        using var antwoord = await PostAsync(sp, "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, antwoord.StatusCode);
        Assert.Single(_endpoint.LogEntries);
    }

    public void Dispose()
    {
        _endpoint.Stop();
        _endpoint.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(ServiceProvider sp, string host)
    {
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(OsoSoapClient.HttpClientName);
        return client.PostAsync($"http://{host}:{_endpoint.Port}/oso", new StringContent("<x/>"));
    }

    private static ServiceProvider Diensten(CallbackAdresRegels? regels)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (regels is not null)
        {
            services.AddSingleton(regels);
        }

        services.AddOso(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
