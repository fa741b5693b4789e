using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>One ds:Reference of SignedInfo with the local id it names.</summary>
internal readonly record struct SignedReference(string Id, XmlElement Reference);

/// <summary>ds:Signature in the profile's shape: SignedInfo (allowed algorithms, 1 to 10 References), SignatureValue, KeyInfo.</summary>
internal sealed record SignatureParts(XmlElement Signature, XmlElement KeyInfo, IReadOnlyList<SignedReference> References);

/// <summary>
/// The elements the References are pinned to, by id, and the Reference that pinned the Body (the streamed digest of a
/// pulled dossier follows exactly that Reference's parameters).
/// </summary>
internal sealed record SignedTargets(IReadOnlyDictionary<string, XmlElement> Targets, XmlElement BodyReference);

/// <summary>The signature half of the profile: its structure and algorithms, strict reference resolution, and KeyInfo.</summary>
internal static class SignatureReader
{
    private const int MaxReferences = 10;
    internal const int MaxTransformsPerReference = 2;

    public static ReadResult<SignatureParts> Read(XmlElement signature)
    {
        if (ChildElements(signature, out var children) is { } textFailure)
        {
            return textFailure;
        }

        if (children.Count < 1 || !Is(children[0], "SignedInfo", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignedInfo ontbreekt of staat niet vooraan");
        }

        if (children.Count < 2 || !Is(children[1], "SignatureValue", NS.Ds) || HasChildElements(children[1]))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignatureValue ontbreekt of staat niet na ds:SignedInfo");
        }

        if (children.Count < 3 || !Is(children[2], "KeyInfo", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:KeyInfo ontbreekt of staat niet na ds:SignatureValue");
        }

        if (children.Count > 3)
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(children[3]) + " is niet toegestaan in ds:Signature");
        }

        if (ChildElements(children[0], out var signedInfo) is { } signedInfoText)
        {
            return signedInfoText;
        }

        if (signedInfo.Count < 1 || !Is(signedInfo[0], "CanonicalizationMethod", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:CanonicalizationMethod ontbreekt");
        }

        var c14n = signedInfo[0].GetAttribute("Algorithm");
        if (c14n != NS.ExcC14n)
        {
            return FailureCatalog.Fail(R.CanonicalizationNotAllowed, "gevonden: " + AlgorithmName(c14n));
        }

        if (!HasOnlyInclusiveNamespaces(signedInfo[0]))
        {
            return FailureCatalog.Fail(R.CanonicalizationNotAllowed, "alleen ec:InclusiveNamespaces met PrefixList is toegestaan als inhoud");
        }

        if (signedInfo.Count < 2 || !Is(signedInfo[1], "SignatureMethod", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignatureMethod ontbreekt");
        }

        var signatureMethod = signedInfo[1].GetAttribute("Algorithm");
        if (signatureMethod is not (NS.RsaSha256 or NS.RsaSha384 or NS.RsaSha512))
        {
            return FailureCatalog.Fail(R.SignatureMethodNotAllowed, "gevonden: " + AlgorithmName(signatureMethod));
        }

        if (HasChildElements(signedInfo[1]))
        {
            return FailureCatalog.Fail(R.SignatureMethodNotAllowed, "ds:SignatureMethod mag geen inhoud hebben");
        }

        for (var i = 2; i < signedInfo.Count; i++)
        {
            if (!Is(signedInfo[i], "Reference", NS.Ds))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(signedInfo[i]) + " is niet toegestaan in ds:SignedInfo");
            }
        }

