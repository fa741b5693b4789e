using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Fuzz;

public enum MutationKind
{
    FlipTextCharacter,
    ChangeAttribute,
    AddAttribute,
    InsertElement,
    RemoveElement,
    HollowOut,
    FillElement,
    AddWhitespace,
    AddComment,
    AddNamespaceDeclaration,
    AddId,
    DuplicateSignedPart,
    WrapSignedPart,
}

/// <summary>One mutation, fully determined by the kind and three picks (indexes taken modulo what is there).</summary>
public sealed record Mutation(MutationKind Kind, int Pick, int Where, int Variant);

/// <summary>
/// Applies a <see cref="Mutation"/> to a signed message and says whether it certainly changed the canonical form of
/// a signed part (an element a Reference names, any id form, or ds:SignedInfo): such a message must never verify.
/// </summary>
internal static class Mutator
{
    private const string FuzzNamespace = "urn:fuzz";

    public static bool Apply(XmlDocument document, Mutation mutation)
    {
        var signed = SignedParts(document);
        var all = document.GetElementsByTagName("*").OfType<XmlElement>().ToList();
        var inside = all.Where(e => Within(e, signed)).ToList();
        switch (mutation.Kind)
        {
            case MutationKind.FlipTextCharacter:
            {
                var texts = all.SelectMany(e => e.ChildNodes.OfType<XmlNode>())
                    .Where(n => n.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace && n.Value!.Length > 0).ToList();
                if (texts.Count == 0)
                {
                    return false;
                }

                var text = texts[mutation.Pick % texts.Count];
                var value = text.Value!;
                var at = mutation.Where % value.Length;
                var replacement = value[at] == 'Q' ? 'q' : 'Q';
                var parent = (XmlElement)text.ParentNode!;
                var changed = string.Concat(value.AsSpan(0, at), replacement.ToString(), value.AsSpan(at + 1));
                if (text.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    parent.ReplaceChild(document.CreateTextNode(changed), text);
                }
                else
                {
                    text.Value = changed;
                }

                return Within(parent, signed);
            }

            case MutationKind.ChangeAttribute:
            {
                var attributes = all.SelectMany(e => e.Attributes.OfType<XmlAttribute>()).Where(a => a.NamespaceURI != WsNamespaces.Xmlns).ToList();
                if (attributes.Count == 0)
                {
                    return false;
                }

                var attribute = attributes[mutation.Pick % attributes.Count];
                attribute.Value += "x";
                return Within(attribute.OwnerElement!, signed);
            }

            case MutationKind.AddAttribute:
            {
                var element = Pick(all, inside, mutation);
                element.SetAttribute("fz" + mutation.Variant % 7, "waarde");
                return Within(element, signed);
            }

            case MutationKind.InsertElement:
            {
                var element = Pick(all, inside, mutation);
                var extra = document.CreateElement("fz", "extra", FuzzNamespace);
                element.InsertBefore(extra, ChildAt(element, mutation.Variant));
                return Within(element, signed);
            }

            case MutationKind.RemoveElement:
            {
                var element = Pick(all, inside, mutation);
                if (element.ParentNode is not XmlElement parent)
                {
                    return false;
                }

                parent.RemoveChild(element);
                return Within(parent, signed) || signed.Contains(element);
            }

            case MutationKind.HollowOut:
            {
                var element = Pick(all, inside, mutation);
                var hadContent = element.ChildNodes.OfType<XmlNode>().Any(n => n.NodeType != XmlNodeType.Comment && n.NodeType != XmlNodeType.ProcessingInstruction);
                while (element.FirstChild is not null)
                {
                    element.RemoveChild(element.FirstChild);
                }

                return hadContent && Within(element, signed);
            }

            case MutationKind.FillElement:
            {
                var element = Pick(all, inside, mutation);
                var filler = document.CreateElement(element.Prefix, "ingevoegd", element.NamespaceURI);
                filler.InnerText = "na ondertekening";
                element.AppendChild(filler);
                return Within(element, signed);
            }

            case MutationKind.AddWhitespace:
            {
                var element = Pick(all, inside, mutation);
                element.InsertBefore(document.CreateWhitespace(mutation.Variant % 2 == 0 ? " " : "\n\t"), ChildAt(element, mutation.Variant));
                return Within(element, signed);
            }

            case MutationKind.AddComment:
            {
                var element = Pick(all, inside, mutation);
                element.InsertBefore(document.CreateComment(" fuzz "), ChildAt(element, mutation.Variant));
                return false;
            }

            case MutationKind.AddNamespaceDeclaration:
            {
                // An unused prefix that no PrefixList names: exclusive c14n does not render it.
                var element = Pick(all, inside, mutation);
                element.SetAttribute("xmlns:fz" + mutation.Variant % 3, FuzzNamespace);
                return false;
            }

            case MutationKind.AddId:
            {
                var element = Pick(all, inside, mutation);
                var references = Signature(document)?.GetElementsByTagName("Reference", WsNamespaces.Ds).OfType<XmlElement>().ToList() ?? [];
                var value = references.Count > 0 && mutation.Variant % 2 == 0
                    ? references[mutation.Variant / 2 % references.Count].GetAttribute("URI").TrimStart('#')
                    : "fz-id-" + mutation.Variant;
                var (local, ns) = (mutation.Variant % 4) switch
                {
                    0 => ("Id", WsNamespaces.Wsu),
                    1 => ("Id", string.Empty),
                    2 => ("ID", string.Empty),
                    _ => ("id", WsNamespaces.Xml),
                };
                if (element.GetAttributeNode(local, ns)?.Value == value)
                {
                    // Already there with this value: nothing changed.
                    return false;
                }

                element.SetAttribute(local, ns, value);
                return Within(element, signed);
            }

            case MutationKind.DuplicateSignedPart:
            {
                if (signed.Count == 0)
                {
                    return false;
                }

                var part = signed[mutation.Pick % signed.Count];
                var host = all[mutation.Where % all.Count];
                var copy = (XmlElement)part.CloneNode(deep: true);
                host.InsertBefore(copy, ChildAt(host, mutation.Variant));
                return Within(host, signed);
            }

            default:
            {
                // Signature wrapping: the signed part moves elsewhere, a forged copy takes its place.
                if (signed.Count == 0)
                {
                    return false;
                }

                var part = signed[mutation.Pick % signed.Count];
                var hosts = all.Where(e => !ReferenceEquals(e, part) && !IsAncestorOrSelf(part, e)).ToList();
                if (part.ParentNode is not XmlNode place || hosts.Count == 0)
                {
                    return false;
                }

                var forged = (XmlElement)part.CloneNode(deep: true);
                var firstText = forged.SelectSingleNode("descendant::text()[normalize-space()]");
                if (firstText is not null)
                {
                    firstText.Value = "vervalst-" + firstText.Value;
                }

                place.ReplaceChild(forged, part);
                var host = hosts[mutation.Where % hosts.Count];
                host.InsertBefore(part, ChildAt(host, mutation.Variant));
                return false;
            }
        }
    }

