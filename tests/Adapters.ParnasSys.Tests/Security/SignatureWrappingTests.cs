using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// XML signature wrapping: the signed element is moved somewhere harmless and a forged one takes its place. Each
/// attack is first shown to pass a naive verifier (ids resolved anywhere in the document), so the refusal proves
/// the strict placement checks, not a broken signature.
/// </summary>
public sealed class SignatureWrappingTests
{
    public enum Placement
    {
        /// <summary>Directly under soapenv:Header as a header block of its own.</summary>
        HeaderBlock,

        /// <summary>Inside a wsa:ReplyTo/wsa:ReferenceParameters, an allowed header with free content.</summary>
        ReplyToReferenceParameters,

        /// <summary>Inside a ds:Object in the Signature.</summary>
        SignatureObject,
    }

    public enum ForgedId
    {
        None,
        Same,
        New,
    }

    public static TheoryData<Placement, ForgedId, string> Cases()
    {
        // A repeated wsu:Id is refused by the streaming pass, before any placement check.
        var data = new TheoryData<Placement, ForgedId, string>();
        foreach (var forged in Enum.GetValues<ForgedId>())
        {
            var same = forged == ForgedId.Same;
            data.Add(Placement.HeaderBlock, forged, same ? VerificationReasons.DuplicateId : VerificationReasons.UnknownHeader);
            data.Add(Placement.SignatureObject, forged, same ? VerificationReasons.DuplicateId : VerificationReasons.SignatureStructureInvalid);
            data.Add(Placement.ReplyToReferenceParameters, forged, same ? VerificationReasons.DuplicateId : VerificationReasons.ReferenceTargetMisplaced);
        }

        return data;
    }

