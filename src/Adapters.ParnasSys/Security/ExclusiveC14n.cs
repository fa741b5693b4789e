using System.Security.Cryptography;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#) of one element and
/// its descendants, written as UTF-8 straight into a hash. Two front ends feed the same writer: a DOM element
/// (<see cref="Digest(System.Xml.XmlElement, IReadOnlyList{string}, HashAlgorithmName)"/>) and an
/// <see cref="System.Xml.XmlReader"/> positioned on the element (<see cref="DigestSubtree"/>); both give the same bytes.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>SignedXml</c>: per Reference it serialises the element, re-parses it, copies it again into its own
/// document type and only then canonicalises; that was 82 % of a verification (docs/performance.md). Here nothing is
/// copied: the output goes through a small pooled buffer into <see cref="IncrementalHash"/>.
/// </para>
/// <para>
/// The namespace context of the apex is its in-scope namespaces (for the DOM in its own document, for the reader the
/// reader's scope), as for any exc-c14n of a document subset. Deliberate difference from <c>SignedXml</c>: it copies
/// the ancestors' <c>xml:*</c> attributes onto the apex, which inclusive c14n does but exclusive c14n must not
/// (exc-c14n §3); we follow the specification, as Apache Santuario and xmlsec1 do.
/// </para>
/// <para>
/// PrefixList entries are prefixes as written in ec:InclusiveNamespaces/@PrefixList; the default namespace may be
/// given as <c>#default</c> (or as the empty string). <c>xml</c> and <c>xmlns</c> never render.
/// </para>
/// </remarks>
internal static partial class ExclusiveC14n
{
    /// <summary>
    /// One canonicalisation with a pooled writer: <paramref name="write"/> drives it from a DOM element or a reader,
    /// the digest comes back (and the canonical bytes go to <paramref name="copy"/> when given).
    /// </summary>
    private static byte[] Run<TSource>(TSource source, Action<Writer, TSource> write, IReadOnlyList<string> inclusivePrefixes,
        HashAlgorithmName algorithm, Stream? copy)
    {
        var writer = Writer.Rent(inclusivePrefixes, algorithm, copy);
        try
        {
            write(writer, source);
            return writer.Finish();
        }
        finally
        {
            Writer.Return(writer);
        }
    }

    /// <summary>The PrefixList token for the default namespace.</summary>
    public const string DefaultPrefixToken = "#default";

    /// <summary>
    /// Splits a PrefixList attribute value (xs:NMTOKENS: XML whitespace separated) into its tokens, in document
    /// order, <c>#default</c> kept as written. Null or blank gives an empty list.
    /// </summary>
    public static IReadOnlyList<string> ParsePrefixList(string? prefixList)
    {
        if (string.IsNullOrEmpty(prefixList))
        {
            return [];
        }

        return prefixList.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The hash for a ds:DigestMethod / ds:SignatureMethod URI the profile allows, or null.</summary>
    public static HashAlgorithmName? HashForDigestMethod(string uri) => uri switch
    {
        WsNamespaces.Sha256 => HashAlgorithmName.SHA256,
        WsNamespaces.Sha384 => HashAlgorithmName.SHA384,
        WsNamespaces.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>The hash of an RSA PKCS#1 v1.5 ds:SignatureMethod URI the profile allows, or null.</summary>
    public static HashAlgorithmName? HashForSignatureMethod(string uri) => uri switch
    {
        WsNamespaces.RsaSha256 => HashAlgorithmName.SHA256,
        WsNamespaces.RsaSha384 => HashAlgorithmName.SHA384,
        WsNamespaces.RsaSha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>
    /// The prefixes two exc-c14n transforms in a row leave: the second one only sees the namespace declarations the
    /// first one rendered, so a prefix is inclusive overall only when both lists name it (in the order of the second).
    /// </summary>
    public static IReadOnlyList<string> ChainPrefixLists(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var result = new List<string>(second.Count);
        foreach (var prefix in second)
        {
            var normalized = Normalize(prefix);
            foreach (var other in first)
            {
                if (string.Equals(Normalize(other), normalized, StringComparison.Ordinal))
                {
                    result.Add(prefix);
                    break;
                }
            }
        }

        return result;
    }

    private static string Normalize(string prefix) =>
        string.Equals(prefix, DefaultPrefixToken, StringComparison.Ordinal) ? string.Empty : prefix;
}
