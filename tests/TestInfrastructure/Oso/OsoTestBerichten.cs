using System.Formats.Asn1;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;

namespace Hulpvraag.Gateway.Tests.Infrastructure.Oso;

/// <summary>
/// What ParnasSys sends and answers, made with a throwaway PKI: the certificates, a signed notificatie and the
/// documentResponse (gw:swvAanvraag + a minimal OSO gegevensset 2019 dossier with one opp document). Written once for
/// the gateway tests that stand in for ParnasSys and for the OSO load tool (bench/oso/OsoLoad links this file), so a
/// change to the message shape reaches both.
/// </summary>
public static class OsoTestBerichten
{
    public const string DossierNs = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    /// <summary>A self-signed root that may only sign certificates, valid two days either side of <paramref name="nu"/>.</summary>
    public static X509Certificate2 Root(string naam, DateTimeOffset nu)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={naam}, O=Hulpvraag Gateway Test, C=NL", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(nu.AddDays(-2), nu.AddDays(2));
    }

    /// <summary>A signing certificate under <paramref name="root"/> carrying the OIN in its serialNumber, as PKIoverheid does.</summary>
    public static X509Certificate2 Certificaat(X509Certificate2 root, string naam, string oin, DateTimeOffset nu)
    {
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("NL");
        subject.AddOrganizationName("Hulpvraag Gateway Test");
        subject.Add("2.5.4.5", oin, UniversalTagNumber.PrintableString);
        subject.AddCommonName(naam);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var serienummer = RandomNumberGenerator.GetBytes(16);
        serienummer[0] &= 0x7F;
        using var certificaat = request.Create(root, nu.AddDays(-1), nu.AddDays(1), serienummer);
        return certificaat.CopyWithPrivateKey(key);
    }

    /// <summary>A signed notificatieRequest for a new koppelsleutel from school <paramref name="brin"/> to the gateway.</summary>
    public static byte[] Notificatie(WsSecuritySigner signer, string gatewayOin, string supplierOin, string brin, string kenmerk, out string koppelsleutel)
    {
        koppelsleutel = Guid.NewGuid().ToString().ToUpperInvariant();
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", brin), ("bronRouteringsKenmerk", kenmerk), ("doelBrin", "PO2806"),
            ("doelRouteringsKenmerk", gatewayOin), ("koppelsleutel", koppelsleutel), ("doel", "SWV"));
        return signer.Sign(body, new OutboundAddressing($"https://gateway.example/oso/v1/swv?oin={gatewayOin}",
            OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), supplierOin));
    }

    /// <summary>
    /// documentResponse for <paramref name="koppelsleutel"/> (element names and order as the official POSWV example and
    /// tests/Adapters.ParnasSys.Tests/Mapping/OsoTestDossiers.cs) with one opp document of <paramref name="pdfBytes"/> bytes.
    /// </summary>
    public static XmlElement DocumentResponse(string koppelsleutel, string brin, string schoolnaam, string omschrijving, long pdfBytes)
    {
        var d = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = d.CreateElement("oso", "documentResponse", OsoNamespaces.Oso);
        d.AppendChild(root);
        var gw = Kind(root, "gw", "swvAanvraag", OsoNamespaces.Gateway);
        Blad(gw, "gw", "samenwerkingsverband", OsoNamespaces.Gateway, "PO2806");
        Blad(gw, "gw", "aanvraagtype", OsoNamespaces.Gateway, "TLV -Nieuw");
        Blad(gw, "gw", "omschrijving", OsoNamespaces.Gateway, omschrijving);
        Blad(gw, "gw", "lasHulpvraagId", OsoNamespaces.Gateway, "PS-" + koppelsleutel);
        Blad(gw, "gw", "niveau", OsoNamespaces.Gateway, "leerling");
        var aanvrager = Kind(gw, "gw", "aanvrager", OsoNamespaces.Gateway);
        Blad(aanvrager, "gw", "naam", OsoNamespaces.Gateway, "J. de Vries");
        Blad(aanvrager, "gw", "functie", OsoNamespaces.Gateway, "IB");
        Blad(aanvrager, "gw", "email", OsoNamespaces.Gateway, "ib@school.nl");
        Blad(aanvrager, "gw", "telefoon", OsoNamespaces.Gateway, "0101234567");
        Blad(gw, "gw", "ingediendOp", OsoNamespaces.Gateway, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        var dossier = Kind(root, "", "dossier", DossierNs);
        Blad(Kind(dossier, "", "metadata", DossierNs), "", "overstap", DossierNs, "POSWV");
        Blad(dossier, "", "overdrachtsoort", DossierNs, "swv-dossier");
        var school = Kind(dossier, "", "huidigeschool", DossierNs);
        Blad(school, "", "naam", DossierNs, schoolnaam);
        Blad(school, "", "brincode", DossierNs, brin);
        Blad(school, "", "vestigingscode", DossierNs, "00");
        var leerling = Kind(school, "", "leerling", DossierNs);
        Blad(leerling, "", "voornaam", DossierNs, "Sam");
        Blad(leerling, "", "achternaam", DossierNs, "Jansen");
        Blad(leerling, "", "roepnaam", DossierNs, "Sam");
        Blad(leerling, "", "geboortedatum", DossierNs, "2017-03-17");
        Blad(leerling, "", "leerlingid", DossierNs, "LN-" + koppelsleutel[..8]);
        var opp = Kind(Kind(leerling, "", "onderwijsondersteuning", DossierNs), "", "opp", DossierNs);
        Blad(opp, "", "opp_ingangdatum", DossierNs, "2026-09-01");
        Blad(opp, "", "opp_einddatum", DossierNs, "2027-07-31");
        var document = Kind(opp, "", "document", DossierNs);
        Blad(document, "", "bestandsnaam", DossierNs, "opp.pdf");
        Blad(document, "", "omschrijving", DossierNs, "ontwikkelingsperspectiefplan");
        Blad(document, "", "bestandsinhoud", DossierNs, Convert.ToBase64String(ZipMetPdf("opp.pdf", pdfBytes)));
        return root;
    }

    /// <summary>A stored (uncompressed) ZIP holding one PDF of exactly <paramref name="bytes"/> bytes: "%PDF-1.4" then random filler.</summary>
    public static byte[] ZipMetPdf(string naam, long bytes)
    {
        var pdf = new byte[bytes];
        RandomNumberGenerator.Fill(pdf);
        var kop = "%PDF-1.4\n%"u8;
        kop[..(int)Math.Min(kop.Length, bytes)].CopyTo(pdf);
        using var ms = new MemoryStream((int)bytes + 512);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry(naam, CompressionLevel.NoCompression).Open())
        {
            entry.Write(pdf);
        }

        return ms.ToArray();
    }

    private static XmlElement Kind(XmlElement ouder, string prefix, string naam, string ns)
    {
        var e = ouder.OwnerDocument.CreateElement(prefix, naam, ns);
        ouder.AppendChild(e);
        return e;
    }

    private static void Blad(XmlElement ouder, string prefix, string naam, string ns, string waarde) =>
        Kind(ouder, prefix, naam, ns).InnerText = waarde;
}
