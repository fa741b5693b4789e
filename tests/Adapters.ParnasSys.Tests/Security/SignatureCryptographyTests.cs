using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// The verifier's cryptography (own exc-c14n, no SignedXml) against <see cref="StrictSignedXml"/> as oracle, tampering
/// per signed part, and the rule for a digest computed while streaming (<see cref="PrecomputedDigest"/>).
/// </summary>
public sealed class SignatureCryptographyTests
{
    private const int ExpectedValid = 121;

    private sealed record Signed(XmlDocument Document, XmlElement Signature, Dictionary<string, XmlElement> Targets, RSA Key);

    private static Signed Open(byte[] message, X509Certificate2? certificate = null)
    {
        var document = ExclusiveC14nOracle.Load(message);
        var ns = Namespaces(document);
        var signature = (XmlElement)document.SelectSingleNode("//ds:Signature", ns)!;
        var targets = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (XmlElement reference in signature.SelectNodes("ds:SignedInfo/ds:Reference", ns)!)
        {
            var id = reference.GetAttribute("URI")[1..];
            targets[id] = FindById(document, id) ?? throw new InvalidOperationException("no element with id " + id);
        }

        certificate ??= X509CertificateLoader.LoadCertificate(Convert.FromBase64String(document.SelectSingleNode("//wsse:BinarySecurityToken", ns)!.InnerText.Trim()));
        return new Signed(document, signature, targets, certificate.GetRSAPublicKey()!);
    }

    private static bool Ours(Signed s, PrecomputedDigest? precomputed = null) =>
        WsSecurityVerifier.VerifySignatureValue(s.Signature, s.Targets, s.Key, precomputed);

