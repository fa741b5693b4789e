using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;

var rootKey = RSA.Create(2048);
var rootReq = new CertificateRequest("CN=root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
var now = DateTimeOffset.UtcNow;
using var root = rootReq.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
var leafKey = RSA.Create(2048);
var dn = new X500DistinguishedNameBuilder();
dn.AddCommonName("leverancier");
dn.Add("2.5.4.5", "00000099000000001234", UniversalTagNumber.PrintableString);
var leafReq = new CertificateRequest(dn.Build(), leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
leafReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
using var leafPub = leafReq.Create(root, now.AddDays(-1), now.AddDays(10), [1, 2, 3, 4]);
using var leaf = leafPub.CopyWithPrivateKey(leafKey);

var kinderen = new List<(string, string)> { ("bronBrin", "12AB"), ("bronRouteringsKenmerk", "0000000700012AB00001"), ("doelBrin", "PO2806"), ("doelRouteringsKenmerk", "00000099000000002806"), ("koppelsleutel", Guid.NewGuid().ToString().ToUpperInvariant()), ("doel", "SWV") };
var body = SoapFouten.OsoElement("notificatieRequest", [.. kinderen]);
var pad = body.OwnerDocument.CreateElement("oso", "toelichting", OsoNamespaces.Oso);
pad.InnerText = new string('x', 1500);
body.AppendChild(pad);
var bericht = new WsSecuritySigner(leaf, TimeProvider.System).Sign(body, new OutboundAddressing("https://gw/oso/v1/swv?oin=00000099000000002806", OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), "00000099000000001234"));
Console.WriteLine($"envelope: {bericht.Length} bytes");

var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions { TrustPolicy = new ChainTrustPolicy(new X509Certificate2Collection(root)) }, new AltijdNieuw(), TimeProvider.System);
var r = await verifier.VerifyAsync(bericht, default);
if (!r.IsSuccess) { Console.WriteLine(r); return; }

double Meet(string naam, Action a, int n)
{
    for (var i = 0; i < 2000; i++) a();
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < n; i++) a();
    sw.Stop();
    var perSec = n / sw.Elapsed.TotalSeconds;
    Console.WriteLine($"{naam}: {perSec:N0}/s ({sw.Elapsed.TotalMicroseconds / n:N1} us each)");
    return perSec;
}

Meet("ours (WsSecurityVerifier, full profile)", () => { var x = verifier.VerifyAsync(bericht, default).AsTask().GetAwaiter().GetResult(); if (!x.IsSuccess) throw new InvalidOperationException(x.ToString()); }, 20000);
var rsa = leaf.GetRSAPublicKey()!;
Meet("plain SignedXml (LoadXml + CheckSignature)", () =>
{
    var doc = new XmlDocument { PreserveWhitespace = true };
    doc.LoadXml(System.Text.Encoding.UTF8.GetString(bericht));
    var sig = (XmlElement)doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
    var sx = new IdSignedXml(sig);
    sx.LoadXml(sig);
    if (!sx.CheckSignature(rsa)) throw new InvalidOperationException("bad");
}, 20000);

sealed class AltijdNieuw : IReplayStore
{
    public ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct) => ValueTask.FromResult(ReplayCheck.New);
}

sealed class IdSignedXml(XmlElement context) : SignedXml(context)
{
    public override XmlElement? GetIdElement(XmlDocument? document, string idValue)
    {
        var e = base.GetIdElement(document, idValue);
        if (e is not null) return e;
        var ns = new XmlNamespaceManager(document!.NameTable);
        ns.AddNamespace("wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
        return document.SelectSingleNode($"//*[@wsu:Id='{idValue}']", ns) as XmlElement;
    }
}
