using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.ExclusiveC14nOracle;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// Differential test on the 121 recorded Edukoppeling messages: every signed Reference target and every SignedInfo,
/// canonicalised by <c>XmlDsigExcC14NTransform</c> (fed as SignedXml feeds it), by the DOM front end and by the
/// XmlReader front end, must be byte-identical, and the own digest must equal the recorded DigestValue.
/// </summary>
public sealed class ExclusiveC14nVectorTests
{
    private const int ExpectedValid = 121;

    [ReferenceFact]
    public void Canonicalize_EveryReferenceAndSignedInfoInValidVectors_MatchesTransformDigestValueAndReader()
    {
        var files = Directory.GetFiles(Path.Combine(ReferenceData.EdukoppelingVectors, "valid"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedValid, files.Length);

        var failures = new List<string>();
        var references = 0;
        var withPrefixList = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var document = Load(bytes);
            var ns = new XmlNamespaceManager(document.NameTable);
            ns.AddNamespace("ds", WsNamespaces.Ds);
            ns.AddNamespace("ec", WsNamespaces.ExcC14n);
            var name = Path.GetFileName(file);

            var signedInfo = (XmlElement)document.SelectSingleNode("//ds:Signature/ds:SignedInfo", ns)!;
            var c14nPrefixList = (signedInfo.SelectSingleNode("ds:CanonicalizationMethod/ec:InclusiveNamespaces/@PrefixList", ns) as XmlAttribute)?.Value;
            Compare(name + " SignedInfo", bytes, signedInfo, c14nPrefixList,
                r => r.LocalName == "SignedInfo" && r.NamespaceURI == WsNamespaces.Ds, failures);

            foreach (XmlElement reference in signedInfo.SelectNodes("ds:Reference", ns)!)
            {
                references++;
                var id = reference.GetAttribute("URI")[1..];
                var target = FindById(document, id);
                if (target is null)
                {
                    failures.Add($"{name} #{id}: target not found");
                    continue;
                }

                var prefixList = (reference.SelectSingleNode("ds:Transforms/ds:Transform/ec:InclusiveNamespaces/@PrefixList", ns) as XmlAttribute)?.Value;
                if (prefixList is not null)
                {
                    withPrefixList++;
                }

                Compare($"{name} #{id}", bytes, target, prefixList, r => r.GetAttribute("Id", WsNamespaces.Wsu) == id || r.GetAttribute("Id") == id, failures);

                var algorithm = ExclusiveC14n.HashForDigestMethod(((XmlElement)reference.SelectSingleNode("ds:DigestMethod", ns)!).GetAttribute("Algorithm"));
                var recorded = Convert.FromBase64String(reference.SelectSingleNode("ds:DigestValue", ns)!.InnerText);
                if (algorithm is null || !ExclusiveC14n.Digest(target, ExclusiveC14n.ParsePrefixList(prefixList), algorithm.Value).AsSpan().SequenceEqual(recorded))
                {
                    failures.Add($"{name} #{id}: own digest differs from the recorded DigestValue");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(references >= 6 * ExpectedValid, $"only {references} references checked");
        Assert.True(withPrefixList > 0, "no reference with a PrefixList was checked");
    }

    private static void Compare(string what, byte[] bytes, XmlElement apex, string? prefixList, Func<XmlReader, bool> isApex, List<string> failures)
    {
        var prefixes = ExclusiveC14n.ParsePrefixList(prefixList);
        var transform = TransformOutput(apex, prefixList);
        var dom = Dom(apex, prefixes);
        var reader = Reader(bytes, isApex, prefixes);
        if (!transform.AsSpan().SequenceEqual(dom))
        {
            failures.Add($"{what}: DOM differs from XmlDsigExcC14NTransform\n  {Text(transform)}\n  {Text(dom)}");
        }

        if (!transform.AsSpan().SequenceEqual(reader))
        {
            failures.Add($"{what}: reader differs from XmlDsigExcC14NTransform\n  {Text(transform)}\n  {Text(reader)}");
        }
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