    /// <summary>Wrapping of wsa headers cannot be a header block of its own (that would be a second To), so no HeaderBlock.</summary>
    public static TheoryData<Placement, ForgedId, string> AddressingCases()
    {
        var data = new TheoryData<Placement, ForgedId, string>();
        foreach (var forged in Enum.GetValues<ForgedId>())
        {
            var same = forged == ForgedId.Same;
            data.Add(Placement.SignatureObject, forged, same ? VerificationReasons.DuplicateId : VerificationReasons.SignatureStructureInvalid);
            data.Add(Placement.ReplyToReferenceParameters, forged, same ? VerificationReasons.DuplicateId : VerificationReasons.ReferenceTargetMisplaced);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_BodyWrapped_Refused(Placement placement, ForgedId forgedId, string reason)
    {
        var document = Load(Sign());
        var original = Body(document);
        var forged = CreateWsuElement(document, "soapenv", "Body", WsNamespaces.Soap11, ForgedIdValue(original, forgedId));
        forged.AppendChild(document.ImportNode(NotificatieBody("00000000-0000-0000-0000-00000000BAD1"), true));

        Move(document, original, placement);
        document.DocumentElement!.AppendChild(forged);

        await AssertWrappingRefusedAsync(document, reason, forgedId);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_TimestampWrapped_Refused(Placement placement, ForgedId forgedId, string reason)
    {
        // Signed an hour ago (stale); the forged Timestamp claims "now".
        var document = Load(Sign(at: TestPki.Now.AddHours(-1)));
        var original = Timestamp(document);
        var forged = CreateWsuElement(document, "wsu", "Timestamp", WsNamespaces.Wsu, ForgedIdValue(original, forgedId));
        AppendText(forged, "wsu", "Created", WsNamespaces.Wsu, WsSecuritySigner.FormatUtc(TestPki.Now));
        AppendText(forged, "wsu", "Expires", WsNamespaces.Wsu, WsSecuritySigner.FormatUtc(TestPki.Now.AddMinutes(5)));

        Move(document, original, placement);
        WsseSecurity(document).AppendChild(forged);

        await AssertWrappingRefusedAsync(document, reason, forgedId);
    }

    [Theory]
    [MemberData(nameof(AddressingCases))]
    public async Task VerifyAsync_ToWrapped_Refused(Placement placement, ForgedId forgedId, string reason)
    {
        await WrapAddressingAsync("To", "https://attacker.test/oso?oin=00000099000000006666", placement, forgedId, reason);
    }

    [Theory]
    [MemberData(nameof(AddressingCases))]
    public async Task VerifyAsync_ActionWrapped_Refused(Placement placement, ForgedId forgedId, string reason)
    {
        await WrapAddressingAsync("Action", OsoNamespace + "/terugkoppelingRequest", placement, forgedId, reason);
    }

    [Fact]
    public async Task VerifyAsync_ToMovedAsSecondHeaderBlock_RefusedAsDuplicateHeader()
    {
        var document = Load(Sign());
        var original = Addressing(document, "To");
        var forged = CreateWsuElement(document, "wsa", "To", WsNamespaces.Wsa, null);
        forged.InnerText = "https://attacker.test/";
        Header(document).InsertBefore(forged, original);

        await AssertWrappingRefusedAsync(document, VerificationReasons.DuplicateHeader, ForgedId.None);
    }

    [Fact]
    public async Task VerifyAsync_IdOccursTwiceAsWsuId_RefusedAsDuplicateId()
    {
        var document = Load(Sign());
        var copy = CreateWsuElement(document, "x", "Extra", "urn:x", IdOf(Body(document)));
        Body(document).FirstChild!.AppendChild(copy);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateId, "0002");
    }

    [Fact]
    public async Task VerifyAsync_IdOccursTwiceAsPlainId_RefusedAsDuplicateId()
    {
        var document = Load(Sign());
        var copy = document.CreateElement("x", "Extra", "urn:x");
        copy.SetAttribute("Id", IdOf(Timestamp(document)));
        Body(document).FirstChild!.AppendChild(copy);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateId, "0002");
    }

    [Fact]
    public async Task VerifyAsync_UnreferencedWsuIdRepeated_RefusedAsDuplicateId()
    {
        var document = Load(Sign());
        var inner = (XmlElement)Body(document).FirstChild!;
        inner.AppendChild(CreateWsuElement(document, "x", "A", "urn:x", "business-1"));
        inner.AppendChild(CreateWsuElement(document, "x", "B", "urn:x", "business-1"));
        new Resigner().Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateId);
    }

    [Fact]
    public async Task VerifyAsync_UnreferencedPlainIdRepeatedInPayload_Accepted()
    {
        var body = NotificatieBody();
        foreach (var name in new[] { "a", "b" })
        {
            var element = body.OwnerDocument.CreateElement("x", name, "urn:x");
            element.SetAttribute("id", "regel-1");
            body.AppendChild(element);
        }

        var result = await VerifyAsync(Sign(body: body));

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_TokenIdOccursTwice_RefusedAsKeyInfoInvalid()
    {
        var document = Load(Sign());
        var copy = document.CreateElement("x", "Extra", "urn:x");
        copy.SetAttribute("ID", IdOf(Token(document)));
        Body(document).FirstChild!.AppendChild(copy);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.KeyInfoInvalid);
    }

