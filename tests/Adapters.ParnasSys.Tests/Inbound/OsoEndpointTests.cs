using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Dapper;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Inbound;

/// <summary>The inbound notificatie on the real gateway: signed by a test supplier, checked in the spec's order.</summary>
public sealed class OsoEndpointTests : IAsyncLifetime
{
    private const string GatewayOin = "00000099000000002806";
    private const string Kenmerk = "0000000700012AB00001";
    private const string AnderKenmerk = "0000000700034CD00001";
    private readonly string _map = Path.Combine(Path.GetTempPath(), "gw-oso-" + Guid.NewGuid().ToString("N"));
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_map);
        await File.WriteAllTextAsync(Path.Combine(_map, "root.pem"), TestPki.Root.ExportCertificatePem());
        await File.WriteAllBytesAsync(Path.Combine(_map, "gateway.pfx"), TestPki.OtherSupplier.Export(X509ContentType.Pkcs12, "geheim"));
        _host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?>
        {
            ["Oso:Oin"] = GatewayOin,
            ["Oso:TrustAnchors:0"] = Path.Combine(_map, "root.pem"),
            ["Oso:SigningCertificate:Path"] = Path.Combine(_map, "gateway.pfx"),
            ["Oso:SigningCertificate:Password"] = "geheim",
        });
        var register = _host.Services.GetRequiredService<OsoRegisterService>();
        await register.ZetMandaatAsync("12AB", TestPki.SupplierOin, "Topicus", null, null, "test", default);
        await register.ZetEndpointAsync(Kenmerk, "12AB", "https://parnassys.example/oso", TestPki.SupplierOin, "test", default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_map, recursive: true);
    }

    [Fact]
    public async Task Post_ValidNotificatie_IsStoredAndAnsweredSignedWithRelatesTo()
    {
        var (bericht, messageId) = Notificatie();

        var response = await PostAsync(bericht);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions { TrustPolicy = new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root)) }, new InMemoryReplayStore(), TimeProvider.System);
        var antwoord = await verifier.VerifyAsync(bytes, default);
        Assert.True(antwoord.IsSuccess, antwoord.ToString());
        Assert.Equal(messageId, antwoord.Message!.RelatesTo);
        Assert.Equal(OsoNamespaces.Action("notificatieResponse"), antwoord.Message.Action);
        Assert.Equal("NotificatieOntvangen", antwoord.Message.Body.InnerText.Trim());
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM oso_notificatie WHERE toestand = 'wachtend'"));
        Assert.Equal(messageId, response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task Post_SameKoppelsleutelAgain_SameAnswerAndOneJob()
    {
        var koppelsleutel = Guid.NewGuid().ToString().ToUpperInvariant();
        var (eerste, _) = Notificatie(koppelsleutel: koppelsleutel);
        var (tweede, _) = Notificatie(koppelsleutel: koppelsleutel);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(eerste)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(eerste)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(tweede)).StatusCode);

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Theory]
    [InlineData("34CD", "PO2806", "SWV", Kenmerk, "GEEN_MANDAAT", "mandaat")]
    [InlineData("12AB", "PO2807", "SWV", Kenmerk, "BESTEMMING_ONJUIST", "PO2806")]
    [InlineData("12AB", "PO2806", "VO", Kenmerk, "VELD_ONGELDIG", "doel")]
    [InlineData("12AB", "PO2806", "SWV", "0000000700012AB00099", "GEEN_MANDAAT", "routeringskenmerk")]
    public async Task Post_RefusedNotificatie_FaultSaysWhyAndNothingIsStored(string bronBrin, string doelBrin, string doel, string kenmerk, string code, string inMelding)
    {
        var (bericht, _) = Notificatie(bronBrin: bronBrin, doelBrin: doelBrin, doel: doel, kenmerk: kenmerk);

        var response = await PostAsync(bericht);

        var fout = await FoutAsync(response);
        Assert.Equal(code, fout.Code);
        Assert.Contains(inMelding, fout.Melding, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM ontvangst WHERE foutcode = '{code}'"));
    }

    [Fact]
    public async Task Post_NotSchemaValid_IsRefusedWith0004AndNothingStored()
    {
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", "12AB"), ("bronRouteringsKenmerk", Kenmerk), ("doelBrin", "PO2806"), ("doelRouteringsKenmerk", GatewayOin), ("doel", "SWV"));
        var bericht = new WsSecuritySigner(TestPki.Supplier, TimeProvider.System).Sign(body,
            new OutboundAddressing($"https://gateway.example/oso/v1/swv?oin={GatewayOin}", OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), TestPki.SupplierOin));

        var fout = await FoutAsync(await PostAsync(bericht));

        Assert.Equal("0004", fout.Digikoppeling);
        Assert.Contains("koppelsleutel", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Get_Wsdl_IsServedWithThisHostsAddressAndItsSchemas()
    {
        var wsdl = await _host.Client.GetStringAsync(new Uri("/oso/v1/swv?wsdl", UriKind.Relative));
        var adres = new Uri(_host.Client.BaseAddress!, "/oso/v1/swv").ToString();

        Assert.Contains($"location=\"{adres}\"", wsdl, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway.example", wsdl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync(new Uri("/oso/v1/swv?xsd=oso-swv.xsd", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(new Uri("/oso/v1/swv?xsd=../../etc/passwd", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Post_OtherSuppliersSignature_IsGeenMandaat()
    {
        var (bericht, _) = Notificatie(signer: TestPki.OtherSupplier);

        Assert.Equal("GEEN_MANDAAT", (await FoutAsync(await PostAsync(bericht))).Code);
    }

    [Fact]
    public async Task Post_OneBodyByteChanged_IsHandtekeningOngeldigAndNothingStored()
    {
        var (bericht, _) = Notificatie();
        var tekst = Encoding.UTF8.GetString(bericht).Replace(">SWV<", ">SWW<", StringComparison.Ordinal);

        var fout = await FoutAsync(await PostAsync(Encoding.UTF8.GetBytes(tekst)));

        Assert.Equal("HANDTEKENING_ONGELDIG", fout.Code);
        Assert.Equal("0002", fout.Digikoppeling);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Post_AddressedToAnotherOin_IsRefusedWith0011()
    {
        var (bericht, _) = Notificatie(aanOin: "00000099000000009999");

        Assert.Equal("0011", (await FoutAsync(await PostAsync(bericht))).Digikoppeling);
    }

    [Fact]
    public async Task Post_UnconfiguredGateway_Is0051()
    {
        await using var kaal = await GatewayTestHost.StartAsync(new SqliteTarget());
        using var content = new ByteArrayContent(Notificatie().Bericht);
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };

        var fout = await FoutAsync(await kaal.Client.PostAsync(new Uri("/oso/v1/swv", UriKind.Relative), content));

        Assert.Equal("0051", fout.Digikoppeling);
    }

    [Fact]
    public async Task Post_KoppelsleutelOfAnotherSchool_IsRefusedRecordedAndNotStored()
    {
        var register = _host.Services.GetRequiredService<OsoRegisterService>();
        await register.ZetMandaatAsync("34CD", TestPki.SupplierOin, "Topicus", null, null, "test", default);
        await register.ZetEndpointAsync(AnderKenmerk, "34CD", "https://parnassys.example/oso", TestPki.SupplierOin, "test", default);
        var koppelsleutel = Guid.NewGuid().ToString().ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Notificatie(koppelsleutel: koppelsleutel).Bericht)).StatusCode);

        var fout = await FoutAsync(await PostAsync(Notificatie(bronBrin: "34CD", kenmerk: AnderKenmerk, koppelsleutel: koppelsleutel).Bericht));

        Assert.Equal("KOPPELSLEUTEL_IN_GEBRUIK", fout.Code);
        Assert.Equal("soapenv:Client", fout.Faultcode);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie WHERE bron_brin = '34CD'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM ontvangst WHERE foutcode = 'KOPPELSLEUTEL_IN_GEBRUIK' AND brin = '34CD'"));
    }

    [Fact]
    public async Task Post_AllZeroKoppelsleutel_IsVeldOngeldigAndNothingStored()
    {
        var fout = await FoutAsync(await PostAsync(Notificatie(koppelsleutel: Guid.Empty.ToString()).Bericht));

        Assert.Equal("VELD_ONGELDIG", fout.Code);
        Assert.Contains("koppelsleutel", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Post_DoelRouteringsKenmerkNotTheGatewaysOin_IsBestemmingOnjuistAndNothingStored()
    {
        var fout = await FoutAsync(await PostAsync(Notificatie(doelKenmerk: "00000099000000009999").Bericht));

        Assert.Equal("BESTEMMING_ONJUIST", fout.Code);
        Assert.Contains("doelRouteringsKenmerk", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Post_FromOinIsNotTheSigningCertificates_IsRefusedWith0011AndNothingStored()
    {
        var fout = await FoutAsync(await PostAsync(Notificatie(vanOin: TestPki.OtherSupplierOin).Bericht));

        Assert.Equal("HANDTEKENING_ONGELDIG", fout.Code);
        Assert.Equal("0011", fout.Digikoppeling);
        Assert.Contains("wsa:From", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Post_BinarySecurityTokenWith900KbTrailingJunk_IsRefusedBySizeLimit()
    {
        var tekst = Encoding.UTF8.GetString(Notificatie().Bericht);
        var einde = tekst.IndexOf("</wsse:BinarySecurityToken>", StringComparison.Ordinal);
        Assert.True(einde > 0);
        var bericht = Encoding.UTF8.GetBytes(tekst[..einde] + new string('A', 900 * 1024) + tekst[einde..]);

        var fout = await FoutAsync(await PostAsync(bericht));

        Assert.Equal("HANDTEKENING_ONGELDIG", fout.Code);
        Assert.Contains("BinarySecurityToken is groter dan toegestaan", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    [Fact]
    public async Task Post_Soap12Envelope_IsAnsweredWithVersionMismatchFault()
    {
        var tekst = Encoding.UTF8.GetString(Notificatie().Bericht).Replace(WsNamespaces.Soap11, WsNamespaces.Soap12, StringComparison.Ordinal);

        var fout = await FoutAsync(await PostAsync(Encoding.UTF8.GetBytes(tekst)));

        Assert.Equal("soapenv:VersionMismatch", fout.Faultcode);
        Assert.Equal("HANDTEKENING_ONGELDIG", fout.Code);
        Assert.Contains("SOAP 1.2", fout.Melding, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    public static TheoryData<string, string> KapotteOpbouw => new()
    {
        // name, headers and body after the request line. The sender keeps its side open, as the client did: a
        // half-close would be a client that went away (answered with nothing). The short body then waits for Kestrel's
        // minimum body data rate (about 5 s), the ~6 s the issue saw before its 500.
        { "bad chunk size", "Transfer-Encoding: chunked\r\n\r\nzz\r\n<x/>\r\n0\r\n\r\n" },
        { "Content-Length larger than sent", "Content-Length: 5000\r\n\r\n<soapenv:Envelope/>" },
    };

    [Theory]
    [MemberData(nameof(KapotteOpbouw))]
    public async Task Post_BrokenHttpFraming_IsSoapClientFaultWithCodeNot500(string naam, string rest)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_host.Client.BaseAddress!.Host, _host.Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /oso/v1/swv HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\nConnection: close\r\n" + rest));
        using var lezer = new StreamReader(stream, Encoding.UTF8);
        var antwoord = await lezer.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", antwoord, StringComparison.Ordinal);
        Assert.Contains("<faultcode>soapenv:Client</faultcode>", antwoord, StringComparison.Ordinal);
        Assert.True(antwoord.Contains("<gw:code>BERICHT_ONLEESBAAR</gw:code>", StringComparison.Ordinal), $"{naam}: {antwoord}");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM oso_notificatie"));
    }

    private (byte[] Bericht, string MessageId) Notificatie(string bronBrin = "12AB", string doelBrin = "PO2806", string doel = "SWV",
        string kenmerk = Kenmerk, string? koppelsleutel = null, X509Certificate2? signer = null, string aanOin = GatewayOin,
        string doelKenmerk = GatewayOin, string? vanOin = null)
    {
        var messageId = "uuid:" + Guid.NewGuid();
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", bronBrin), ("bronRouteringsKenmerk", kenmerk), ("doelBrin", doelBrin), ("doelRouteringsKenmerk", doelKenmerk),
            ("koppelsleutel", koppelsleutel ?? Guid.NewGuid().ToString().ToUpperInvariant()), ("doel", doel));
        var s = signer ?? TestPki.Supplier;
        var bytes = new WsSecuritySigner(s, TimeProvider.System).Sign(body,
            new OutboundAddressing($"https://gateway.example/oso/v1/swv?oin={aanOin}", OsoNamespaces.Action("notificatieRequest"), messageId,
                vanOin ?? (s == TestPki.OtherSupplier ? TestPki.OtherSupplierOin : TestPki.SupplierOin)));
        return (bytes, messageId);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] bericht)
    {
        using var content = new ByteArrayContent(bericht);
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
        return await _host.Client.PostAsync(new Uri("/oso/v1/swv", UriKind.Relative), content);
    }

    private static async Task<(string Code, string Melding, string? Digikoppeling, string Faultcode)> FoutAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(await response.Content.ReadAsStringAsync());
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("gw", OsoNamespaces.Gateway);
        return (doc.SelectSingleNode("//gw:code", ns)!.InnerText, doc.SelectSingleNode("//gw:melding", ns)!.InnerText,
            doc.SelectSingleNode("//gw:digikoppelingCode", ns)?.InnerText, doc.SelectSingleNode("//faultcode")!.InnerText);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var c = await _host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
