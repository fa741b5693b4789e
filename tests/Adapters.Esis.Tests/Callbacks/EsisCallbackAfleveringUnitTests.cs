using System.Net;
using Hulpvraag.Adapters.Esis.Callbacks;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.Esis.Tests.Callbacks;

public sealed class EsisCallbackAfleveringUnitTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, "afgeleverd")]
    [InlineData(HttpStatusCode.NoContent, "afgeleverd")]
    [InlineData(HttpStatusCode.RequestTimeout, "later")]
    [InlineData(HttpStatusCode.TooManyRequests, "later")]
    [InlineData(HttpStatusCode.InternalServerError, "later")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "later")]
    [InlineData(HttpStatusCode.BadRequest, "dood")]
    [InlineData(HttpStatusCode.NotFound, "dood")]
    [InlineData(HttpStatusCode.Gone, "dood")]
    public void Beoordeel_StatusCode_DecidesTheOutcome(HttpStatusCode status, string verwacht)
    {
        var uitkomst = EsisCallbackAflevering.Beoordeel(status, "x", null, null);

        Assert.Equal(verwacht, uitkomst switch
        {
            AfleverUitkomst.Afgeleverd => "afgeleverd",
            AfleverUitkomst.LaterOpnieuw => "later",
            _ => "dood",
        });
    }

    [Fact]
    public void Beoordeel_RefusalWithBody_RecordsStatusTypeAndLengthNotTheBody()
    {
        var uitkomst = EsisCallbackAflevering.Beoordeel(HttpStatusCode.BadRequest, "Bad Request", "application/json", 57);

        var reden = Assert.IsType<AfleverUitkomst.Onbestelbaar>(uitkomst).Reden;
        Assert.Equal("HTTP 400 Bad Request (application/json, 57 bytes)", reden);
    }

    [Fact]
    public void Onderteken_KnownInput_MatchesAnIndependentHmac()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var tijd = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

        var header = EsisCallbackAflevering.Onderteken("geheim", tijd, body);

        using var hmac = new System.Security.Cryptography.HMACSHA256("geheim"u8.ToArray());
        var verwacht = Convert.ToHexStringLower(hmac.ComputeHash("1795000000.{\"a\":1}"u8.ToArray()));
        Assert.Equal($"t=1795000000,v1={verwacht}", header);
    }
}
