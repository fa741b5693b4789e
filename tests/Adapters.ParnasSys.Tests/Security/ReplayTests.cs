using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class ReplayTests
{
    [Fact]
    public async Task VerifyAsync_SameMessageTwice_SecondIsRepeat()
    {
        var store = new InMemoryReplayStore();
        var verifier = Create(replayStore: store);
        var message = Sign();

        var first = await verifier.VerifyAsync(message, CancellationToken.None);
        var second = await verifier.VerifyAsync(message, CancellationToken.None);

        AssertAccepted(first);
        AssertAccepted(second);
        Assert.False(first.Message!.IsRepeat);
        Assert.True(second.Message!.IsRepeat);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task VerifyAsync_SameMessageIdOtherContent_RefusedAsReplayed()
    {
        var verifier = Create();
        var messageId = "urn:uuid:" + Guid.NewGuid();

        var first = await verifier.VerifyAsync(Sign(messageId: messageId), CancellationToken.None);
        var second = await verifier.VerifyAsync(Sign(messageId: messageId, body: NotificatieBody("00000000-0000-0000-0000-000000000002")), CancellationToken.None);

        AssertAccepted(first);
        AssertRefused(second, FoutCodes.BerichtHerhaald, VerificationReasons.MessageReplayed, "0011");
    }

    [Fact]
    public async Task VerifyAsync_SameMessageIdFromOtherSigner_IsNew()
    {
        var verifier = Create();
        var messageId = "urn:uuid:" + Guid.NewGuid();

        var first = await verifier.VerifyAsync(Sign(messageId: messageId), CancellationToken.None);
        var second = await verifier.VerifyAsync(Sign(TestPki.OtherSupplier, messageId: messageId), CancellationToken.None);

        AssertAccepted(first);
        AssertAccepted(second);
        Assert.False(second.Message!.IsRepeat);
        Assert.Equal(TestPki.OtherSupplierOin, second.Message.SignerOin);
    }

    [Fact]
    public async Task VerifyAsync_Remembered_AtLeastTtlPlusSkew()
    {
        var store = new InMemoryReplayStore();
        var message = Sign();

        var result = await Create(replayStore: store).VerifyAsync(message, CancellationToken.None);

        AssertAccepted(result);
        var keepUntil = store.KeepUntil(TestPki.SupplierOin, result.Message!.MessageId);
        Assert.NotNull(keepUntil);
        Assert.True(keepUntil >= TestPki.Now + TimeSpan.FromSeconds(360));
    }

    [Fact]
    public async Task VerifyAsync_RefusedMessage_IsNotRemembered()
    {
        var store = new InMemoryReplayStore();
        var document = Load(Sign());
        Select(document, "//ds:SignatureValue").InnerText = Convert.ToBase64String(new byte[256]);

        var result = await Create(replayStore: store).VerifyAsync(Save(document), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(0, store.Count);
    }
}