        var referenceCount = signedInfo.Count - 2;
        if (referenceCount == 0)
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:SignedInfo bevat geen ds:Reference");
        }

        if (referenceCount > MaxReferences)
        {
            return FailureCatalog.Fail(R.TooManyReferences);
        }

        var references = new List<SignedReference>(referenceCount);
        for (var i = 2; i < signedInfo.Count; i++)
        {
            if (CheckReference(signedInfo[i], references) is { } failure)
            {
                return failure;
            }
        }

        return new SignatureParts(signature, children[2], references);
    }

    private static VerificationResult? CheckReference(XmlElement reference, List<SignedReference> references)
    {
        var uri = reference.GetAttributeNode("URI");
        if (uri is null || !TryLocalId(uri.Value, out var id))
        {
            return FailureCatalog.Fail(R.ReferenceUriInvalid);
        }

        if (ChildElements(reference, out var children) is { } textFailure)
        {
            return textFailure;
        }

        if (children.Count < 1 || !Is(children[0], "Transforms", NS.Ds))
        {
            return FailureCatalog.Fail(R.TransformCountInvalid, "ds:Transforms ontbreekt");
        }

        if (children.Count != 3 || !Is(children[1], "DigestMethod", NS.Ds) || !Is(children[2], "DigestValue", NS.Ds))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:Reference moet precies ds:Transforms, ds:DigestMethod en ds:DigestValue bevatten");
        }

        if (ChildElements(children[0], out var transforms) is { } transformsText)
        {
            return transformsText;
        }

        if (transforms.Count is < 1 or > MaxTransformsPerReference)
        {
            return FailureCatalog.Fail(R.TransformCountInvalid, $"gevonden: {transforms.Count}");
        }

        foreach (var transform in transforms)
        {
            if (!Is(transform, "Transform", NS.Ds))
            {
                return FailureCatalog.Fail(R.SignatureStructureInvalid, Describe(transform) + " is niet toegestaan in ds:Transforms");
            }

            var algorithm = transform.GetAttribute("Algorithm");
            if (algorithm != NS.ExcC14n)
            {
                return FailureCatalog.Fail(R.TransformNotAllowed, "gevonden: " + AlgorithmName(algorithm));
            }

            if (!HasOnlyInclusiveNamespaces(transform))
            {
                return FailureCatalog.Fail(R.TransformNotAllowed, "alleen ec:InclusiveNamespaces met PrefixList is toegestaan als inhoud");
            }
        }

        var digest = children[1].GetAttribute("Algorithm");
        if (digest is not (NS.Sha256 or NS.Sha384 or NS.Sha512) || HasChildElements(children[1]))
        {
            return FailureCatalog.Fail(R.DigestMethodNotAllowed, "gevonden: " + AlgorithmName(digest));
        }

        if (HasChildElements(children[2]))
        {
            return FailureCatalog.Fail(R.SignatureStructureInvalid, "ds:DigestValue mag alleen tekst bevatten");
        }

        references.Add(new SignedReference(id, reference));
        return null;
    }

    /// <summary>
    /// Each reference must name an id that occurs exactly once in the whole document, carried by exactly the
    /// element the profile expects in exactly its place; the result pins SignedXml to those nodes.
    /// </summary>
    public static ReadResult<SignedTargets> Resolve(SignatureParts signature, EnvelopeParts envelope, SecurityParts security, Dictionary<string, int> idCounts)
    {
        // Small fixed set: a linear scan beats building a dictionary.
        var candidates = new List<(XmlElement Element, string Name, bool Required)>(envelope.Addressing.Count + 3)
        {
            (envelope.Body, "soapenv:Body", true),
            (security.Timestamp, "wsu:Timestamp", true),
            (security.Token, "wsse:BinarySecurityToken", false),
        };
        foreach (var header in envelope.Addressing)
        {
            candidates.Add((header, Describe(header), true));
        }

        var covered = new bool[candidates.Count];
        var targets = new Dictionary<string, XmlElement>(signature.References.Count, StringComparer.Ordinal);
        XmlElement? bodyReference = null;
        foreach (var (id, reference) in signature.References)
        {
            var occurrences = idCounts.GetValueOrDefault(id);
            if (occurrences == 0)
            {
                return FailureCatalog.Fail(R.ReferenceTargetNotFound);
            }

            if (occurrences > 1)
            {
                return FailureCatalog.Fail(R.DuplicateId);
            }

            var index = candidates.FindIndex(c => HasId(c.Element, id));
            if (index < 0)
            {
                // The id is in place but in another attribute: say which rule refused it (profile: wsu:Id only).
                return candidates.Exists(c => HasOtherId(c.Element, id))
                    ? FailureCatalog.Fail(R.SignedPartIdNotWsuId)
                    : FailureCatalog.Fail(R.ReferenceTargetMisplaced);
            }

            if (covered[index])
            {
                return FailureCatalog.Fail(R.DuplicateReference);
            }

            covered[index] = true;
            targets[id] = candidates[index].Element;
            if (index == 0)
            {
                bodyReference = reference;
            }
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Required && !covered[i])
            {
                return FailureCatalog.Fail(R.RequiredPartNotSigned, candidates[i].Name + " heeft geen eigen ds:Reference");
            }
        }

        // The Body is a required candidate, so a message that got here has its Reference.
        return bodyReference is null
            ? FailureCatalog.Fail(R.RequiredPartNotSigned, "soapenv:Body heeft geen eigen ds:Reference")
            : new SignedTargets(targets, bodyReference);
    }

    public static VerificationResult? CheckKeyInfo(SignatureParts signature, XmlElement token, Dictionary<string, int> idCounts)
    {
        if (ChildElements(signature.KeyInfo, out var keyInfo) is not null
            || keyInfo.Count != 1 || !Is(keyInfo[0], "SecurityTokenReference", NS.Wsse)
            || ChildElements(keyInfo[0], out var str) is not null
            || str.Count != 1 || !Is(str[0], "Reference", NS.Wsse) || HasChildElements(str[0]))
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        var valueType = str[0].GetAttributeNode("ValueType");
        if (valueType is not null && valueType.Value != NS.X509v3ValueType)
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        if (!TryLocalId(str[0].GetAttribute("URI"), out var id) || idCounts.GetValueOrDefault(id) != 1 || !HasId(token, id))
        {
            return FailureCatalog.Fail(R.KeyInfoInvalid);
        }

        return null;
    }
}
