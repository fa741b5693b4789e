using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Bench;

/// <summary>
/// (a) our verifier against (b) plain SignedXml on the same ~5 KB envelope and key. Run pinned to one core:
/// <c>taskset -c 1 dotnet bin/Release/net10.0/Gateway.Benchmarks.dll --filter '*OsoSignatureVerification*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class OsoSignatureVerification : IDisposable
{
    private SignedEnvelopeFixture? _fixture;
    private WsSecurityVerifier? _verifier;
    private RSA? _signerKey;
    private byte[] _envelope = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = SignedEnvelopeFixture.Create();
        _envelope = _fixture.Envelope;
        _verifier = _fixture.CreateVerifier();
        _signerKey = _fixture.Leaf.GetRSAPublicKey()!;

        // Both sides must accept the message, or the figures mean nothing.
        var ours = Ours().AsTask().GetAwaiter().GetResult();
        if (!ours.IsSuccess)
        {
            throw new InvalidOperationException("our verifier refused the fixture: " + ours);
        }

        if (!PlainSignedXml() || !SignedXmlWithIdMap())
        {
            throw new InvalidOperationException("plain SignedXml refused the fixture");
        }

        Console.WriteLine($"// envelope: {_envelope.Length} bytes, signed at {_fixture.SigningTime:O}");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _signerKey?.Dispose();
        _fixture?.Dispose();
        _signerKey = null;
        _fixture = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The whole profile: preflight, DOM, structure, own exc-c14n digests and RSA over pinned elements, cached chain, replay (always New).</summary>
    [Benchmark(Description = "ours: WsSecurityVerifier.VerifyAsync")]
    public ValueTask<VerificationResult> Ours() => _verifier!.VerifyAsync(_envelope, CancellationToken.None);

    /// <summary>What naive code does: LoadXml, find the Signature, SignedXml.LoadXml, CheckSignature with the known key.</summary>
    [Benchmark(Baseline = true, Description = "plain SignedXml: LoadXml + CheckSignature(key)")]
    public bool PlainSignedXml()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Encoding.UTF8.GetString(_envelope));
        var signature = (XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        var signedXml = new WsuIdSignedXml(document);
        signedXml.LoadXml(signature);
        return signedXml.CheckSignature(_signerKey!);
    }

    /// <summary>
    /// (b) without its XPath look-ups: ids collected in one walk over the DOM, the Signature element as namespace
    /// context (as our verifier does). Shows what SignedXml itself costs once id resolution is cheap.
    /// </summary>
    [Benchmark(Description = "SignedXml, ids from one DOM walk (no XPath)")]
    public bool SignedXmlWithIdMap()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Encoding.UTF8.GetString(_envelope));
        var targets = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        XmlElement? signature = null;
        CollectIds(document.DocumentElement!, targets, ref signature);
        var signedXml = new PinnedSignedXml(signature!, targets);
        signedXml.LoadXml(signature!);
        return signedXml.CheckSignature(_signerKey!);
    }

    private static void CollectIds(XmlElement element, Dictionary<string, XmlElement> targets, ref XmlElement? signature)
    {
        var id = element.GetAttributeNode("Id", WsNamespaces.Wsu);
        if (id is not null)
        {
            targets[id.Value] = element;
        }

        if (signature is null && element.LocalName == "Signature" && element.NamespaceURI == SignedXml.XmlDsigNamespaceUrl)
        {
            signature = element;
        }

        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement childElement)
            {
                CollectIds(childElement, targets, ref signature);
            }
        }
    }
}

/// <summary>The same as the verifier's StrictSignedXml (internal): '#id' resolves only to the given elements.</summary>
internal sealed class PinnedSignedXml(XmlElement context, IReadOnlyDictionary<string, XmlElement> targets) : SignedXml(context)
{
    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) => targets.GetValueOrDefault(idValue);
}

/// <summary>
/// One launch, 25 warm-up and 15 measured iterations (~0.5 s each). The benchmark process inherits the host's
/// <c>taskset</c> pinning, so the runtime sees one processor and would multiply its tiering delay by 10
/// (TC_DelaySingleProcMultiplier): hot System.Private.Xml code then stays in slower, PGO-instrumented tiers for
/// ~50 s. The gateway runs on two cores, so the job restores the multi-processor delay; 25 warm-up iterations
/// (~12 s) are then enough to reach the final tier (see docs/performance.md).
/// </summary>
internal sealed class OneCoreConfig : ManualConfig
{
    public OneCoreConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(25).WithIterationCount(15)
            .WithEnvironmentVariable("DOTNET_TC_DelaySingleProcMultiplier", "1").WithId("OneCore"));
        HideColumns(Column.EnvironmentVariables);
    }
}

/// <summary>SignedXml that also finds wsu:Id, the way naive WS-Security code does it (an XPath over the whole document).</summary>
internal sealed class WsuIdSignedXml(XmlDocument document) : SignedXml(document)
{
    public override XmlElement? GetIdElement(XmlDocument? document, string idValue)
    {
        var element = base.GetIdElement(document, idValue);
        if (element is not null || document is null)
        {
            return element;
        }

        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("wsu", WsNamespaces.Wsu);
        return document.SelectSingleNode($"//*[@wsu:Id='{idValue}']", namespaces) as XmlElement;
    }
}
