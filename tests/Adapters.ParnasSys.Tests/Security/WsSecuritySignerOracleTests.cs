using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// The signer builds ds:Signature itself with <see cref="ExclusiveC14n"/>; these tests hold it to the SignedXml signer it
/// replaced (<see cref="StrictSignedXml"/>, byte for byte, since RSA PKCS#1 v1.5 is deterministic), to
/// <c>SignedXml.CheckSignature</c>, to our verifier and to xmlsec1, also for body content that exercises the c14n rules.
/// </summary>
public sealed class WsSecuritySignerOracleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hulpvraag-signer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Namespaces declared, redeclared, reset and unused; attribute order; escaping in text and attributes; comments,
    /// processing instructions, CDATA, non-ASCII and a surrogate pair; an xml:lang inside the signed part. Characters
    /// that do not survive the signer's serialisation (CR, and TAB/LF in attributes) are left out on purpose: see
    /// <see cref="Sign_CarriageReturnInBodyText_StillVerifiesLikeBefore"/>.
    /// </summary>
    private const string AwkwardBody = """
        <p:root xmlns:p="urn:p" xmlns="urn:default" xmlns:unused="urn:unused" b="2" a="1" p:z="&quot;q&quot; &lt;&amp;&gt; 'a'">
          <child xml:lang="nl">text &amp; &lt; &gt; "quotes" 'apos' é € 𝄞</child>
          <!-- a comment, dropped by exc-c14n -->
          <?pi some data?>
          <![CDATA[ cdata <&> ]]>
          <empty/>
          <inner xmlns="">no namespace</inner>
          <wsu:x xmlns:wsu="urn:not-wsu" wsu:a="v">the wsu prefix bound elsewhere</wsu:x>
          <p:deep xmlns:p="urn:p2"><p:deeper p:y="1"/></p:deep>
          <soapenv:y xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">envelope namespace again</soapenv:y>
        </p:root>
        """;

    public static TheoryData<string> Bodies() => new() { "notificatie", "awkward" };

    private static XmlElement BodyContent(string name)
    {
        if (name == "notificatie")
        {
            return TestMessages.NotificatieBody();
        }

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(AwkwardBody);
        return document.DocumentElement!;
    }

    private static byte[] SignWithNewSigner(string body, string? relatesTo = "urn:uuid:request-1") =>
        TestMessages.Sign(body: BodyContent(body), relatesTo: relatesTo);

    /// <summary>
    /// The signer as it was before: the same envelope (taken from <paramref name="message"/>, whose ds:Signature is
    /// dropped) signed by SignedXml with exactly the old settings, saved with the same writer settings.
    /// </summary>
    private static string SignLikeBefore(byte[] message, X509Certificate2 certificate)
    {
        var document = TestMessages.Load(message);
        var security = TestMessages.WsseSecurity(document);
        security.RemoveChild(TestMessages.Signature(document));
        var ns = TestMessages.Namespaces(document);

        // The old signer filled a Dictionary in this order: Timestamp, the wsa headers as appended, Body.
        var targets = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (var element in new[] { TestMessages.Timestamp(document) }
                     .Concat(document.SelectNodes("/soapenv:Envelope/soapenv:Header/wsa:*", ns)!.Cast<XmlElement>())
                     .Append(TestMessages.Body(document)))
        {
            targets.Add(TestMessages.IdOf(element), element);
        }

        using var key = certificate.GetRSAPrivateKey()!;
        var signedXml = new StrictSignedXml(security, targets) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        foreach (var id in targets.Keys)
        {
            var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
            reference.AddTransform(new XmlDsigExcC14NTransform());
            signedXml.AddReference(reference);
        }

        var tokenReference = document.CreateElement("wsse", "SecurityTokenReference", WsNamespaces.Wsse);
        var strReference = (XmlElement)tokenReference.AppendChild(document.CreateElement("wsse", "Reference", WsNamespaces.Wsse))!;
        strReference.SetAttribute("URI", "#" + TestMessages.IdOf(TestMessages.Token(document)));
        strReference.SetAttribute("ValueType", WsNamespaces.X509v3ValueType);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoNode(tokenReference));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        security.AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));

        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.None };
        using (var writer = XmlWriter.Create(output, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>SignedXml.CheckSignature with the certificate's key, References resolved only to the pinned targets.</summary>
    private static bool SignedXmlVerifies(byte[] message, X509Certificate2 certificate)
    {
        var document = TestMessages.Load(message);
        var signature = TestMessages.Signature(document);
        var targets = PinnedTargets(document);
        var signedXml = new StrictSignedXml(signature, targets);
        signedXml.LoadXml(signature);
        using var key = certificate.GetRSAPublicKey()!;
        return signedXml.CheckSignature(key);
    }

    private static Dictionary<string, XmlElement> PinnedTargets(XmlDocument document)
    {
        var ns = TestMessages.Namespaces(document);
        var targets = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (XmlElement element in document.SelectNodes("//*[@wsu:Id]", ns)!)
        {
            targets.Add(TestMessages.IdOf(element), element);
        }

        return targets;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Sign_AnyBody_ByteIdenticalToSignedXmlSigner(string body)
    {
        var message = SignWithNewSigner(body);

        Assert.Equal(SignLikeBefore(message, TestPki.Supplier), Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void Sign_WithoutRelatesTo_ByteIdenticalToSignedXmlSigner()
    {
        var message = SignWithNewSigner("notificatie", relatesTo: null);

        Assert.Equal(SignLikeBefore(message, TestPki.Supplier), Encoding.UTF8.GetString(message));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Sign_AnyBody_VerifiesWithSignedXmlCheckSignature(string body)
    {
        Assert.True(SignedXmlVerifies(SignWithNewSigner(body), TestPki.Supplier));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Sign_AnyBody_AcceptedByOurVerifier(string body)
    {
        var message = SignWithNewSigner(body);

        AssertAccepted(await VerifyAsync(message));
        var document = TestMessages.Load(message);
        using var key = TestPki.Supplier.GetRSAPublicKey()!;
        Assert.True(WsSecurityVerifier.VerifySignatureValue(TestMessages.Signature(document), PinnedTargets(document), key, precomputed: null));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Sign_AnyBody_VerifiesWithXmlSec1(string body)
    {
        var path = Path.Combine(_dir, body + ".xml");
        File.WriteAllBytes(path, SignWithNewSigner(body));
        var certificate = Path.Combine(_dir, "signer.pem");
        File.WriteAllText(certificate, TestPki.Supplier.ExportCertificatePem());

        var (exitCode, output) = XmlSec.Run([.. new[] { "--verify", "--pubkey-cert-pem", certificate }, .. XmlSec.IdAttributes, path]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SignedInfo References (ok/all): 7/7", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_CheckedWithAnotherKeyOrTampered_SignedXmlRefuses()
    {
        var message = SignWithNewSigner("notificatie");
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).Replace(">12AB<", ">12AC<", StringComparison.Ordinal));

        Assert.False(SignedXmlVerifies(message, TestPki.Root));
        Assert.False(SignedXmlVerifies(tampered, TestPki.Supplier));
    }

    [Fact]
    public void Sign_ConcurrentCalls_EachVerifiesWithSignedXml()
    {
        var signer = new WsSecuritySigner(TestPki.Supplier, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestPki.Now));
        var messages = new byte[32][];

        // The c14n writer is cached per thread; signing in parallel must not mix two messages' state.
        Parallel.For(0, messages.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            messages[i] = signer.Sign(BodyContent(i % 2 == 0 ? "notificatie" : "awkward"), TestMessages.Addressing()));

        Assert.All(messages, m => Assert.True(SignedXmlVerifies(m, TestPki.Supplier)));
    }

    /// <summary>
    /// Free text (a terugkoppeling's toelichting) may carry CR LF, and attribute values TAB or LF. Written raw, a
    /// receiver's parser would turn them into LF or spaces and the digest would no longer match. SignedXml is no oracle
    /// here: it re-serialises the document before canonicalising, which loses the CR of a character reference itself.
    /// </summary>
    [Fact]
    public async Task Sign_LineBreaksAndTabsInBody_VerifyEverywhere()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        var root = document.CreateElement("gw", "terugkoppeling", "urn:gw");
        var toelichting = document.CreateElement("gw", "toelichting", "urn:gw");
        toelichting.InnerText = "regel 1\r\nregel 2\rregel 3\n\tingesprongen";
        toelichting.SetAttribute("code", "a\tb\nc\r\nd");
        root.AppendChild(toelichting);
        var message = TestMessages.Sign(body: root);
        var path = Path.Combine(_dir, "linebreaks.xml");
        File.WriteAllBytes(path, message);
        var certificate = Path.Combine(_dir, "signer.pem");
        File.WriteAllText(certificate, TestPki.Supplier.ExportCertificatePem());

        var (exitCode, output) = XmlSec.Run([.. new[] { "--verify", "--pubkey-cert-pem", certificate }, .. XmlSec.IdAttributes, path]);

        AssertAccepted(await VerifyAsync(message));
        Assert.True(exitCode == 0, output);
        var received = TestMessages.Load(message).GetElementsByTagName("toelichting", "urn:gw").Cast<XmlElement>().Single();
        Assert.Equal("regel 1\r\nregel 2\rregel 3\n\tingesprongen", received.InnerText);
        Assert.Equal("a\tb\nc\r\nd", received.GetAttribute("code"));
    }
}