    private static bool Oracle(Signed s)
    {
        try
        {
            var signedXml = new StrictSignedXml(s.Signature, s.Targets);
            signedXml.LoadXml(s.Signature);
            return signedXml.CheckSignature(s.Key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string[] ValidVectors()
    {
        var files = Directory.GetFiles(Path.Combine(ReferenceData.EdukoppelingVectors, "valid"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedValid, files.Length);
        return files;
    }

    [ReferenceFact]
    public void VerifySignatureValue_EveryValidVector_AgreesWithSignedXmlAndIsValid()
    {
        var failures = new List<string>();
        foreach (var file in ValidVectors())
        {
            var signed = Open(File.ReadAllBytes(file));
            var ours = Ours(signed);
            var oracle = Oracle(signed);
            if (!ours || !oracle)
            {
                failures.Add($"{Path.GetFileName(file)}: ours {ours}, SignedXml {oracle}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [ReferenceFact]
    public void VerifySignatureValue_OneCharacterFlippedInEachSignedPart_IsInvalidLikeSignedXml()
    {
        var failures = new List<string>();
        var mutations = 0;
        foreach (var file in ValidVectors())
        {
            var signed = Open(File.ReadAllBytes(file));
            var name = Path.GetFileName(file);
            foreach (var (id, target) in signed.Targets)
            {
                Check($"{name} #{id}", signed, FirstText(target) ?? throw new InvalidOperationException($"{name} #{id} has no text"));
            }

            var ns = Namespaces(signed.Document);
            foreach (XmlNode digestValue in signed.Signature.SelectNodes("ds:SignedInfo/ds:Reference/ds:DigestValue/text()", ns)!)
            {
                Check($"{name} DigestValue", signed, digestValue);
            }

            Check($"{name} SignatureValue", signed, signed.Signature.SelectSingleNode("ds:SignatureValue/text()", ns)!);

            // A character that changes only the canonical SignedInfo (no digest, no algorithm): the RSA check alone must catch it.
            var signedInfo = (XmlElement)signed.Signature.SelectSingleNode("ds:SignedInfo", ns)!;
            var extra = signedInfo.InsertAfter(signed.Document.CreateWhitespace(" "), signedInfo.FirstChild)!;
            Expect($"{name} SignedInfo whitespace", signed);
            signedInfo.RemoveChild(extra);
            if (signedInfo.SelectSingleNode("ds:CanonicalizationMethod/ec:InclusiveNamespaces/@PrefixList", ns) is XmlAttribute prefixList)
            {
                var original = prefixList.Value;
                prefixList.Value = original.Replace("duo", "dup", StringComparison.Ordinal);
                if (prefixList.Value != original)
                {
                    Expect($"{name} SignedInfo PrefixList", signed);
                }

                prefixList.Value = original;
            }

            Assert.True(Ours(signed) && Oracle(signed), name + " not restored");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(mutations >= ExpectedValid * 14, $"only {mutations} mutations");

        void Check(string what, Signed signed, XmlNode text)
        {
            var original = text.Value!;
            var at = original.Length / 2;
            text.Value = original[..at] + (original[at] == 'A' ? 'B' : 'A') + original[(at + 1)..];
            Expect(what, signed);
            text.Value = original;
        }

        void Expect(string what, Signed signed)
        {
            mutations++;
            var ours = Ours(signed);
            var oracle = Oracle(signed);
            if (ours || oracle)
            {
                failures.Add($"{what}: ours {ours}, SignedXml {oracle}");
            }
        }
    }

    [Fact]
    public void VerifySignatureValue_MessageFromOurSigner_IsValid()
    {
        var signed = Open(TestMessages.Sign(), TestPki.Supplier);

        Assert.True(Ours(signed));
        Assert.True(Oracle(signed));
    }

    [Theory]
    [InlineData("ds:SignatureValue", "not base64 at all!")]
    [InlineData("ds:SignatureValue", "")]
    [InlineData("ds:SignatureValue", "AAAA")]
    [InlineData("ds:SignedInfo/ds:Reference/ds:DigestValue", "%%%")]
    [InlineData("ds:SignedInfo/ds:Reference/ds:DigestValue", "")]
    [InlineData("ds:SignedInfo/ds:Reference/ds:DigestValue", "AAAA")]
    public void VerifySignatureValue_MalformedValue_IsFalseWithoutException(string path, string value)
    {
        var signed = Open(TestMessages.Sign(), TestPki.Supplier);
        ((XmlElement)signed.Signature.SelectSingleNode(path, Namespaces(signed.Document))!).InnerText = value;

        Assert.False(Ours(signed));
    }

    [Fact]
    public void VerifySignatureValue_TargetMissingFromPinnedSet_IsFalse()
    {
        var signed = Open(TestMessages.Sign(), TestPki.Supplier);
        signed.Targets.Remove(signed.Targets.Keys.First());

        Assert.False(Ours(signed));
    }

    // Precomputed digest: the Body of a pulled answer is digested while it streams and stays an empty shell in the DOM.

    private static (Signed Signed, XmlElement Body, byte[] Digest) StreamedBody(byte[] message, X509Certificate2? certificate, IReadOnlyList<string> prefixes, HashAlgorithmName algorithm) =>
        Streamed(message, certificate, "Body", WsNamespaces.Soap11, prefixes, algorithm);

    private static (Signed Signed, XmlElement Shell, byte[] Digest) Streamed(byte[] message, X509Certificate2? certificate, string localName, string namespaceUri, IReadOnlyList<string> prefixes, HashAlgorithmName algorithm)
    {
        using var reader = XmlReader.Create(new MemoryStream(message), ExclusiveC14nOracle.ReaderSettings);
        byte[]? digest = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName && reader.NamespaceURI == namespaceUri)
            {
                digest = ExclusiveC14n.DigestSubtree(reader, prefixes, algorithm);
                break;
            }
        }

        var signed = Open(message, certificate);
        var shell = (XmlElement)signed.Document.GetElementsByTagName(localName, namespaceUri)[0]!;
        while (shell.FirstChild is not null)
        {
            shell.RemoveChild(shell.FirstChild);
        }

        return (signed, shell, digest!);
    }

    [Fact]
    public void VerifySignatureValue_PrecomputedDigestWithMatchingParameters_IsUsedForTheShellBody()
    {
        var (signed, body, digest) = StreamedBody(TestMessages.Sign(), TestPki.Supplier, [], HashAlgorithmName.SHA256);

        Assert.False(Ours(signed), "the empty shell itself must not verify");
        Assert.True(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha256, [], digest)));
    }

    [Fact]
    public void VerifySignatureValue_StreamingWithoutBodyDigest_RefusedEvenThoughTheDomBodyIsComplete()
    {
        var signed = Open(TestMessages.Sign(), TestPki.Supplier);
        var body = TestMessages.Body(signed.Document);

        Assert.True(Ours(signed));
        Assert.False(WsSecurityVerifier.VerifySignatureValue(signed.Signature, signed.Targets, signed.Key, new StreamingDigests(body, null, null)));
    }

    [Fact]
    public void VerifySignatureValue_TargetContainingAShellWithoutStreamedDigest_IsRefused()
    {
        var signed = Open(TestMessages.Sign(), TestPki.Supplier);
        var body = TestMessages.Body(signed.Document);
        var timestamp = TestMessages.Timestamp(signed.Document);
        var hollow = new HashSet<XmlNode>(ReferenceEqualityComparer.Instance) { timestamp.FirstChild!, timestamp };
        var bodyDigest = new PrecomputedDigest(body, WsNamespaces.Sha256, [], ExclusiveC14n.Digest(body, [], HashAlgorithmName.SHA256));

        Assert.True(WsSecurityVerifier.VerifySignatureValue(signed.Signature, signed.Targets, signed.Key, new StreamingDigests(body, bodyDigest, null)));
        Assert.False(WsSecurityVerifier.VerifySignatureValue(signed.Signature, signed.Targets, signed.Key, new StreamingDigests(body, bodyDigest, hollow)));
    }

    [Fact]
    public void VerifySignatureValue_PrecomputedDigestWithOtherPrefixList_IsRefused()
    {
        var (signed, body, digest) = StreamedBody(TestMessages.Sign(), TestPki.Supplier, [], HashAlgorithmName.SHA256);

        // Same digest bytes (the list changes nothing for this Body), but not the parameters the Reference asks for.
        Assert.False(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha256, ["soapenv"], digest)));
    }

    [Fact]
    public void VerifySignatureValue_PrecomputedDigestWithOtherAlgorithm_IsRefused()
    {
        var (signed, body, _) = StreamedBody(TestMessages.Sign(), TestPki.Supplier, [], HashAlgorithmName.SHA256);
        var (_, _, sha512) = StreamedBody(TestMessages.Sign(), TestPki.Supplier, [], HashAlgorithmName.SHA512);

        Assert.False(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha512, [], sha512)));
    }

    [Fact]
    public void VerifySignatureValue_PrecomputedDigestWrong_IsRefused()
    {
        var (signed, body, digest) = StreamedBody(TestMessages.Sign(), TestPki.Supplier, [], HashAlgorithmName.SHA256);
        digest[0] ^= 1;

        Assert.False(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha256, [], digest)));
    }

    [Fact]
    public void VerifySignatureValue_PrecomputedDigestForElementNoReferenceTargets_IsRefused()
    {
        var message = TestMessages.Sign();
        var signed = Open(message, TestPki.Supplier);
        var notSigned = (XmlElement)TestMessages.Body(signed.Document).FirstChild!;

        Assert.True(Ours(signed));
        Assert.False(Ours(signed, new PrecomputedDigest(notSigned, WsNamespaces.Sha256, [], new byte[32])));
    }

    [ReferenceFact]
    public void VerifySignatureValue_PrecomputedDigestWithVectorPrefixList_NeedsTheSameSequence()
    {
        // An Edukoppeling message whose wsu:Timestamp Reference carries a four-prefix PrefixList.
        var file = Directory.GetFiles(Path.Combine(ReferenceData.EdukoppelingVectors, "valid"), "*.xml").Order(StringComparer.Ordinal)
            .First(f => File.ReadAllText(f).Contains("PrefixList=\"wsse wsa duo soapenv\"", StringComparison.Ordinal));
        var message = File.ReadAllBytes(file);
        var document = ExclusiveC14nOracle.Load(message);
        var ns = Namespaces(document);
        var timestamp = (XmlElement)document.GetElementsByTagName("Timestamp", WsNamespaces.Wsu)[0]!;
        var reference = (XmlElement)document.SelectSingleNode($"//ds:Reference[@URI='#{TestMessages.IdOf(timestamp)}']", ns)!;
        var listed = ExclusiveC14n.ParsePrefixList(((XmlElement)reference.SelectSingleNode("ds:Transforms/ds:Transform/ec:InclusiveNamespaces", ns)!).GetAttribute("PrefixList"));
        var algorithm = ((XmlElement)reference.SelectSingleNode("ds:DigestMethod", ns)!).GetAttribute("Algorithm");
        var hash = ExclusiveC14n.HashForDigestMethod(algorithm)!.Value;
        Assert.Equal(4, listed.Count);

        var (signed, shell, digest) = Streamed(message, null, "Timestamp", WsNamespaces.Wsu, listed, hash);
        Assert.False(Ours(signed), "the empty shell itself must not verify");
        Assert.True(Ours(signed, new PrecomputedDigest(shell, algorithm, listed, digest)));

        // The same prefixes in another order give the same canonical bytes, but are not the parameters asked for.
        var reordered = listed.Reverse().ToArray();
        var (signed2, shell2, digest2) = Streamed(message, null, "Timestamp", WsNamespaces.Wsu, reordered, hash);
        Assert.Equal(digest, digest2);
        Assert.False(Ours(signed2, new PrecomputedDigest(shell2, algorithm, reordered, digest2)));
        Assert.False(Ours(signed2, new PrecomputedDigest(shell2, algorithm, listed.Take(3).ToArray(), digest2)));
    }

    [Fact]
    public void VerifySignatureValue_TwoTransformsPerReference_AgreesWithSignedXmlAndTakesChainedPrecomputedList()
    {
        var document = TestMessages.Load(TestMessages.Sign());
        new Resigner { Transforms = () => [new XmlDsigExcC14NTransform("soapenv wsa"), new XmlDsigExcC14NTransform("wsa wsu")] }
            .Resign(document, TestPki.Supplier);
        var message = TestMessages.Save(document);

        var plain = Open(message, TestPki.Supplier);
        Assert.True(Ours(plain));
        Assert.True(Oracle(plain));

        IReadOnlyList<string> chained = ["wsa"];
        var (signed, body, digest) = StreamedBody(message, TestPki.Supplier, chained, HashAlgorithmName.SHA256);
        Assert.True(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha256, chained, digest)));
        Assert.False(Ours(signed, new PrecomputedDigest(body, WsNamespaces.Sha256, ["soapenv", "wsa"], digest)));
    }

    private static XmlNode? FirstText(XmlElement element)
    {
        foreach (XmlNode node in element.SelectNodes("descendant::text()")!)
        {
            if (node.NodeType == XmlNodeType.Text && node.Value!.Trim().Length > 0)
            {
                return node;
            }
        }

        return null;
    }

    private static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", WsNamespaces.Ds);
        ns.AddNamespace("ec", WsNamespaces.ExcC14n);
        ns.AddNamespace("wsse", WsNamespaces.Wsse);
        return ns;
    }

    private static XmlElement? FindById(XmlDocument document, string id)
    {
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            if (element.GetAttribute("Id", WsNamespaces.Wsu) == id || element.GetAttribute("Id") == id)
            {
                return element;
            }
        }

        return null;
    }
}
