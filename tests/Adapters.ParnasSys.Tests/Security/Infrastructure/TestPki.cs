using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>
/// A throw-away PKI built in memory for each test run: a root, a supplier certificate with an OIN, and one
/// certificate for each way a signer can be unacceptable.
/// </summary>
internal static class TestPki
{
    public const string SupplierOin = "00000099000000001234";
    public const string OtherSupplierOin = "00000099000000005678";

    /// <summary>The tests' "now": real time (truncated) so external tools that look at the clock agree.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static readonly Lazy<Certificates> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static X509Certificate2 Root => Instance.Value.Root;
    public static X509Certificate2 OtherRoot => Instance.Value.OtherRoot;
    public static X509Certificate2 Supplier => Instance.Value.Supplier;
    public static X509Certificate2 OtherSupplier => Instance.Value.OtherSupplier;
    public static X509Certificate2 Expired => Instance.Value.Expired;
    public static X509Certificate2 NotYetValid => Instance.Value.NotYetValid;
    public static X509Certificate2 WrongOin => Instance.Value.WrongOin;
    public static X509Certificate2 NoOin => Instance.Value.NoOin;
    public static X509Certificate2 SelfSigned => Instance.Value.SelfSigned;
    public static X509Certificate2 UnderOtherRoot => Instance.Value.UnderOtherRoot;
    public static X509Certificate2 NoDigitalSignature => Instance.Value.NoDigitalSignature;
    public static X509Certificate2 NoKeyUsage => Instance.Value.NoKeyUsage;
    public static X509Certificate2 Rsa1024 => Instance.Value.Rsa1024;
    public static X509Certificate2 Intermediate => Instance.Value.Intermediate;
    public static X509Certificate2 UnderIntermediate => Instance.Value.UnderIntermediate;

    private sealed record Certificates(
        X509Certificate2 Root,
        X509Certificate2 OtherRoot,
        X509Certificate2 Supplier,
        X509Certificate2 OtherSupplier,
        X509Certificate2 Expired,
        X509Certificate2 NotYetValid,
        X509Certificate2 WrongOin,
        X509Certificate2 NoOin,
        X509Certificate2 SelfSigned,
        X509Certificate2 UnderOtherRoot,
        X509Certificate2 NoDigitalSignature,
        X509Certificate2 NoKeyUsage,
        X509Certificate2 Rsa1024,
        X509Certificate2 Intermediate,
        X509Certificate2 UnderIntermediate);

    private static Certificates Create()
    {
        var rootKey = RSA.Create(2048);
        var otherRootKey = RSA.Create(2048);
        var leafKey = RSA.Create(2048);
        var smallKey = RSA.Create(1024);
        const X509KeyUsageFlags Signing = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;

        var intermediateKey = RSA.Create(2048);
        var root = CreateRoot("Test PKIoverheid Root", rootKey);
        var intermediate = CreateIntermediate(root, intermediateKey);
        var otherRoot = CreateRoot("Andere Test Root", otherRootKey);
        var valid = (From: Now.AddDays(-30), Until: Now.AddYears(1));

        return new Certificates(
            root,
            otherRoot,
            Issue(root, leafKey, "leverancier.test", SupplierOin, valid.From, valid.Until, Signing),
            Issue(root, leafKey, "andere-leverancier.test", OtherSupplierOin, valid.From, valid.Until, Signing),
            Issue(root, leafKey, "verlopen.test", SupplierOin, Now.AddYears(-2), Now.AddDays(-1), Signing),
            Issue(root, leafKey, "toekomst.test", SupplierOin, Now.AddDays(1), Now.AddYears(1), Signing),
            Issue(root, leafKey, "fout-oin.test", "HRN-12345678", valid.From, valid.Until, Signing),
            Issue(root, leafKey, "geen-oin.test", null, valid.From, valid.Until, Signing),
            SelfSign(leafKey, "zelf-ondertekend.test", SupplierOin, valid.From, valid.Until),
            Issue(otherRoot, leafKey, "andere-root.test", SupplierOin, valid.From, valid.Until, Signing),
            Issue(root, leafKey, "geen-digitalsignature.test", SupplierOin, valid.From, valid.Until, X509KeyUsageFlags.KeyEncipherment),
            Issue(root, leafKey, "geen-keyusage.test", SupplierOin, valid.From, valid.Until, null),
            Issue(root, smallKey, "rsa1024.test", SupplierOin, valid.From, valid.Until, Signing),
            intermediate,
            Issue(intermediate, leafKey, "via-intermediate.test", SupplierOin, valid.From, valid.Until, Signing));
    }

    private static X509Certificate2 CreateRoot(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}, O=Hulpvraag Gateway Tests, C=NL", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(Now.AddYears(-10), Now.AddYears(10));
    }

    private static X509Certificate2 CreateIntermediate(X509Certificate2 root, RSA key)
    {
        var request = new CertificateRequest("CN=Test Private Services CA, O=Hulpvraag Gateway Tests, C=NL", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var certificate = request.Create(root, Now.AddYears(-5), Now.AddYears(5), RandomNumberGenerator.GetBytes(16));
        return certificate.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Subject(string commonName, string? serialNumber)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("NL");
        builder.AddOrganizationName("Test Leverancier B.V.");
        if (serialNumber is not null)
        {
            builder.Add("2.5.4.5", serialNumber, UniversalTagNumber.PrintableString);
        }

        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, RSA key, string commonName, string? serialNumber,
        DateTimeOffset notBefore, DateTimeOffset notAfter, X509KeyUsageFlags? usage)
    {
        var request = new CertificateRequest(Subject(commonName, serialNumber), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (usage is { } flags)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, notBefore, notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 SelfSign(RSA key, string commonName, string serialNumber, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(Subject(commonName, serialNumber), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }
}
