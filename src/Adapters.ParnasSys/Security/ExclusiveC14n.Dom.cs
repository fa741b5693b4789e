using System.Security.Cryptography;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Security;

internal static partial class ExclusiveC14n
{
    /// <summary>
    /// The digest of the exc-c14n form of <paramref name="apex"/> and its descendants, the namespace context being the
    /// apex's in-scope namespaces in its document. Used for "#id" References and for ds:SignedInfo (whose context is
    /// then ds:Signature and its ancestors, which the Edukoppeling PrefixLists rely on).
    /// </summary>
    public static byte[] Digest(XmlElement apex, IReadOnlyList<string> inclusivePrefixes, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(apex);
        return Run(apex, WriteDom, inclusivePrefixes, algorithm, copy: null);
    }

    /// <summary>Writes the canonical bytes themselves (tests, diagnostics); the verifier only needs <see cref="Digest(XmlElement, IReadOnlyList{string}, HashAlgorithmName)"/>.</summary>
    public static void Canonicalize(XmlElement apex, IReadOnlyList<string> inclusivePrefixes, Stream output)
    {
        ArgumentNullException.ThrowIfNull(apex);
        ArgumentNullException.ThrowIfNull(output);
        Run(apex, WriteDom, inclusivePrefixes, HashAlgorithmName.SHA256, output);
    }

    // Iterative, so a deep element costs no stack; the verifier's depth limit applies before this anyway.
    private static void WriteDom(Writer writer, XmlElement apex)
    {
        StartDomElement(writer, apex, isApex: true);
        XmlNode? node = apex.FirstChild;
        if (node is null)
        {
            writer.EndElement();
            return;
        }

        while (true)
        {
            switch (node.NodeType)
            {
                case XmlNodeType.Element:
                    StartDomElement(writer, (XmlElement)node, isApex: false);
                    if (node.FirstChild is { } first)
                    {
                        node = first;
                        continue;
                    }

                    writer.EndElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteText(node.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    var instruction = (XmlProcessingInstruction)node;
                    writer.WriteProcessingInstruction(instruction.Target, instruction.Data);
                    break;
                case XmlNodeType.Comment:
                    break;
                default:
                    // Entity references cannot occur: documents are parsed with DtdProcessing.Prohibit.
                    throw new NotSupportedException("Exclusive c14n: unexpected node type " + node.NodeType);
            }

            while (node.NextSibling is null)
            {
                // The walk started below the apex, so every ancestor up to it exists.
                node = node.ParentNode ?? throw new InvalidOperationException("Exclusive c14n left the document above the apex.");
                writer.EndElement();
                if (ReferenceEquals(node, apex))
                {
                    return;
                }
            }

            node = node.NextSibling;
        }
    }

    private static void StartDomElement(Writer writer, XmlElement element, bool isApex)
    {
        writer.StartElement(element.Name, element.Prefix, element.NamespaceURI);
        if (isApex)
        {
            // Declarations above the apex are in scope for the PrefixList; below it only the element's own count,
            // the rest is already rendered or not.
            foreach (var prefix in writer.InclusivePrefixes)
            {
                var uri = element.GetNamespaceOfPrefix(prefix);
                if (prefix.Length == 0 || uri.Length > 0)
                {
                    writer.AddNamespaceDeclaration(prefix, uri);
                }
            }
        }

        if (!element.HasAttributes)
        {
            writer.WriteStartTag();
            return;
        }

        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.NamespaceURI == WsNamespaces.Xmlns)
            {
                if (!isApex)
                {
                    writer.AddNamespaceDeclaration(attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName, attribute.Value);
                }
            }
            else
            {
                writer.AddAttribute(attribute.Name, attribute.Prefix, attribute.LocalName, attribute.NamespaceURI, attribute.Value);
            }
        }

        writer.WriteStartTag();
    }
}
