using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Bench;

/// <summary>
/// Zero-cost access to the private steps of <see cref="WsSecurityVerifier"/> (UnsafeAccessor, .NET 10), so the phase
/// profile runs the verifier's own code step by step instead of a copy of it. The names mirror
/// <c>WsSecurityVerifier.Verify</c> as of this benchmark; a renamed step fails at the first call with
/// MissingMethodException / MissingFieldException, never silently.
/// </summary>
internal static class VerifierInternals
{
    private const string Assembly = ", Hulpvraag.Adapters.ParnasSys";
    private const string PartsType = "Hulpvraag.Adapters.ParnasSys.Security.WsSecurityVerifier+Parts" + Assembly;
    private const string PreflightType = "Hulpvraag.Adapters.ParnasSys.Security.XmlPreflight" + Assembly;
    private const string SignerCacheType = "Hulpvraag.Adapters.ParnasSys.Security.SignerCache" + Assembly;
    private const string EntryType = "Hulpvraag.Adapters.ParnasSys.Security.SignerCache+Entry" + Assembly;
    private const string StreamingDigestsType = "Hulpvraag.Adapters.ParnasSys.Security.StreamingDigests" + Assembly;
    private const string ExclusiveC14nType = "Hulpvraag.Adapters.ParnasSys.Security.ExclusiveC14n" + Assembly;

    // XmlPreflight (internal static class)
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckBytes")]
    public static extern VerificationResult? CheckBytes([UnsafeAccessorType(PreflightType)] object? type, ReadOnlySpan<byte> bytes, int maxBytes);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Scan")]
    public static extern VerificationResult? Scan([UnsafeAccessorType(PreflightType)] object? type, ArraySegment<byte> bytes, WsSecurityVerifierOptions options, NameTable nameTable, out Dictionary<string, int> idCounts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CreateReaderSettings")]
    public static extern XmlReaderSettings CreateReaderSettings([UnsafeAccessorType(PreflightType)] object? type, int maxBytes, XmlNameTable? nameTable);

    // WsSecurityVerifier.Parts (private nested class)
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    [return: UnsafeAccessorType(PartsType)]
    public static extern object NewParts();

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Signature")]
    public static extern ref XmlElement? Signature([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Body")]
    public static extern ref XmlElement? Body([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Targets")]
    public static extern ref Dictionary<string, XmlElement> Targets([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "TokenBytes")]
    public static extern ref byte[]? TokenBytes([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Created")]
    public static extern ref DateTimeOffset Created([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Expires")]
    public static extern ref DateTimeOffset? Expires([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "ToValue")]
    public static extern ref string? ToValue([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "ActionValue")]
    public static extern ref string? ActionValue([UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "MessageIdValue")]
    public static extern ref string? MessageIdValue([UnsafeAccessorType(PartsType)] object parts);

    // WsSecurityVerifier structural steps
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ReadEnvelope")]
    public static extern VerificationResult? ReadEnvelope(WsSecurityVerifier? type, XmlDocument document, [UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ReadSecurity")]
    public static extern VerificationResult? ReadSecurity(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "ReadAddressing")]
    public static extern VerificationResult? ReadAddressing(WsSecurityVerifier verifier, [UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckSignatureProfile")]
    public static extern VerificationResult? CheckSignatureProfile(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ResolveReferences")]
    public static extern VerificationResult? ResolveReferences(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts, Dictionary<string, int> idCounts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckKeyInfo")]
    public static extern VerificationResult? CheckKeyInfo(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts, Dictionary<string, int> idCounts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ReadTimestamp")]
    public static extern VerificationResult? ReadTimestamp(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "CheckTimestampWindow")]
    public static extern VerificationResult? CheckTimestampWindow(WsSecurityVerifier verifier, [UnsafeAccessorType(PartsType)] object parts, DateTimeOffset now);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckCryptography")]
    public static extern bool CheckCryptography(WsSecurityVerifier? type, [UnsafeAccessorType(PartsType)] object parts, RSA key, [UnsafeAccessorType(StreamingDigestsType)] object? streaming);

    // ExclusiveC14n (internal static class): the canonicaliser CheckCryptography uses, for taking that phase apart.
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Digest")]
    public static extern byte[] ExcC14nDigest([UnsafeAccessorType(ExclusiveC14nType)] object? type, XmlElement apex, IReadOnlyList<string> inclusivePrefixes, HashAlgorithmName algorithm);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ParsePrefixList")]
    public static extern IReadOnlyList<string> ParsePrefixList([UnsafeAccessorType(ExclusiveC14nType)] object? type, string? prefixList);

    // SignerCache and its entries (internal)
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "Get")]
    [return: UnsafeAccessorType(EntryType)]
    public static extern object SignerCacheGet([UnsafeAccessorType(SignerCacheType)] object cache, byte[] tokenBytes);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "RentKey")]
    public static extern RSA RentKey([UnsafeAccessorType(EntryType)] object entry);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "ReturnKey")]
    public static extern void ReturnKey([UnsafeAccessorType(EntryType)] object entry, RSA key);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Certificate")]
    public static extern X509Certificate2 Certificate([UnsafeAccessorType(EntryType)] object entry);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_IsRsa")]
    public static extern bool IsRsa([UnsafeAccessorType(EntryType)] object entry);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_KeySize")]
    public static extern int KeySize([UnsafeAccessorType(EntryType)] object entry);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_HasDigitalSignatureUsage")]
    public static extern bool HasDigitalSignatureUsage([UnsafeAccessorType(EntryType)] object entry);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Oin")]
    public static extern string? Oin([UnsafeAccessorType(EntryType)] object entry);

    /// <summary>The verifier's own certificate cache (read once, by reflection: its field type is internal).</summary>
    public static object SignerCache(WsSecurityVerifier verifier) =>
        typeof(WsSecurityVerifier).GetField("_signers", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(verifier)
        ?? throw new MissingFieldException(nameof(WsSecurityVerifier), "_signers");
}
