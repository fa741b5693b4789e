using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class EnvelopeStructureTests
{
    private static async Task<VerificationResult> MutateAndVerifyAsync(Action<XmlDocument> mutate, bool resign = false)
    {
        var document = Load(Sign());
        mutate(document);
        if (resign)
        {
            new Resigner().Resign(document, TestPki.Supplier);
        }

        return await VerifyAsync(Save(document));
    }

    [Fact]
    public async Task VerifyAsync_Soap12Envelope_RefusedAsVersionMismatch()
    {
        var xml = Save(Load(Sign())).AsSpan().ToArray();
        var text = System.Text.Encoding.UTF8.GetString(xml).Replace(WsNamespaces.Soap11, WsNamespaces.Soap12, StringComparison.Ordinal);

        var result = await VerifyAsync(System.Text.Encoding.UTF8.GetBytes(text));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SoapVersionMismatch, "0001");
    }

    [Fact]
    public async Task VerifyAsync_EnvelopeInOtherNamespace_RefusedAsNotSoap11()
    {
        var text = System.Text.Encoding.UTF8.GetString(Sign()).Replace(WsNamespaces.Soap11, "urn:example:envelope", StringComparison.Ordinal);

        var result = await VerifyAsync(System.Text.Encoding.UTF8.GetBytes(text));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.NotSoap11Envelope, "0001");
    }

    [Fact]
    public async Task VerifyAsync_UnknownHeaderBlock_RefusedWith0010()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var custom = d.CreateElement("x", "Tracking", "urn:example:tracking");
            custom.InnerText = "abc";
            Header(d).AppendChild(custom);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.UnknownHeader, "0010");
        Assert.Contains("'Tracking'", result.Melding, StringComparison.Ordinal);
        Assert.DoesNotContain("urn:example:tracking", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_UnknownHeaderBlockEvenWhenSigned_RefusedWith0010()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var custom = CreateWsuElement(d, "x", "Tracking", "urn:example:tracking", "tracking-1");
            Header(d).AppendChild(custom);
        }, resign: true);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.UnknownHeader, "0010");
    }

    [Fact]
    public async Task VerifyAsync_UnknownWsaHeader_RefusedWith0010()
    {
        var result = await MutateAndVerifyAsync(d => Header(d).AppendChild(d.CreateElement("wsa", "Custom", WsNamespaces.Wsa)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.UnknownHeader, "0010");
    }

    [Fact]
    public async Task VerifyAsync_SecondSecurityHeader_RefusedAsDuplicateHeader()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            // Without ids, so the streaming duplicate-id rule does not fire first.
            var copy = (XmlElement)WsseSecurity(d).CloneNode(true);
            foreach (XmlElement element in copy.SelectNodes("descendant-or-self::*")!)
            {
                element.RemoveAttribute("Id", WsNamespaces.Wsu);
            }

            Header(d).AppendChild(copy);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateHeader, "0001");
    }

    [Fact]
    public async Task VerifyAsync_SecondSecurityHeaderVerbatimCopy_RefusedAsDuplicateId()
    {
        var result = await MutateAndVerifyAsync(d => Header(d).AppendChild(WsseSecurity(d).CloneNode(true)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateId);
    }

    [Fact]
    public async Task VerifyAsync_SecondSignature_RefusedAsSecurityStructure()
    {
        var result = await MutateAndVerifyAsync(d => WsseSecurity(d).AppendChild(Signature(d).CloneNode(true)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityStructureInvalid, "0001");
    }

    [Fact]
    public async Task VerifyAsync_SecondTimestamp_RefusedAsSecurityStructure()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var copy = (XmlElement)Timestamp(d).CloneNode(true);
            copy.RemoveAttribute("Id", WsNamespaces.Wsu);
            WsseSecurity(d).PrependChild(copy);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_SecondToken_RefusedAsSecurityStructure()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var copy = (XmlElement)Token(d).CloneNode(true);
            copy.RemoveAttribute("Id", WsNamespaces.Wsu);
            WsseSecurity(d).AppendChild(copy);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_UnexpectedElementInSecurity_RefusedAsSecurityStructure()
    {
        var result = await MutateAndVerifyAsync(d => WsseSecurity(d).AppendChild(d.CreateElement("wsse", "UsernameToken", WsNamespaces.Wsse)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_SecondBody_RefusedAsEnvelopeStructure()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var copy = (XmlElement)Body(d).CloneNode(true);
            copy.RemoveAttribute("Id", WsNamespaces.Wsu);
            d.DocumentElement!.AppendChild(copy);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.EnvelopeStructureInvalid, "0001");
    }

    [Fact]
    public async Task VerifyAsync_ElementAfterBody_RefusedAsEnvelopeStructure()
    {
        var result = await MutateAndVerifyAsync(d => d.DocumentElement!.AppendChild(d.CreateElement("x", "Trailer", "urn:x")));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.EnvelopeStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_MissingHeader_RefusedAsEnvelopeStructure()
    {
        var result = await MutateAndVerifyAsync(d => d.DocumentElement!.RemoveChild(Header(d)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.EnvelopeStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_MissingSecurity_RefusedAsSecurityMissing()
    {
        var result = await MutateAndVerifyAsync(d => Header(d).RemoveChild(WsseSecurity(d)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityHeaderMissing);
    }

    [Fact]
    public async Task VerifyAsync_MissingSignature_RefusedAsSecurityStructure()
    {
        var result = await MutateAndVerifyAsync(d => WsseSecurity(d).RemoveChild(Signature(d)));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.SecurityStructureInvalid);
    }

    [Fact]
    public async Task VerifyAsync_SecondMessageId_RefusedAsDuplicateHeader()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var second = d.CreateElement("wsa", "MessageID", WsNamespaces.Wsa);
            second.InnerText = "urn:uuid:" + Guid.NewGuid();
            Header(d).AppendChild(second);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateHeader, "0001");
    }

    [Theory]
    [InlineData("To", VerificationReasons.ToMissing, "0005")]
    [InlineData("Action", VerificationReasons.ActionMissing, "0006")]
    [InlineData("MessageID", VerificationReasons.MessageIdMissing, "0007")]
    public async Task VerifyAsync_MissingAddressingHeader_RefusedWithDigikoppelingCode(string header, string reason, string code)
    {
        var result = await MutateAndVerifyAsync(d => Header(d).RemoveChild(Addressing(d, header)), resign: true);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, reason, code);
    }

    [Fact]
    public async Task VerifyAsync_FromWithoutOin_RefusedAsAddressingValue()
    {
        var result = await MutateAndVerifyAsync(d =>
            Select(d, "/soapenv:Envelope/soapenv:Header/wsa:From/wsa:Address").InnerText = WsNamespaces.AnonymousAddress, resign: true);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.AddressingValueInvalid, "0011");
    }

    [Fact]
    public async Task VerifyAsync_EmptyMessageId_RefusedAsAddressingValue()
    {
        var result = await MutateAndVerifyAsync(d => Addressing(d, "MessageID").InnerText = " ", resign: true);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.AddressingValueInvalid, "0011");
    }

    [Fact]
    public async Task VerifyAsync_CommentInsideSignedTo_RefusedAsAddressingValue()
    {
        // Exclusive c14n drops comments, so the digest would still match; the value must not be read around it.
        var result = await MutateAndVerifyAsync(d =>
        {
            var to = Addressing(d, "To");
            to.InsertAfter(d.CreateComment("x"), to.FirstChild);
        });

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.AddressingValueInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ToForAnotherRecipient_RefusedWith0011()
    {
        var message = Sign();
        var options = Options() with { ExpectedRecipientOin = "00000099000000009999" };

        var result = await VerifyAsync(message, options: options);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.RecipientMismatch, "0011");
    }

    [Fact]
    public async Task VerifyAsync_ToForThisRecipient_Accepted()
    {
        var result = await VerifyAsync(Sign(), options: Options() with { ExpectedRecipientOin = GatewayOin });

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_SignedReplyToPresent_Accepted()
    {
        var result = await MutateAndVerifyAsync(d =>
        {
            var replyTo = CreateWsuElement(d, "wsa", "ReplyTo", WsNamespaces.Wsa, "reply-1");
            var address = d.CreateElement("wsa", "Address", WsNamespaces.Wsa);
            address.InnerText = WsNamespaces.AnonymousAddress;
            replyTo.AppendChild(address);
            Header(d).AppendChild(replyTo);
        }, resign: true);

        AssertAccepted(result);
        Assert.Equal(WsNamespaces.AnonymousAddress, result.Message!.ReplyToAddress);
    }
}
