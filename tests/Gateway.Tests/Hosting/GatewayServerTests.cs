using System.Net;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Tests.Hosting;

public sealed class GatewayServerTests
{
    [Fact]
    public async Task Start_FreshSqliteFile_CreatesDatabaseAndBecomesReady()
    {
        var directory = Path.Combine(SqliteTarget.NewFolder(), "data");
        var file = Path.Combine(directory, "gateway.db");
        Assert.False(Directory.Exists(directory));

        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), $"Data Source={file}");

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var ready = await host.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Start_OnPostgres_BecomesReady()
    {
        await using var host = await GatewayTestHost.StartAsync(new PostgresTarget(),
            settings: new Dictionary<string, string?> { ["Esis:CodePepper"] = "een-gedeelde-pepper-van-genoeg-tekens-0123" });

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Start_OnPostgresWithoutPepper_FailsNamingEsisCodePepper()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayTestHost.StartAsync(new PostgresTarget()));

        Assert.Contains("Esis:CodePepper", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnSqliteWithoutPepper_GeneratesOneBesideTheDatabase()
    {
        var directory = SqliteTarget.NewFolder();
        await using (await GatewayTestHost.StartAsync(new SqliteTarget(), $"Data Source={Path.Combine(directory, "gateway.db")}"))
        {
        }

        var pepper = Path.Combine(directory, GatewayEsisExtensions.PepperBestand);
        Assert.True(File.Exists(pepper));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pepper));
        }
    }

    [Fact]
    public async Task Start_Always_EchoesACorrelationId()
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(Hulpvraag.Edge.Correlatie.Header, "abc-123");

        var response = await host.Client.SendAsync(request);

        Assert.Equal("abc-123", response.Headers.GetValues(Hulpvraag.Edge.Correlatie.Header).Single());
    }

    [Theory]
    [InlineData("Storage:Provider", "oracle")]
    [InlineData("Gateway:SamenwerkingsverbandCode", "Rotterdam")]
    [InlineData("Callbacks:MaxAge", "00:00:01")]
    [InlineData("Callbacks:MaxAge", "zeven dagen")]
    [InlineData("Admin:BootstrapKey", "te-kort")]
    [InlineData("Proxy:KnownProxies:0", "proxy.intern")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("RateLimits:PerAddressPerSecond", "-1")]
    public async Task Start_InvalidSetting_FailsNamingTheKey(string key, string value)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?> { [key] = value }));

        Assert.True(ex is OptionsValidationException or InvalidOperationException, ex.GetType().Name);
        var melding = ex is OptionsValidationException o ? string.Join(" ", o.Failures) : ex.Message;
        Assert.Contains(key, melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", null, "https://")]
    [InlineData(null, "127.0.0.0/8", "https://")]
    [InlineData(null, null, "http://")]
    [InlineData("10.9.8.7", null, "http://")]
    public async Task Wsdl_BehindProxy_TakesTheSchemeOnlyFromAKnownProxy(string? proxy, string? netwerk, string verwacht)
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?>
        {
            ["Proxy:KnownProxies:0"] = proxy,
            ["Proxy:KnownNetworks:0"] = netwerk,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oso/v1/swv?wsdl");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var wsdl = await (await host.Client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"location=\"{verwacht}{host.Client.BaseAddress!.Authority}/oso/v1/swv\"", wsdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Esis_MoreRequestsThanTheBurst_RefusedWith429AndRetryAfterAndACode()
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?>
        {
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:Burst"] = "3",
        });

        // The bucket refills one token a second on the real clock, and on a loaded CI machine four requests can take
        // longer than that (the run of stop 16 saw exactly that). So: the burst of three must pass, and within ten
        // requests one must be refused; only ten requests each slower than a second would let all of them through.
        var statussen = new List<HttpStatusCode>();
        HttpResponseMessage? geweigerd = null;
        for (var i = 0; i < 10 && geweigerd is null; i++)
        {
            var antwoord = await host.Client.GetAsync(new Uri("/esis/v1/aanvragen/onbekend", UriKind.Relative));
            statussen.Add(antwoord.StatusCode);
            if (antwoord.StatusCode == HttpStatusCode.TooManyRequests)
            {
                geweigerd = antwoord;
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statussen.Take(3));
        Assert.NotNull(geweigerd);
        Assert.NotNull(geweigerd.Headers.RetryAfter);
        Assert.Contains("TE_VEEL_POGINGEN", await geweigerd.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Oso_MoreRequestsThanTheBurst_RefusedWithASoapFault()
    {
        await using var host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?>
        {
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:Burst"] = "1",
        });

        // As above: a slow first request may let the bucket refill, so the refusal must come within ten requests.
        var eerste = await host.Client.GetAsync(new Uri("/oso/v1/swv?wsdl", UriKind.Relative));
        HttpResponseMessage geweigerd = eerste;
        for (var i = 0; i < 10 && geweigerd.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            geweigerd = await host.Client.GetAsync(new Uri("/oso/v1/swv?wsdl", UriKind.Relative));
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, eerste.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, geweigerd.StatusCode);
        var fout = await geweigerd.Content.ReadAsStringAsync();
        Assert.Contains("Fault", fout, StringComparison.Ordinal);
        Assert.Contains("TE_VEEL_POGINGEN", fout, StringComparison.Ordinal);
    }
}
