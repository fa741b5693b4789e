using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Mapping;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Xunit.Abstractions;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// The streaming path for pulled dossiers. Every other verifier test also runs through it (see
/// <see cref="VerifierFactory.VerifyAsync"/>); these are the cases only a large or shelled message shows.
/// </summary>
[Collection(GeheugenCollectie.Naam)]
public sealed class StreamingVerificationTests(ITestOutputHelper uitvoer) : IDisposable
{
    private const string DossierNamespace = "urn:test:dossier";
    private const int Attachment = 10 * 1024 * 1024;
    private readonly string _map = Directory.CreateTempSubdirectory("oso-stream-").FullName;

    public void Dispose() => Directory.Delete(_map, recursive: true);

    private static bool IsDossier(XmlReader reader, int depthBelowBody) => depthBelowBody == 2 && reader.NamespaceURI == DossierNamespace;

    /// <summary>A documentResponse-like body whose dossier holds one base64 text of <paramref name="bytes"/> bytes.</summary>
    private static XmlElement GroteBody(int bytes)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        var response = document.CreateElement("oso", "documentResponse", OsoNamespace);
        var aanvraag = document.CreateElement("gw", "swvAanvraag", "urn:hulpvraag-gateway:oso:2026");
        aanvraag.InnerText = "TLV nieuw & <meer>";
        response.AppendChild(aanvraag);
        var dossier = document.CreateElement("d", "dossier", DossierNamespace);
        var inhoud = document.CreateElement("d", "bestandsinhoud", DossierNamespace);
        var data = new byte[bytes];
        new Random(42).NextBytes(data);
        inhoud.InnerText = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks);
        dossier.AppendChild(inhoud);
        response.AppendChild(dossier);
        document.AppendChild(response);
        return response;
    }

    private string Schrijf(byte[] message)
    {
        var pad = Path.Combine(_map, Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllBytes(pad, message);
        return pad;
    }

    /// <summary>The limits of the pulled-dossier verifier (OsoSleutels.Opgehaald), not those of the inbound endpoint.</summary>
    private static WsSecurityVerifier Opgehaald() => Create(new WsSecurityVerifierOptions
    {
        TrustPolicy = Options().TrustPolicy,
        MaxMessageBytes = 200 * 1024 * 1024,
        MaxElements = 200_000,
    });

    private static async Task<VerificationResult> VerifyFileAsync(string pad, WsSecurityVerifier? verifier = null)
    {
        await using var file = new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        return await (verifier ?? Opgehaald()).VerifyStreamingAsync(file, IsDossier, CancellationToken.None);
    }

    /// <remarks>
    /// The bound is a quarter of the attachment: one copy of the message as bytes (14 MiB) or of the base64 text as a
    /// string (28 MiB) exceeds it on its own. Allocation is counted process-wide, hence the collection without
    /// parallel tests.
    /// </remarks>
    [Fact]
    public async Task VerifyStreamingAsync_10MiBAttachment_AcceptedAndAllocatesFarLessThanTheMessage()
    {
        var pad = Schrijf(Sign(body: GroteBody(Attachment)));
        var verifier = Opgehaald();
        AssertAccepted(await VerifyFileAsync(Schrijf(Sign(body: GroteBody(1024))), verifier));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var voor = GC.GetTotalAllocatedBytes(precise: true);
        var result = await VerifyFileAsync(pad, verifier);
        var toegewezen = GC.GetTotalAllocatedBytes(precise: true) - voor;

        uitvoer.WriteLine($"message {new FileInfo(pad).Length:N0} bytes, allocated during VerifyStreamingAsync {toegewezen:N0} bytes");
        AssertAccepted(result);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(pad))), result.Message!.ContentSha256);
        Assert.InRange(toegewezen, 0, Attachment / 4);
    }

    [Fact]
    public async Task VerifyStreamingAsync_OneCharacterOfTheShelledAttachmentChanged_RefusedSignatureInvalid()
    {
        var message = Sign(body: GroteBody(256 * 1024));
        var tekst = Encoding.UTF8.GetString(message);
        var at = tekst.IndexOf("bestandsinhoud>", StringComparison.Ordinal) + 5000;
        var vervanger = tekst[at] == 'A' ? 'B' : 'A';
        var gewijzigd = Encoding.UTF8.GetBytes(string.Concat(tekst.AsSpan(0, at), vervanger.ToString(), tekst.AsSpan(at + 1)));

        AssertRefused(await VerifyFileAsync(Schrijf(gewijzigd)), "HANDTEKENING_ONGELDIG", VerificationReasons.SignatureInvalid);
    }

    [Fact]
    public async Task VerifyStreamingAsync_ShelledBody_VerifiedBodyKeepsTheShellWithoutItsContent()
    {
        var result = await VerifyFileAsync(Schrijf(Sign(body: GroteBody(64 * 1024))));

        AssertAccepted(result);
        var response = result.Message!.Body.ChildNodes.OfType<XmlElement>().Single();
        Assert.Equal("TLV nieuw & <meer>", response.FirstChild!.InnerText);
        var dossier = response.ChildNodes.OfType<XmlElement>().Last();
        Assert.Equal(("dossier", DossierNamespace, false), (dossier.LocalName, dossier.NamespaceURI, dossier.HasChildNodes));
    }

    [Fact]
    public async Task VerifyStreamingAsync_LongTextOutsideTheShells_RefusedAsTooLarge()
    {
        var body = GroteBody(16);
        body.FirstChild!.InnerText = new string('x', 2 * 1024 * 1024);

        var result = await VerifyFileAsync(Schrijf(Sign(body: body)));

        AssertRefused(result, "HANDTEKENING_ONGELDIG", VerificationReasons.MessageTooLarge);
    }

    [Fact]
    public async Task VerifyStreamingAsync_UnseekableStream_Throws()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream();
        await Assert.ThrowsAsync<ArgumentException>(async () => await Create().VerifyStreamingAsync(pipe, IsDossier, CancellationToken.None));
    }
}