    [Fact]
    public async Task VerifyAsync_ReferenceToElementInsideBody_RefusedAsMisplaced()
    {
        var document = Load(Sign());
        var inner = (XmlElement)Body(document).FirstChild!;
        var attribute = document.CreateAttribute("wsu", "Id", WsNamespaces.Wsu);
        attribute.Value = "inner-1";
        inner.Attributes.Append(attribute);
        var ids = Resigner.DefaultReferenceIds(document).Append("inner-1").ToList();
        new Resigner { ReferenceIds = ids }.Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.ReferenceTargetMisplaced);
    }

    [Fact]
    public async Task VerifyAsync_TwoReferencesToBody_RefusedAsDuplicateReference()
    {
        var document = Load(Sign());
        var ids = Resigner.DefaultReferenceIds(document).Append(IdOf(Body(document))).ToList();
        new Resigner { ReferenceIds = ids }.Resign(document, TestPki.Supplier);

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DuplicateReference);
    }

    [Fact]
    public async Task VerifyAsync_ReferenceToUnknownId_RefusedAsTargetNotFound()
    {
        var document = Load(Sign());
        var reference = Select(document, "//ds:Reference");
        reference.SetAttribute("URI", "#does-not-exist");

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.ReferenceTargetNotFound);
    }

    [Theory]
    [InlineData("Body")]
    [InlineData("Timestamp")]
    [InlineData("To")]
    [InlineData("Action")]
    [InlineData("MessageID")]
    [InlineData("From")]
    public async Task VerifyAsync_RequiredPartNotReferenced_RefusedAsNotSigned(string part)
    {
        var document = Load(Sign());
        var element = part switch
        {
            "Body" => Body(document),
            "Timestamp" => Timestamp(document),
            _ => Addressing(document, part),
        };
        var ids = Resigner.DefaultReferenceIds(document).Where(id => id != IdOf(element)).ToList();
        new Resigner { ReferenceIds = ids }.Resign(document, TestPki.Supplier);
        Assert.True(Resigner.NaiveVerifies(document, TestPki.Supplier));

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.RequiredPartNotSigned, "0002");
    }

    private static async Task WrapAddressingAsync(string header, string forgedValue, Placement placement, ForgedId forgedId, string reason)
    {
        var document = Load(Sign());
        var original = Addressing(document, header);
        var forged = CreateWsuElement(document, "wsa", header, WsNamespaces.Wsa, ForgedIdValue(original, forgedId));
        forged.InnerText = forgedValue;
        Header(document).InsertBefore(forged, original);
        Move(document, original, placement);

        await AssertWrappingRefusedAsync(document, reason, forgedId);
    }

    private static async Task AssertWrappingRefusedAsync(XmlDocument document, string reason, ForgedId forgedId)
    {
        Assert.True(Resigner.NaiveVerifies(document, TestPki.Supplier), "the attack should be cryptographically valid for a naive verifier");

        var result = await VerifyAsync(Save(document));

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, reason);
        if (forgedId == ForgedId.None)
        {
            Assert.DoesNotContain("BAD1", result.Melding, StringComparison.Ordinal);
        }
    }

    private static string? ForgedIdValue(XmlElement original, ForgedId forgedId) => forgedId switch
    {
        ForgedId.None => null,
        ForgedId.Same => IdOf(original),
        _ => "forged-" + Guid.NewGuid().ToString("N"),
    };

    private static void Move(XmlDocument document, XmlElement original, Placement placement)
    {
        original.ParentNode!.RemoveChild(original);
        switch (placement)
        {
            // The moved original goes first in document order: a first-match id lookup then finds it, which is
            // what makes the same-id variant work against naive verifiers.
            case Placement.HeaderBlock:
                Header(document).PrependChild(original);
                break;
            case Placement.ReplyToReferenceParameters:
                var replyTo = document.CreateElement("wsa", "ReplyTo", WsNamespaces.Wsa);
                AppendText(replyTo, "wsa", "Address", WsNamespaces.Wsa, WsNamespaces.AnonymousAddress);
                var parameters = document.CreateElement("wsa", "ReferenceParameters", WsNamespaces.Wsa);
                parameters.AppendChild(original);
                replyTo.AppendChild(parameters);
                Header(document).PrependChild(replyTo);
                break;
            default:
                var wrapper = document.CreateElement("ds", "Object", WsNamespaces.Ds);
                wrapper.AppendChild(original);
                Signature(document).AppendChild(wrapper);
                break;
        }
    }

    private static void AppendText(XmlElement parent, string prefix, string localName, string namespaceUri, string text)
    {
        var child = parent.OwnerDocument.CreateElement(prefix, localName, namespaceUri);
        child.InnerText = text;
        parent.AppendChild(child);
    }
}
