using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Gateway.Tests.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.TestMessages;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Fuzz;

/// <param name="Conformance">Verified as the recorded vectors are (token key only, no time window).</param>
/// <param name="Signer">The signing certificate when known (xmlsec1 needs it).</param>
internal sealed record Specimen(string Name, byte[] Message, bool Conformance, X509Certificate2? Signer);

/// <summary>Valid signed messages from every signer the project has, for the mutation properties.</summary>
internal static class SignedCorpus
{
    public static List<Specimen> Build(bool withVectors)
    {
        var supplier = TestPki.Supplier;
        var list = new List<Specimen>
        {
            new("own-notificatie", Sign(), false, supplier),
            new("own-documentResponse", Sign(body: FilledDocumentResponse()), false, supplier),
            new("signedxml-prefixlist", Resigned(new Resigner { Transforms = () => [new XmlDsigExcC14NTransform("soapenv wsa #default")] }), false, supplier),
            new("signedxml-two-transforms", Resigned(new Resigner { Transforms = () => [new XmlDsigExcC14NTransform("soapenv wsa"), new XmlDsigExcC14NTransform("wsa wsu")] }), false, supplier),
            new("signedxml-sha512", Resigned(new Resigner { DigestMethod = WsNamespaces.Sha512, SignatureMethod = WsNamespaces.RsaSha512 }), false, supplier),
        };
        foreach (var variant in Enum.GetValues<BodyIdVariantTests.BodyIds>())
        {
            list.Add(new("id-" + variant, BodyIdVariantTests.Signed(variant), false, supplier));
        }

        list.Add(new("xmlsec1", XmlSecSigned(), false, supplier));
        // The reference tests' rule (ReferenceFolder): absent on a developer's machine the long run goes on without them.
        if (withVectors && ReferenceFolder.SkipReason is null)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(ReferenceData.EdukoppelingVectors, "valid"), "*.xml").Order(StringComparer.Ordinal))
            {
                list.Add(new("vector-" + Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file), true, null));
            }
        }

        return list;
    }

    /// <summary>A documentResponse whose dossier has content worth mutating: escapes, non-BMP text, a default namespace, attributes.</summary>
    public static XmlElement FilledDocumentResponse()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml($"""
            <oso:documentResponse xmlns:oso="{OsoNamespace}"><gw:swvAanvraag xmlns:gw="urn:hulpvraag-gateway:oso:2026"><gw:lasHulpvraagId>PS-000123</gw:lasHulpvraagId><gw:omschrijving>TLV &amp; OPP &lt;nieuw&gt; 😀 "ok"</gw:omschrijving></gw:swvAanvraag>
            <dossier xmlns="{DossierOphaler.OsoDossierNamespace}" versie="2019"><leerling><roepnaam>Jan</roepnaam><geboortedatum>2015-03-01</geboortedatum></leerling>
              <document soort="opp"><bestandsnaam>opp.pdf</bestandsnaam><bestandsinhoud>UEsDBAoAAAAAAA==</bestandsinhoud></document><!-- geen commentaar in de digest --></dossier></oso:documentResponse>
            """);
        return document.DocumentElement!;
    }

    private static byte[] Resigned(Resigner resigner)
    {
        var document = Load(Sign(body: FilledDocumentResponse()));
        resigner.Resign(document, TestPki.Supplier);
        return Save(document);
    }

    private static byte[] XmlSecSigned()
    {
        var directory = Directory.CreateTempSubdirectory("hulpvraag-fuzz-xmlsec-");
        try
        {
            var template = Path.Combine(directory.FullName, "template.xml");
            File.WriteAllText(template, XmlSecInteropTests.Template(), new UTF8Encoding(false));
            using var key = TestPki.Supplier.GetRSAPrivateKey()!;
            var keyFile = Path.Combine(directory.FullName, "key.pem");
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
            var output = Path.Combine(directory.FullName, "signed.xml");
            var (exitCode, log) = XmlSec.Run([.. new[] { "--sign", "--privkey-pem", keyFile, "--output", output }, .. XmlSec.IdAttributes, template]);
            Assert.True(exitCode == 0, log);
            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
