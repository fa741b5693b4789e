using System.Text;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>Issue 14.6: a sender speaking for another OIN, and a token padded with junk behind its certificate.</summary>
public sealed class SenderAndTokenLimitTests
{
    private static WsSecurityVerifierOptions SenderMustBeSigner => Options() with { RequireSenderIsSigner = true };

    [Fact]
    public async Task VerifyAsync_FromOinOfAnotherOrganisation_RefusedWhenSenderMustBeSigner()
    {
        // TestMessages addresses From with the school's OIN, the certificate carries the supplier's.
        var result = await VerifyAsync(Sign(), options: SenderMustBeSigner);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SenderNotSigner, "0011");
    }

    [Fact]
    public async Task VerifyAsync_FromOinOfTheSigner_AcceptedWhenSenderMustBeSigner()
    {
        var message = new WsSecuritySigner(TestPki.Supplier, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestPki.Now))
            .Sign(NotificatieBody(), new OutboundAddressing(To, NotificatieAction, "urn:uuid:" + Guid.NewGuid(), TestPki.SupplierOin));

        AssertAccepted(await VerifyAsync(message, options: SenderMustBeSigner));
    }

    [Fact]
    public async Task VerifyAsync_FromOinOfAnotherOrganisation_AcceptedByDefaultForRecordedVectors()
    {
        AssertAccepted(await VerifyAsync(Sign()));
    }

    [Fact]
    public async Task VerifyAsync_TokenWith900KbTrailingJunk_RefusedAsTokenTooLarge()
    {
        var document = Load(Sign());
        Token(document).AppendChild(document.CreateTextNode(new string('A', 900 * 1024)));

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TokenTooLarge, "0001");
        Assert.Contains("16 KB", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TokenWithLineBreaksWithinTheLimit_Accepted()
    {
        var document = Load(Sign());
        var token = Token(document);
        var base64 = token.InnerText;
        var builder = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 64)
        {
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append("\r\n");
        }

        token.InnerText = builder.ToString();

        AssertAccepted(await VerifyAsync(Save(document)));
    }
}
