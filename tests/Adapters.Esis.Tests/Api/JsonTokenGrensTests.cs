using System.Net;
using System.Text;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Api;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

/// <summary>
/// No JSON token may grow past the largest legal field (issue 14.2): a 70 MB text is refused within its first few megabytes,
/// a 70 MB attachment after the largest legal one (15 MiB), while it streams in, instead of being buffered whole.
/// </summary>
public sealed class JsonTokenGrensTests
{
    /// <summary>Produces <c>{"zorgvraag":"xxxx…</c> of the given length without holding it: a body nobody has to allocate.</summary>
    internal sealed class LangeTekenreeks(long lengte, string begin = "{\"zorgvraag\":\"") : Stream
    {
        private readonly byte[] _begin = Encoding.ASCII.GetBytes(begin);
        private long _positie;

        public long Gelezen => _positie;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var totaal = _begin.Length + lengte;
            var n = (int)Math.Min(count, totaal - _positie);
            for (var i = 0; i < n; i++)
            {
                var p = _positie + i;
                buffer[offset + i] = p < _begin.Length ? _begin[p] : (byte)'x';
            }

            _positie += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed record Voorbeeld(string? A, string? B, List<JsonElement>? C);

    [Fact]
    public async Task Deserialize_SeventyMegabyteText_IsRefusedWithinTheFirstMegabytes()
    {
        var bron = new LangeTekenreeks(70L * 1024 * 1024);
        using var grens = new JsonTokenGrens(bron, JsonTokenGrens.StandaardMaxInhoud);

        await Assert.ThrowsAsync<JsonTokenTeLangException>(async () => await JsonSerializer.DeserializeAsync<Voorbeeld>(grens));

        Assert.InRange(bron.Gelezen, JsonTokenGrens.StandaardMaxTekst, 4L * JsonTokenGrens.StandaardMaxTekst);
    }

    [Fact]
    public async Task Deserialize_SeventyMegabyteInhoud_IsRefusedAfterTheLargestLegalAttachment()
    {
        var bron = new LangeTekenreeks(70L * 1024 * 1024, "{\"bijlagen\":[{\"bestandsnaam\":\"a.pdf\", \"inhoud\" : \"");
        using var grens = new JsonTokenGrens(bron, JsonTokenGrens.StandaardMaxInhoud);

        await Assert.ThrowsAsync<JsonTokenTeLangException>(async () => await JsonSerializer.DeserializeAsync<Voorbeeld>(grens));

        Assert.InRange(bron.Gelezen, JsonTokenGrens.StandaardMaxInhoud, 2 * JsonTokenGrens.StandaardMaxInhoud);
    }

    [Fact]
    public async Task Deserialize_EscapesQuotesAndBareValues_PassUnchanged()
    {
        var json = "{\"a\":\"x\\\"y\\\\\",\"b\":\"\\u00e9\",\"c\":[1,-2.5e3,true,false,null,{\"d\":\"\"}]}";
        using var grens = new JsonTokenGrens(new MemoryStream(Encoding.UTF8.GetBytes(json)), 10, maxTekst: 10);

        var v = await JsonSerializer.DeserializeAsync<Voorbeeld>(grens, JsonSerializerOptions.Web);

        Assert.Equal(("x\"y\\", "é", 6), (v!.A, v.B, v.C!.Count));
    }

    [Theory]
    [InlineData("{\"a\":\"elf tekens!\"}")]
    [InlineData("{\"c\":[123456789012345]}")]
    public async Task Deserialize_TokenOverTheLimit_IsRefused(string json)
    {
        using var grens = new JsonTokenGrens(new MemoryStream(Encoding.UTF8.GetBytes(json)), 10, maxTekst: 10, maxWaarde: 10);

        await Assert.ThrowsAsync<JsonTokenTeLangException>(async () => await JsonSerializer.DeserializeAsync<Voorbeeld>(grens, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Put_ChunkedBodyWithFortyMegabyteString_Is413WithCode()
    {
        await using var gw = await EsisGateway.StartAsync(new SqliteTarget());
        const string code = "12AB00-regenboog-2026-x7";
        await gw.RegistreerAsync(code);
        using var inhoud = new StreamContent(new LangeTekenreeks(40L * 1024 * 1024));
        inhoud.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await gw.SendAsync(HttpMethod.Put, "/esis/v1/aanvragen/G-1", code, inhoud);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("BIJLAGE_TE_GROOT", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
