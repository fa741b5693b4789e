using System.Security.Cryptography.Xml;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

/// <summary>
/// Test oracle: .NET's own XML-DSig implementation, which the verifier and the signer used before they moved to
/// <see cref="ExclusiveC14n"/>; both are checked against it. It resolves '#id' only to the elements our own checks
/// already pinned down (by node identity): the default resolution searches the whole document and ignores wsu:Id,
/// which is exactly what signature wrapping exploits.
/// </summary>
/// <remarks>
/// The constructor takes the element whose in-scope namespaces apply to SignedInfo. SignedXml(XmlDocument) would
/// use the document element, losing prefixes declared lower down (e.g. xmlns:wsa on soapenv:Header) that an
/// InclusiveNamespaces PrefixList on the CanonicalizationMethod asks to render: the Edukoppeling request vectors
/// only verify with the Signature element as context.
/// </remarks>
internal sealed class StrictSignedXml : SignedXml
{
    private readonly IReadOnlyDictionary<string, XmlElement> _targets;

    public StrictSignedXml(XmlElement namespaceContext, IReadOnlyDictionary<string, XmlElement> targets)
        : base(namespaceContext)
    {
        _targets = targets;
    }

    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
        _targets.TryGetValue(idValue, out var element) ? element : null;
}
