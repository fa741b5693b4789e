using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// Issue 8: a pulled documentResponse whose Body carried its id as <c>ID</c> (or as <c>Id</c> beside <c>wsu:Id</c>)
/// got no streamed Body digest, so a dossier inserted after signing over an empty one verified in the streaming path.
/// Every id form on the Body, genuinely signed and tampered, through both paths with the real dossier shell.
/// </summary>
public sealed class BodyIdVariantTests
{
    public enum BodyIds
    {
        WsuIdOnly,
        IdOnly,
        UpperIdOnly,
        XmlIdOnly,
        WsuIdAndIdNamingWsuId,
        WsuIdAndIdNamingId,
        WsuIdAndUpperIdNamingWsuId,
        WsuIdAndUpperIdNamingUpperId,
        WsuIdAndXmlIdNamingXmlId,
    }

    /// <summary>The profile accepts only wsu:Id on signed parts (Edukoppeling): the Reference must name that one.</summary>
    private static bool NamesWsuId(BodyIds variant) =>
        variant is BodyIds.WsuIdOnly or BodyIds.WsuIdAndIdNamingWsuId or BodyIds.WsuIdAndUpperIdNamingWsuId;

    public static TheoryData<BodyIds> Variants() => new(Enum.GetValues<BodyIds>());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task VerifyBoth_DossierInsertedAfterSigning_RefusedInBothPaths(BodyIds variant)
    {
        var document = Load(Signed(variant));
        var dossier = (XmlElement)document.GetElementsByTagName("dossier", DossierOphaler.OsoDossierNamespace)[0]!;
        var leerling = dossier.AppendChild(document.CreateElement("d", "leerling", DossierOphaler.OsoDossierNamespace))!;
        leerling.InnerText = "Ingevoegd na ondertekening";

        var (inMemory, streamed) = await VerifyBothAsync(Save(document));

        Assert.False(streamed.IsSuccess, "the streaming path accepted a dossier inserted after signing");
        var reason = NamesWsuId(variant) ? VerificationReasons.SignatureInvalid : VerificationReasons.SignedPartIdNotWsuId;
        AssertRefused(inMemory, FoutCodes.HandtekeningOngeldig, reason, "0002");
        AssertRefused(streamed, FoutCodes.HandtekeningOngeldig, reason, "0002");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task VerifyBoth_GenuineMessage_SameVerdictInBothPathsAndOnlyWsuIdAccepted(BodyIds variant)
    {
        var (inMemory, streamed) = await VerifyBothAsync(Signed(variant));

        if (NamesWsuId(variant))
        {
            AssertAccepted(inMemory);
            AssertAccepted(streamed);
        }
        else
        {
            AssertRefused(inMemory, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignedPartIdNotWsuId, "0002");
            AssertRefused(streamed, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignedPartIdNotWsuId, "0002");
            Assert.Contains("wsu:Id", inMemory.Melding, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Id")]
    [InlineData("ID")]
    public async Task VerifyBoth_TimestampReferencedByPlainId_RefusedAsNotWsuId(string attribute)
    {
        var document = Load(Sign(body: DocumentResponse()));
        var timestamp = Timestamp(document);
        Rename(document, timestamp, attribute, "ts-plain");
        OwnResigner.Resign(document);

        var (inMemory, streamed) = await VerifyBothAsync(Save(document));

        AssertRefused(inMemory, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignedPartIdNotWsuId);
        AssertRefused(streamed, FoutCodes.HandtekeningOngeldig, VerificationReasons.SignedPartIdNotWsuId);
    }

    /// <summary>A documentResponse as DossierOphaler gets it, signed over an empty gegevensset dossier.</summary>
    internal static byte[] Signed(BodyIds variant)
    {
        var document = Load(Sign(body: DocumentResponse()));
        var body = Body(document);
        var wsuId = IdOf(body);
        var named = variant switch
        {
            BodyIds.WsuIdOnly or BodyIds.WsuIdAndIdNamingWsuId or BodyIds.WsuIdAndUpperIdNamingWsuId => wsuId,
            _ => "body-plain",
        };
        switch (variant)
        {
            case BodyIds.IdOnly:
                Rename(document, body, "Id", named);
                break;
            case BodyIds.UpperIdOnly:
                Rename(document, body, "ID", named);
                break;
            case BodyIds.XmlIdOnly:
                Rename(document, body, "xml:id", named);
                break;
            case BodyIds.WsuIdAndIdNamingWsuId:
            case BodyIds.WsuIdAndIdNamingId:
                body.SetAttribute("Id", "body-plain");
                break;
            case BodyIds.WsuIdAndUpperIdNamingWsuId:
            case BodyIds.WsuIdAndUpperIdNamingUpperId:
                body.SetAttribute("ID", "body-plain");
                break;
            case BodyIds.WsuIdAndXmlIdNamingXmlId:
                body.SetAttribute("id", WsNamespaces.Xml, "body-plain");
                break;
        }

        if (body.GetAttribute("Id", WsNamespaces.Wsu) == wsuId)
        {
            // Both ids present: the Reference names the one the variant says (Rename already re-pointed the others).
            Reference(document, wsuId).SetAttribute("URI", "#" + named);
        }

        OwnResigner.Resign(document);
        return Save(document);
    }

    /// <summary>Moves the element's id from wsu:Id to <paramref name="attribute"/> and points its Reference there.</summary>
    private static void Rename(XmlDocument document, XmlElement element, string attribute, string id)
    {
        var old = IdOf(element);
        element.RemoveAttribute("Id", WsNamespaces.Wsu);
        if (attribute == "xml:id")
        {
            element.SetAttribute("id", WsNamespaces.Xml, id);
        }
        else
        {
            element.SetAttribute(attribute, id);
        }

        Reference(document, old).SetAttribute("URI", "#" + id);
    }

    private static XmlElement Reference(XmlDocument document, string id) =>
        Signature(document).GetElementsByTagName("Reference", WsNamespaces.Ds).OfType<XmlElement>().Single(r => r.GetAttribute("URI") == "#" + id);

    internal static XmlElement DocumentResponse()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml($"""
            <oso:documentResponse xmlns:oso="{OsoNamespace}"><gw:swvAanvraag xmlns:gw="urn:hulpvraag-gateway:oso:2026"><gw:lasHulpvraagId>PS-1</gw:lasHulpvraagId></gw:swvAanvraag><dossier xmlns="{DossierOphaler.OsoDossierNamespace}"></dossier></oso:documentResponse>
            """);
        return document.DocumentElement!;
    }

    /// <summary>Both paths, the streaming one with the shell DossierOphaler uses; each verifier fresh (no replay memory).</summary>
    internal static async Task<(VerificationResult InMemory, VerificationResult Streamed)> VerifyBothAsync(byte[] message)
    {
        var inMemory = await Create().VerifyAsync(message, CancellationToken.None);
        using var stream = new MemoryStream(message, writable: false);
        var streamed = await Create().VerifyStreamingAsync(stream, DossierOphaler.IsDossier, CancellationToken.None);
        return (inMemory, streamed);
    }
}
