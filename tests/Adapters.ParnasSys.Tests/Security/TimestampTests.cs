using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class TimestampTests
{
    [Fact]
    public async Task VerifyAsync_CreatedJustInsideTtlPlusSkew_Accepted()
    {
        // A longer Expires than our TTL, so only the Created + TTL + skew rule decides.
        var result = await VerifyAsync(Sign(at: TestPki.Now.AddSeconds(-359), timeToLive: TimeSpan.FromMinutes(10)));

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_StaleTimestamp_RefusedAsExpired()
    {
        var message = Sign(at: TestPki.Now.AddSeconds(-361), timeToLive: TimeSpan.FromMinutes(10));

        var result = await VerifyAsync(message);

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampExpired, "0011");
    }

    [Fact]
    public async Task VerifyAsync_ExpiresPassed_RefusedAsExpiresPassed()
    {
        var message = Sign(at: TestPki.Now.AddSeconds(-100), timeToLive: TimeSpan.FromSeconds(30));

        var result = await VerifyAsync(message);

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampExpiresPassed, "0011");
    }

    [Fact]
    public async Task VerifyAsync_CreatedWithinSkewInFuture_Accepted()
    {
        AssertAccepted(await VerifyAsync(Sign(at: TestPki.Now.AddSeconds(59))));
    }

    [Fact]
    public async Task VerifyAsync_CreatedBeyondSkewInFuture_RefusedAsFuture()
    {
        var result = await VerifyAsync(Sign(at: TestPki.Now.AddSeconds(61)));

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampInFuture, "0011");
    }

    [Fact]
    public async Task VerifyAsync_ConfiguredTolerances_AreUsed()
    {
        var options = Options() with { ClockSkew = TimeSpan.FromSeconds(5), MessageTtl = TimeSpan.FromSeconds(30) };

        var future = await VerifyAsync(Sign(at: TestPki.Now.AddSeconds(10)), options: options);
        var stale = await VerifyAsync(Sign(at: TestPki.Now.AddSeconds(-40)), options: options);

        AssertRefused(future, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampInFuture);
        AssertRefused(stale, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampExpired);
    }

    [Fact]
    public async Task VerifyAsync_MissingTimestamp_RefusedAsMissing()
    {
        var document = Load(Sign());
        WsseSecurity(document).RemoveChild(Timestamp(document));
        new Resigner().Resign(document, TestPki.Supplier);
        Assert.True(Resigner.NaiveVerifies(document, TestPki.Supplier));

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampMissing, "0001");
    }

    [Theory]
    [InlineData("2026-11-28T10:00:00+01:00")]
    [InlineData("2026-11-28T10:00:00")]
    [InlineData("28-11-2026 10:00:00Z")]
    [InlineData("")]
    public async Task VerifyAsync_CreatedNotUtc_RefusedAsTimestampInvalid(string created)
    {
        var document = Load(Sign());
        Select(document, "//wsu:Timestamp/wsu:Created").InnerText = created;
        new Resigner().Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampInvalid, "0011");
    }

    [Fact]
    public async Task VerifyAsync_TimestampWithoutCreated_RefusedAsTimestampInvalid()
    {
        var document = Load(Sign());
        var timestamp = Timestamp(document);
        timestamp.RemoveChild(Select(document, "//wsu:Timestamp/wsu:Created"));
        new Resigner().Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ExpiresBeforeCreated_RefusedAsTimestampInvalid()
    {
        var document = Load(Sign());
        Select(document, "//wsu:Timestamp/wsu:Expires").InnerText = WsSecuritySigner.FormatUtc(TestPki.Now.AddSeconds(-1));
        new Resigner().Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.BerichtVerlopen, VerificationReasons.TimestampInvalid);
    }

    [Fact]
    public async Task VerifyAsync_TamperedCreatedWithoutResigning_NotAccepted()
    {
        var document = Load(Sign(at: TestPki.Now.AddHours(-1), timeToLive: TimeSpan.FromHours(2)));
        Select(document, "//wsu:Timestamp/wsu:Created").InnerText = WsSecuritySigner.FormatUtc(TestPki.Now);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignatureInvalid);
    }

    [Theory]
    [InlineData("2023-03-24T15:05:38Z", 0)]
    [InlineData("2023-03-24T15:05:38.004Z", 40_000)]
    [InlineData("2023-03-24T15:05:38.123456789Z", 1_234_567)]
    [InlineData(" 2023-03-24T15:05:38.5Z ", 5_000_000)]
    public void TryParseUtc_ValidForms_Parsed(string text, long extraTicks)
    {
        Assert.True(WsSecurityVerifier.TryParseUtc(text, out var value));
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 15, 5, 38, TimeSpan.Zero).AddTicks(extraTicks), value);
    }

    [Theory]
    [InlineData("2023-03-24T15:05:38.Z")]
    [InlineData("2023-03-24T15:05:38.1234567890Z")]
    [InlineData("2023-02-30T15:05:38Z")]
    [InlineData("2023-03-24 15:05:38Z")]
    public void TryParseUtc_InvalidForms_Rejected(string text)
    {
        Assert.False(WsSecurityVerifier.TryParseUtc(text, out _));
    }
}
