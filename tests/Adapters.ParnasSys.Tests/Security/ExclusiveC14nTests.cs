using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.ExclusiveC14nOracle;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// Crafted cases for each exc-c14n rule. Every case is checked three ways: the expected bytes written out by hand, the
/// .NET <c>XmlDsigExcC14NTransform</c>, and both own front ends (DOM and XmlReader), which must agree byte for byte.
/// The apex is the first element named "apex".
/// </summary>
public sealed class ExclusiveC14nTests
{
    public static TheoryData<string, string, string?, string> Cases => new()
    {
        // Namespace axis: visibly utilised only.
        { "used prefix from an ancestor renders, unused ones do not", """<r xmlns:a="urn:a" xmlns:u="urn:unused"><a:apex><a:c/></a:apex></r>""", null, """<a:apex xmlns:a="urn:a"><a:c></a:c></a:apex>""" },
        { "unused declaration on the apex itself is dropped", """<apex xmlns:u="urn:u" b="1"/>""", null, """<apex b="1"></apex>""" },
        { "attribute prefixes are visibly utilised", """<r xmlns:b="urn:b" xmlns:a="urn:a"><apex b:x="1" a:y="2" z="3"><c a:w="4"/></apex></r>""", null, """<apex xmlns:a="urn:a" xmlns:b="urn:b" z="3" a:y="2" b:x="1"><c a:w="4"></c></apex>""" },
        { "same value below is not repeated, another value is", """<p:apex xmlns:p="urn:1"><p:c xmlns:p="urn:1"><p:d xmlns:p="urn:2"><p:e/></p:d></p:c></p:apex>""", null, """<p:apex xmlns:p="urn:1"><p:c><p:d xmlns:p="urn:2"><p:e></p:e></p:d></p:c></p:apex>""" },
        { "declaration used only below renders at each using sibling", """<apex xmlns:q="urn:q"><c><q:d/><q:e/></c></apex>""", null, """<apex><c><q:d xmlns:q="urn:q"></q:d><q:e xmlns:q="urn:q"></q:e></c></apex>""" },
        { "prefix and default bound to the same URI are separate", """<apex xmlns="urn:d" xmlns:d="urn:d"><d:c/><c/></apex>""", null, """<apex xmlns="urn:d"><d:c xmlns:d="urn:d"></d:c><c></c></apex>""" },

        // Default namespace and xmlns="".
        { "inherited default namespace renders at the apex once", """<r xmlns="urn:d"><apex><c/></apex></r>""", null, """<apex xmlns="urn:d"><c></c></apex>""" },
        { "xmlns empty undoes a rendered default", """<apex xmlns="urn:d"><c xmlns=""><e/></c></apex>""", null, """<apex xmlns="urn:d"><c xmlns=""><e></e></c></apex>""" },
        { "no xmlns empty on an apex without namespace", """<r xmlns="urn:d"><apex xmlns=""><c/></apex></r>""", null, """<apex><c></c></apex>""" },
        { "no xmlns empty when no default was rendered", """<p:apex xmlns:p="urn:p" xmlns="urn:d"><c xmlns=""/></p:apex>""", null, """<p:apex xmlns:p="urn:p"><c></c></p:apex>""" },
        { "default renders first where it is used", """<p:apex xmlns:p="urn:p" xmlns="urn:d"><c><e xmlns=""/></c></p:apex>""", null, """<p:apex xmlns:p="urn:p"><c xmlns="urn:d"><e xmlns=""></e></c></p:apex>""" },

        // InclusiveNamespaces PrefixList.
        { "prefix list renders prefixes in scope at the apex", """<r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:u="urn:u"><x:apex xmlns:x="urn:x"><c xmlns:a="urn:a"/><d xmlns:a="urn:a2"/><e xmlns:b="urn:b"/></x:apex></r>""", "a b missing", """<x:apex xmlns:a="urn:a" xmlns:b="urn:b" xmlns:x="urn:x"><c></c><d xmlns:a="urn:a2"></d><e></e></x:apex>""" },
        { "prefix list prefix declared only below renders there", """<apex><c xmlns:a="urn:a"><e/></c></apex>""", "a", """<apex><c xmlns:a="urn:a"><e></e></c></apex>""" },
        { "prefix list with default takes the inherited default", """<r xmlns="urn:d"><p:apex xmlns:p="urn:p"><p:c xmlns="urn:e"/><p:f xmlns=""/></p:apex></r>""", "#default", """<p:apex xmlns="urn:d" xmlns:p="urn:p"><p:c xmlns="urn:e"></p:c><p:f xmlns=""></p:f></p:apex>""" },
        { "prefix list with default and no default in scope", """<p:apex xmlns:p="urn:p"><c/></p:apex>""", "#default", """<p:apex xmlns:p="urn:p"><c></c></p:apex>""" },
        { "prefix list tokens split on any XML whitespace", "<r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"><apex/></r>", "\ta\r\n b ", """<apex xmlns:a="urn:a" xmlns:b="urn:b"></apex>""" },

        // xml:* attributes: rendered where they stand, never inherited; the xml prefix never declared.
        { "xml attributes are not inherited and xml is never declared", """<r xml:lang="nl" xml:space="preserve"><apex xml:lang="en"><c xml:space="default"/></apex></r>""", "xml", """<apex xml:lang="en"><c xml:space="default"></c></apex>""" },
        { "xml attribute on an ancestor only", """<r xml:lang="nl"><apex a="1"/></r>""", null, """<apex a="1"></apex>""" },
        { "attributes sort by namespace URI (xml's http: before urn:) then local name", """<apex xmlns:z="urn:a" xmlns:a="urn:z" a:k="1" z:k="2" b="3" a:c="4" xml:lang="x"/>""", null, """<apex xmlns:a="urn:z" xmlns:z="urn:a" b="3" xml:lang="x" z:k="2" a:c="4" a:k="1"></apex>""" },

        // Character content.
        { "text escapes ampersand, angle brackets and carriage return only", "<apex>a &amp; b &lt; c &gt; d \" ' &#xD; e&#xA;f&#x9;g</apex>", null, "<apex>a &amp; b &lt; c &gt; d \" ' &#xD; e\nf\tg</apex>" },
        { "attribute escapes ampersand, less-than, quote, tab, newline, carriage return", "<apex a=\"&amp;&lt;&gt;&quot;'&#x9;&#xA;&#xD;x\" b=\"tab\tline\nend\"/>", null, "<apex a=\"&amp;&lt;>&quot;'&#x9;&#xA;&#xD;x\" b=\"tab line end\"></apex>" },
        { "CDATA becomes escaped text", "<apex>t<![CDATA[<x> & \"q\" ]]]]><![CDATA[>]]></apex>", null, "<apex>t&lt;x&gt; &amp; \"q\" ]]&gt;</apex>" },
        { "line ends are normalised by the parser", "<apex>a\r\nb\rc</apex>", null, "<apex>a\nb\nc</apex>" },
        { "processing instructions render, comments do not", "<r><?outside x?><apex><!-- c --><?pi data  here?><c><?empty?></c><!--x-->t<!--y-->u</apex><!--after--></r>", null, "<apex><?pi data  here?><c><?empty?></c>tu</apex>" },
        { "whitespace between elements is kept", "<apex>\n  <c>  </c>\t\n</apex>", null, "<apex>\n  <c>  </c>\t\n</apex>" },
        { "significant whitespace is kept", "<r xml:space=\"preserve\"><apex>  <c> </c>  </apex></r>", null, "<apex>  <c> </c>  </apex>" },
        { "empty element gets a start and an end tag", "<r><apex/><after/></r>", null, "<apex></apex>" },
        { "empty element with content siblings", "<apex><a/>x<b></b></apex>", null, "<apex><a></a>x<b></b></apex>" },
        { "non-ASCII names, attributes and text as UTF-8", "<é:apex xmlns:é=\"urn:é\" attr=\"ü€\">中文 😀 &#x1F600; ß</é:apex>", null, "<é:apex xmlns:é=\"urn:é\" attr=\"ü€\">中文 😀 😀 ß</é:apex>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Canonicalize_CraftedCase_MatchesExpectedTransformAndReader(string rule, string xml, string? prefixList, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var prefixes = ExclusiveC14n.ParsePrefixList(prefixList);
        var apex = (XmlElement)Load(bytes).SelectSingleNode("//*[local-name()='apex']")!;

        var transform = Text(TransformOutput(apex, prefixList));
        var dom = Text(Dom(apex, prefixes));
        var reader = Text(Reader(bytes, r => r.LocalName == "apex", prefixes));

        Assert.True(expected == transform, $"{rule}: expectation differs from XmlDsigExcC14NTransform\n{expected}\n{transform}");
        Assert.Equal(expected, dom);
        Assert.Equal(expected, reader);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Digest_CraftedCase_EqualsHashOfCanonicalBytes(string rule, string xml, string? prefixList, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var prefixes = ExclusiveC14n.ParsePrefixList(prefixList);
        var apex = (XmlElement)Load(bytes).SelectSingleNode("//*[local-name()='apex']")!;
        var want = SHA256.HashData(Encoding.UTF8.GetBytes(expected));

        Assert.True(want.AsSpan().SequenceEqual(ExclusiveC14n.Digest(apex, prefixes, HashAlgorithmName.SHA256)), rule);
        using var reader = XmlReader.Create(new MemoryStream(bytes), ReaderSettings);
        while (reader.Read() && !(reader.NodeType == XmlNodeType.Element && reader.LocalName == "apex"))
        {
        }

        Assert.Equal(want, ExclusiveC14n.DigestSubtree(reader, prefixes, HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Digest_OtherHashAlgorithm_HashesTheSameBytes(string algorithm)
    {
        var bytes = """<r xmlns:a="urn:a"><a:apex b="1">x</a:apex></r>"""u8.ToArray();
        var apex = (XmlElement)Load(bytes).DocumentElement!.FirstChild!;
        var name = new HashAlgorithmName(algorithm);
        using var hash = IncrementalHash.CreateHash(name);
        hash.AppendData("""<a:apex xmlns:a="urn:a" b="1">x</a:apex>"""u8);

        Assert.Equal(hash.GetHashAndReset(), ExclusiveC14n.Digest(apex, [], name));
    }

    [Fact]
    public void DigestSubtree_EmptyApex_LeavesReaderOnItSoNextReadContinuesAfter()
    {
        var xml = "<r><apex a=\"1\"/><after/></r>"u8.ToArray();

        Reader(xml, r => r.LocalName == "apex", [], reader =>
        {
            Assert.True(reader.IsEmptyElement);
            Assert.True(reader.Read());
            Assert.Equal("after", reader.LocalName);
        });
    }

    [Fact]
    public void DigestSubtree_ApexWithContent_LeavesReaderOnEndElementSoNextReadContinuesAfter()
    {
        var xml = "<r><apex><c><d/></c>text</apex><after/></r>"u8.ToArray();

        Reader(xml, r => r.LocalName == "apex", [], reader =>
        {
            Assert.True(reader.Read());
            Assert.Equal(XmlNodeType.Element, reader.NodeType);
            Assert.Equal("after", reader.LocalName);
        });
    }

    [Fact]
    public void DigestSubtree_ReaderNotOnElement_Throws()
    {
        using var reader = XmlReader.Create(new MemoryStream("<r>text</r>"u8.ToArray()), ReaderSettings);
        reader.Read();
        reader.Read();

        Assert.Throws<InvalidOperationException>(() => ExclusiveC14n.DigestSubtree(reader, [], HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Digest_UnsupportedHashAlgorithm_Throws()
    {
        var apex = Load("<apex/>"u8.ToArray()).DocumentElement!;

        Assert.Throws<CryptographicException>(() => ExclusiveC14n.Digest(apex, [], HashAlgorithmName.MD5));
    }

    [Fact]
    public void Canonicalize_LongTextWithEscapesAndSurrogatePairsAcrossChunks_MatchesTransform()
    {
        // Text longer than the reader's 4,096-character chunks and the writer's 8 KB buffer, with escapes and
        // surrogate pairs at every offset, so chunk and buffer boundaries fall inside pairs and between escapes.
        var text = new StringBuilder();
        for (var i = 0; text.Length < 60_000; i++)
        {
            text.Append(i % 7 == 0 ? "😀" : i % 11 == 0 ? "&amp;" : i % 13 == 0 ? "&#xD;" : i % 17 == 0 ? "é" : "a");
        }

        var xml = Encoding.UTF8.GetBytes($"<r xmlns=\"urn:d\"><apex v=\"{text}\">{text}<c>{text}</c></apex></r>");
        var apex = (XmlElement)Load(xml).DocumentElement!.FirstChild!;

        var expected = TransformOutput(apex, null);
        Assert.Equal(expected, Dom(apex, []));
        Assert.Equal(expected, Reader(xml, r => r.LocalName == "apex", []));
    }

    [Theory]
    [InlineData("a b", "b")]
    [InlineData("a", "b")]
    [InlineData("#default a", "#default")]
    [InlineData("b", "a b #default")]
    [InlineData(null, "a")]
    [InlineData("a b #default", null)]
    public void ChainPrefixLists_TwoTransforms_MatchesChainedTransform(string? first, string? second)
    {
        var xml = """<r xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d"><x:apex xmlns:x="urn:x"><c xmlns:b="urn:b2"/><a:e/><x:f xmlns=""><g/></x:f></x:apex></r>"""u8.ToArray();
        var apex = (XmlElement)Load(xml).DocumentElement!.FirstChild!;

        var prefixes = ExclusiveC14n.ChainPrefixLists(ExclusiveC14n.ParsePrefixList(first), ExclusiveC14n.ParsePrefixList(second));

        Assert.Equal(Text(ChainedTransformOutput(apex, first, second)), Text(Dom(apex, prefixes)));
    }

    [Fact]
    public void DigestSubtree_FourteenMegabyteBase64Text_AllocatesLessThanTwoMegabytes()
    {
        const int textBytes = 14 * 1024 * 1024;
        var prefix = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body wsu:Id=\"id-1\" xmlns:wsu=\"urn:wsu\"><m:dossier xmlns:m=\"urn:m\"><m:pdf>"u8;
        var suffix = "</m:pdf></m:dossier></soapenv:Body></soapenv:Envelope>"u8;
        var xml = new byte[prefix.Length + textBytes + suffix.Length];
        prefix.CopyTo(xml);
        var base64 = xml.AsSpan(prefix.Length, textBytes);
        for (var i = 0; i < base64.Length; i++)
        {
            base64[i] = (byte)"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(i * 7) % 64];
        }

        suffix.CopyTo(xml.AsSpan(prefix.Length + textBytes));

        // Warm up once so type loading and JIT do not count.
        Digest(xml);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var digest = Digest(xml);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated:N0} bytes");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("<soapenv:Body xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsu=\"urn:wsu\" wsu:Id=\"id-1\"><m:dossier xmlns:m=\"urn:m\"><m:pdf>"u8);
        hash.AppendData(base64);
        hash.AppendData("</m:pdf></m:dossier></soapenv:Body>"u8);
        Assert.Equal(hash.GetHashAndReset(), digest);

        static byte[] Digest(byte[] xml)
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), ReaderSettings);
            reader.Read();
            reader.Read();
            Assert.Equal("Body", reader.LocalName);
            return ExclusiveC14n.DigestSubtree(reader, [], HashAlgorithmName.SHA256);
        }
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("  ", new string[0])]
    [InlineData("wsse wsa  duo\tsoapenv", new[] { "wsse", "wsa", "duo", "soapenv" })]
    [InlineData("#default xsd", new[] { "#default", "xsd" })]
    public void ParsePrefixList_Value_SplitsOnXmlWhitespaceInOrder(string? value, string[] expected)
    {
        Assert.Equal(expected, ExclusiveC14n.ParsePrefixList(value));
    }
}
