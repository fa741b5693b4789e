using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// The reference implementations the own exc-c14n is compared with: <see cref="XmlDsigExcC14NTransform"/> fed the
/// element the way <c>SignedXml</c> feeds a "#id" target (a copy of the element with the in-scope namespace
/// declarations of its ancestors added to it), and both own front ends over the same text.
/// </summary>
internal static class ExclusiveC14nOracle
{
    /// <summary>Reader settings the streaming verifier uses (and the brief for DigestSubtree fixes).</summary>
    public static XmlReaderSettings ReaderSettings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = false,
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = false,
    };

    public static XmlDocument Load(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml), ReaderSettings);
        document.Load(reader);
        return document;
    }

    /// <summary>
    /// <see cref="XmlDsigExcC14NTransform"/> over a copy of <paramref name="apex"/> carrying its ancestors' namespace
    /// declarations, as <c>SignedXml</c> prepares a Reference target. ImportNode instead of SignedXml's OuterXml and
    /// re-parse keeps a &#xD; in text a carriage return; the ancestors' xml:* attributes that SignedXml also copies are
    /// left out, because exclusive c14n does not inherit them (exc-c14n §3).
    /// </summary>
    public static byte[] TransformOutput(XmlElement apex, string? prefixList)
    {
        var copy = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = (XmlElement)copy.ImportNode(apex, deep: true);
        copy.AppendChild(root);
        for (var ancestor = apex.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI != WsNamespaces.Xmlns || root.HasAttribute(attribute.Name))
                {
                    continue;
                }

                // SignedXml's Utils.AddNamespaces: an unprefixed apex carries its own default namespace already.
                if (attribute.Name == "xmlns" && root.Prefix.Length == 0)
                {
                    continue;
                }

                var declaration = copy.CreateAttribute(attribute.Name);
                declaration.Value = attribute.Value;
                root.SetAttributeNode(declaration);
            }
        }

        var transform = new XmlDsigExcC14NTransform(includeComments: false, prefixList);
        transform.LoadInput(copy);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        output.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>Two exc-c14n transforms in a row, as a TransformChain runs them (the second parses the first's octets).</summary>
    public static byte[] ChainedTransformOutput(XmlElement apex, string? first, string? second)
    {
        var intermediate = TransformOutput(apex, first);
        var transform = new XmlDsigExcC14NTransform(includeComments: false, second);
        transform.LoadInput(new MemoryStream(intermediate));
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        output.CopyTo(bytes);
        return bytes.ToArray();
    }

    public static byte[] Dom(XmlElement apex, IReadOnlyList<string> prefixes)
    {
        using var output = new MemoryStream();
        ExclusiveC14n.Canonicalize(apex, prefixes, output);
        return output.ToArray();
    }

    /// <summary>
    /// The reader front end over <paramref name="xml"/>, on the first element <paramref name="isApex"/> accepts; also
    /// checks where the reader is left and that the next Read continues after the apex.
    /// </summary>
    public static byte[] Reader(byte[] xml, Func<XmlReader, bool> isApex, IReadOnlyList<string> prefixes, Action<XmlReader>? afterwards = null)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && isApex(reader))
            {
                var name = reader.Name;
                var depth = reader.Depth;
                var empty = reader.IsEmptyElement;
                using var output = new MemoryStream();
                ExclusiveC14n.CanonicalizeSubtree(reader, prefixes, output);
                Assert.Equal(empty ? XmlNodeType.Element : XmlNodeType.EndElement, reader.NodeType);
                Assert.Equal(name, reader.Name);
                Assert.Equal(depth, reader.Depth);
                afterwards?.Invoke(reader);
                return output.ToArray();
            }
        }

        Assert.Fail("apex not found by the reader");
        return [];
    }

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
