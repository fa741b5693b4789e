using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Bench;

/// <summary>
/// Zero-cost access to the private helpers of <see cref="WsSecurityVerifier"/> (UnsafeAccessor, .NET 10), so the phase
/// profile runs the verifier's own code step by step instead of a copy of it; a renamed helper fails at the first call
/// with MissingMethodException / MissingFieldException, never silently. The profile's readers (EnvelopeReader,
/// SecurityHeaderReader, AddressingReader, SignatureReader, TimestampReader) are internal and visible to this
/// assembly, so PhaseProfile calls them directly and the compiler checks those calls.
/// </summary>
internal static class VerifierInternals
{
    private const string Assembly = ", Hulpvraag.Adapters.ParnasSys";
    private const string PreflightType = "Hulpvraag.Adapters.ParnasSys.Security.XmlPreflight" + Assembly;
    private const string SignerCacheType = "Hulpvraag.Adapters.ParnasSys.Security.SignerCache" + Assembly;
    private const string EntryType = "Hulpvraag.Adapters.ParnasSys.Security.SignerCache+Entry" + Assembly;
    private const string ExclusiveC14nType = "Hulpvraag.Adapters.ParnasSys.Security.ExclusiveC14n" + Assembly;

    // XmlPreflight (internal static class)
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckBytes")]
    public static extern VerificationResult? CheckBytes([UnsafeAccessorType(PreflightType)] object? type, ReadOnlySpan<byte> bytes, int maxBytes);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Scan")]
    public static extern VerificationResult? Scan([UnsafeAccessorType(PreflightType)] object? type, ArraySegment<byte> bytes, WsSecurityVerifierOptions options, NameTable nameTable, out Dictionary<string, int> idCounts);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CreateReaderSettings")]
    public static extern XmlReaderSettings CreateReaderSettings([UnsafeAccessorType(PreflightType)] object? type, int maxBytes, XmlNameTable? nameTable);

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