    /// <summary>Elements named by a ds:Reference of the first Signature (by any id form), and ds:SignedInfo.</summary>
    public static List<XmlElement> SignedParts(XmlDocument document)
    {
        var parts = new List<XmlElement>();
        if (Signature(document) is not { } signature)
        {
            return parts;
        }

        foreach (var reference in signature.GetElementsByTagName("Reference", WsNamespaces.Ds).OfType<XmlElement>())
        {
            var uri = reference.GetAttribute("URI");
            if (uri.Length > 1 && OwnResigner.FindAnyId(document, uri[1..]) is { } target && !parts.Contains(target))
            {
                parts.Add(target);
            }
        }

        if (signature.GetElementsByTagName("SignedInfo", WsNamespaces.Ds)[0] is XmlElement signedInfo)
        {
            parts.Add(signedInfo);
        }

        return parts;
    }

    private static XmlElement? Signature(XmlDocument document) => document.GetElementsByTagName("Signature", WsNamespaces.Ds)[0] as XmlElement;

    /// <summary>Half of the picks land inside a signed part, so the "never accepted" property is exercised often.</summary>
    private static XmlElement Pick(List<XmlElement> all, List<XmlElement> inside, Mutation mutation) =>
        inside.Count > 0 && mutation.Where % 2 == 0 ? inside[mutation.Pick % inside.Count] : all[mutation.Pick % all.Count];

    private static XmlNode? ChildAt(XmlElement element, int index) =>
        element.ChildNodes.Count == 0 ? null : element.ChildNodes[index % (element.ChildNodes.Count + 1)];

    private static bool Within(XmlElement element, List<XmlElement> signed) => signed.Exists(part => IsAncestorOrSelf(part, element));

    private static bool IsAncestorOrSelf(XmlNode ancestor, XmlNode node)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
        {
            if (ReferenceEquals(n, ancestor))
            {
                return true;
            }
        }

        return false;
    }
}
