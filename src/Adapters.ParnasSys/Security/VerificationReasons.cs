namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Stable English keys naming the check that refused a message. They are meant for logs, metrics and
/// tests; the Dutch <see cref="VerificationResult.Melding"/> is what a vendor's engineer reads.
/// </summary>
public static class VerificationReasons
{
    // Size, encoding and parsing (before and while building the DOM).
    public const string MessageEmpty = "message-empty";
    public const string MessageTooLarge = "message-too-large";
    public const string NotUtf8 = "not-utf8";
    public const string EncodingNotUtf8 = "encoding-declaration-not-utf8";
    public const string DoctypeProhibited = "doctype-prohibited";
    public const string TooDeep = "too-deep";
    public const string TooManyElements = "too-many-elements";
    public const string TooManyAttributes = "too-many-attributes";
    public const string MalformedXml = "malformed-xml";

    // SOAP envelope and header blocks.
    public const string NotSoap11Envelope = "not-soap11-envelope";

    /// <summary>A SOAP 1.2 envelope: answered with a SOAP 1.1 VersionMismatch fault, not a Client fault.</summary>
    public const string SoapVersionMismatch = "soap-version-mismatch";
    public const string EnvelopeStructureInvalid = "envelope-structure-invalid";
    public const string UnknownHeader = "unknown-header";
    public const string DuplicateHeader = "duplicate-header";
    public const string SecurityHeaderMissing = "security-header-missing";
    public const string ToMissing = "to-missing";
    public const string ActionMissing = "action-missing";
    public const string MessageIdMissing = "message-id-missing";
    public const string AddressingValueInvalid = "addressing-value-invalid";
    public const string RecipientMismatch = "recipient-mismatch";

    /// <summary>wsa:From names another OIN than the signing certificate's (only when the options ask for it).</summary>
    public const string SenderNotSigner = "sender-not-signer";

    // wsse:Security content.
    public const string SecurityStructureInvalid = "security-structure-invalid";
    public const string TokenInvalid = "token-invalid";
    public const string TokenTooLarge = "token-too-large";
    public const string TimestampMissing = "timestamp-missing";
    public const string TimestampInvalid = "timestamp-invalid";
    public const string TimestampExpired = "timestamp-expired";
    public const string TimestampExpiresPassed = "timestamp-expires-passed";
    public const string TimestampInFuture = "timestamp-in-future";

    // ds:Signature profile.
    public const string SignatureStructureInvalid = "signature-structure-invalid";
    public const string CanonicalizationNotAllowed = "canonicalization-not-allowed";
    public const string SignatureMethodNotAllowed = "signature-method-not-allowed";
    public const string TooManyReferences = "too-many-references";
    public const string ReferenceUriInvalid = "reference-uri-invalid";
    public const string TransformCountInvalid = "transform-count-invalid";
    public const string TransformNotAllowed = "transform-not-allowed";
    public const string DigestMethodNotAllowed = "digest-method-not-allowed";
    public const string DuplicateId = "duplicate-id";
    public const string ReferenceTargetNotFound = "reference-target-not-found";
    public const string ReferenceTargetMisplaced = "reference-target-misplaced";
    public const string SignedPartIdNotWsuId = "signed-part-id-not-wsu-id";
    public const string DuplicateReference = "duplicate-reference";
    public const string RequiredPartNotSigned = "required-part-not-signed";
    public const string KeyInfoInvalid = "keyinfo-invalid";
    public const string KeyNotRsa = "key-not-rsa";
    public const string SignatureInvalid = "signature-invalid";

    // Signer certificate.
    public const string KeyTooSmall = "key-too-small";
    public const string CertificateKeyUsage = "certificate-key-usage";
    public const string CertificateOinInvalid = "certificate-oin-invalid";
    public const string CertificateExpired = "certificate-expired";
    public const string CertificateNotYetValid = "certificate-not-yet-valid";
    public const string CertificateUntrusted = "certificate-untrusted";

    // Replay memory.
    public const string MessageReplayed = "message-replayed";
}
