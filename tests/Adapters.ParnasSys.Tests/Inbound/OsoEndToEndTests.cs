using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dapper;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Mapping;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Inbound;

/// <summary>
/// ParnasSys end to end, with WireMock.Net as the school's OSO endpoint: notificatie, pull of the signed dossier,
/// hulpvraag with dossiernummer, and the signed terugkoppeling that carries that number back.
/// </summary>
public sealed class OsoEndToEndTests : IAsyncLifetime
{
    private const string GatewayOin = "00000099000000002806";
    private const string Brin = "00YY";
    private const string Kenmerk = "0000000700000YY00001";
    private readonly string _map = Path.Combine(Path.GetTempPath(), "gw-oso-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly WireMockServer _parnassys = WireMockServer.Start();
    private readonly ConcurrentQueue<XmlDocument> _terugkoppelingen = new();
    private GatewayTestHost _host = null!;
    private int _documentVerzoeken;

    /// <summary>What the stand-in answers to a documentRequest; set per test.</summary>
    private Func<int, XElement?> _dossier = _ => null;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_map);
        await File.WriteAllTextAsync(Path.Combine(_map, "root.pem"), TestPki.Root.ExportCertificatePem());
        await File.WriteAllBytesAsync(Path.Combine(_map, "gateway.pfx"), TestPki.OtherSupplier.Export(X509ContentType.Pkcs12, "geheim"));
        _parnassys.Given(Request.Create().WithPath("/oso").UsingPost()).RespondWith(Response.Create().WithCallback(Beantwoord));
        _host = await GatewayTestHost.StartAsync(new SqliteTarget(), settings: new Dictionary<string, string?>
        {
            ["Oso:Oin"] = GatewayOin,
            ["Oso:TrustAnchors:0"] = Path.Combine(_map, "root.pem"),
            ["Oso:SigningCertificate:Path"] = Path.Combine(_map, "gateway.pfx"),
            ["Oso:SigningCertificate:Password"] = "geheim",
            ["Oso:FetchMinBackoff"] = "00:00:00.050",
            ["Oso:FetchPollInterval"] = "00:00:00.050",
            ["Callbacks:PollInterval"] = "00:00:00.050",
            ["Callbacks:MinBackoff"] = "00:00:00.050",
            ["Callbacks:AllowedNetworks:0"] = "127.0.0.0/8", // the ParnasSys stand-in listens on loopback
            ["Callbacks:AllowedNetworks:1"] = "::1/128",
        });
        var register = _host.Services.GetRequiredService<OsoRegisterService>();
        await register.ZetMandaatAsync(Brin, TestPki.SupplierOin, "Topicus", null, null, "test", default);
        await register.ZetEndpointAsync(Kenmerk, Brin, _parnassys.Url + "/oso", TestPki.SupplierOin, "test", default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _parnassys.Stop();
        _parnassys.Dispose();
        Directory.Delete(_map, recursive: true);
    }

    [ReferenceFact]
    public async Task Notificatie_OfficialPoswvDossier_IsStoredAndTerugkoppelingCarriesTheDossiernummer()
    {
        var volledig = VolledigDossier(); // read before the flow starts: a missing file fails at once, not after the wait
        _dossier = _ => volledig;

        Assert.Equal(HttpStatusCode.OK, (await NotificeerAsync()).StatusCode);

        var dossiernummer = await WachtOpAsync("SELECT dossiernummer FROM hulpvraag");
        var h = (await _host.Services.GetRequiredService<IHulpvraagStore>().FindByDossiernummerAsync(dossiernummer, default))!;
        Assert.Equal(("Daan", "Berg"), (h.Leerling!.Roepnaam, h.Leerling.Achternaam));
        // The mapper yields all 14 documents; the two identical verzuimrapport.txt (same name, same content) are stored once.
        Assert.Equal(13, h.Bijlagen.Count);
        Assert.Single(h.Bijlagen, b => b.Bestandsnaam == "verzuimrapport.txt");
        Assert.Equal("tlv-nieuw", h.Titel);
        Assert.Contains(h.Bijlagen, b => b.Categorie == "opp");
        Assert.Contains(h.Bijlagen, b => b.Categorie == "toelichting-onderwijsbehoeften");

        var t = await TerugkoppelingAsync(1);
        Assert.Equal("Ontvangen", Waarde(t, "resultaat"));
        Assert.Equal(dossiernummer.ToString(System.Globalization.CultureInfo.InvariantCulture), Waarde(t, "dossiernummer"));
        Assert.Equal(1, await WachtOpAsync("SELECT COUNT(*) FROM oso_notificatie WHERE toestand = 'opgehaald'"));

        // A later status change of the back office goes back to the same school system, as a Statuswijziging.
        var gewijzigd = await _host.Services.GetRequiredService<Core.Statussen.StatusService>().WijzigAsync(dossiernummer,
            new Core.Statussen.StatusWijzigingVerzoek("dossier-incompleet", "SCP", "Het OPP ontbreekt.", false, h.Versie), "test", default);
        Assert.True(gewijzigd.IsSuccess);
        var tweede = await TerugkoppelingAsync(2);
        Assert.Equal("Statuswijziging", Waarde(tweede, "resultaat"));
        Assert.Equal("Dossier incompleet SCP", Waarde(tweede, "status"));
        Assert.Equal("dossier-incompleet", tweede.GetElementsByTagName("status", OsoNamespaces.Gateway).OfType<XmlElement>().Single().GetAttribute("code"));
        Assert.Equal("Het OPP ontbreekt.", Waarde(tweede, "toelichting"));
    }

    [Fact]
    public async Task Notificatie_UnknownTitle_EndsInGeweigerdAndStoresNoHulpvraag()
    {
        _dossier = _ => OsoTestDossiers.DocumentResponse(OsoTestDossiers.MinimaalDossier(), OsoTestDossiers.SwvAanvraag("TLV nieuw"));

        await NotificeerAsync();

        var t = await TerugkoppelingAsync(1);
        Assert.Equal("Geweigerd", Waarde(t, "resultaat"));
        Assert.Equal("TITEL_ONBEKEND", Waarde(t, "foutcode"));
        Assert.Contains("TLV -Nieuw", Waarde(t, "toelichting"), StringComparison.Ordinal);
        Assert.Null(Waarde(t, "dossiernummer"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(1, await WachtOpAsync("SELECT COUNT(*) FROM oso_notificatie WHERE toestand = 'geweigerd'"));
    }

    [ReferenceFact]
    public async Task Notificatie_VoDossier_IsGeweigerdBestemmingOnjuist()
    {
        var vo = OsoTestDossiers.DocumentResponse(OsoReferentie.Dossier("Voorbeelddossier_PaO_VOSWV_full.xml"));
        _dossier = _ => vo;

        await NotificeerAsync();

        Assert.Equal("BESTEMMING_ONJUIST", Waarde(await TerugkoppelingAsync(1), "foutcode"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
    }

    [ReferenceFact]
    public async Task Notificatie_EndpointFailsThreeTimesThenAnswers_StoresOneHulpvraag()
    {
        var volledig = VolledigDossier();
        _dossier = poging => poging <= 3 ? null : volledig;

        await NotificeerAsync();

        await WachtOpAsync("SELECT dossiernummer FROM hulpvraag");
        Assert.Equal(4, Volatile.Read(ref _documentVerzoeken));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal("Ontvangen", Waarde(await TerugkoppelingAsync(1), "resultaat"));
    }

    [Fact]
    public async Task Notificatie_LaterForSameLasHulpvraagId_AddsAttachmentsToTheSameDossier()
    {
        var extra = OsoTestDossiers.Document("Verslag logopedie.pdf", OsoTestDossiers.Zip(("Verslag logopedie.pdf", OsoTestDossiers.Pdf("logopedie"))));
        _dossier = poging => poging == 1
            ? OsoTestDossiers.DocumentResponse(OsoTestDossiers.MinimaalDossier())
            : OsoTestDossiers.DocumentResponse(OsoTestDossiers.MinimaalDossier(extra));

        await NotificeerAsync();
        var eerste = await WachtOpAsync("SELECT dossiernummer FROM hulpvraag");
        await NotificeerAsync();
        await WachtOpAsync("SELECT COUNT(*) FROM bijlage WHERE bestandsnaam = 'Verslag logopedie.pdf'");

        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
        Assert.Equal(eerste, await ScalarAsync<long>("SELECT dossiernummer FROM bijlage WHERE bestandsnaam = 'Verslag logopedie.pdf'"));
    }

    [Fact]
    public async Task Notificatie_EndpointFailsTwiceThenAnswers_MetricsCountTwoMisluktAndOneOpgehaald()
    {
        _dossier = poging => poging <= 2 ? null : OsoTestDossiers.DocumentResponse(OsoTestDossiers.MinimaalDossier());

        await NotificeerAsync();
        await WachtOpAsync("SELECT COUNT(*) FROM oso_notificatie WHERE toestand = 'opgehaald'");

        var (mislukt, opgehaald) = (0L, 0L);
        // The exporter listens to every meter of that name in the process, also those of other test classes' gateways
        // running at the same time: at least these counts, not exactly.
        for (var i = 0; i < 100 && (mislukt < 2 || opgehaald < 1); i++)
        {
            var tekst = await _host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            (mislukt, opgehaald) = (OphaalTeller(tekst, "mislukt"), OphaalTeller(tekst, "opgehaald"));
            await Task.Delay(50);
        }

        Assert.True(mislukt >= 2 && opgehaald >= 1, $"mislukt {mislukt}, opgehaald {opgehaald}");
    }

    /// <summary>The value of <c>hulpvraag_oso_ophalen_total</c> with this uitkomst in Prometheus text (0 when absent).</summary>
    private static long OphaalTeller(string prometheus, string uitkomst) =>
        prometheus.Split('\n')
            .Where(r => r.StartsWith("hulpvraag_oso_ophalen_total{", StringComparison.Ordinal) && r.Contains($"uitkomst=\"{uitkomst}\"", StringComparison.Ordinal))
            .Select(r => long.Parse(r[(r.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();

    /// <summary>The streaming pull path end to end: spooled, verified with the dossier shelled, mapped from the file.</summary>
    [Fact]
    public async Task Notificatie_DossierWithAttachmentOfExactly10MiB_StoresItByteForByte()
    {
        var pdf = new byte[Core.Bijlagen.BijlageRegels.MaxGrootte]; // exactly the limit: the ZIP around it is larger
        new Random(2026).NextBytes(pdf);
        "%PDF-1.4\n"u8.CopyTo(pdf);
        "\n%%EOF\n"u8.CopyTo(pdf.AsSpan(pdf.Length - 7));
        var antwoord = OsoTestDossiers.DocumentResponse(OsoTestDossiers.MinimaalDossier(
            OsoTestDossiers.Document("groot.pdf", OsoTestDossiers.Zip(System.IO.Compression.CompressionLevel.NoCompression, ("groot.pdf", pdf)))));
        _dossier = _ => antwoord;

        await NotificeerAsync();

        var dossiernummer = await WachtOpAsync("SELECT dossiernummer FROM hulpvraag");
        var h = (await _host.Services.GetRequiredService<IHulpvraagStore>().FindByDossiernummerAsync(dossiernummer, default))!;
        var bijlage = Assert.Single(h.Bijlagen);
        Assert.Equal(("groot.pdf", pdf.Length, "application/pdf"), (bijlage.Bestandsnaam, (int)bijlage.Grootte, bijlage.ContentType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), bijlage.Sha256);
        Assert.Equal("Ontvangen", Waarde(await TerugkoppelingAsync(1), "resultaat"));
    }

    private static XElement VolledigDossier()
    {
        var dossier = OsoReferentie.Dossier("Voorbeelddossier_PaO_POSWV_full.xml");
        OsoTestDossiers.HerstelAfgekapteZips(dossier);
        return OsoTestDossiers.DocumentResponse(dossier);
    }

    private ResponseMessage Beantwoord(IRequestMessage request)
    {
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(request.Body!);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("wsa", "http://www.w3.org/2005/08/addressing");
        var action = doc.SelectSingleNode("//wsa:Action", ns)!.InnerText;
        var messageId = doc.SelectSingleNode("//wsa:MessageID", ns)!.InnerText;
        if (action.EndsWith("/terugkoppelingRequest", StringComparison.Ordinal))
        {
            _terugkoppelingen.Enqueue(doc);
            return Antwoord(200, Onderteken(OsoTestDossiers.Tekst(new XElement(OsoTestDossiers.OsoNs + "terugkoppelingResponse")), "terugkoppelingResponse", messageId));
        }

        var poging = Interlocked.Increment(ref _documentVerzoeken);
        var dossier = _dossier(poging);
        return dossier is null
            ? Antwoord(503, Encoding.UTF8.GetBytes("tijdelijk niet beschikbaar"))
            : Antwoord(200, Onderteken(OsoTestDossiers.Tekst(dossier), "documentResponse", messageId));
    }

    private static byte[] Onderteken(string bodyXml, string element, string relatesTo)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        doc.LoadXml(bodyXml);
        return new WsSecuritySigner(TestPki.Supplier, TimeProvider.System).Sign(doc.DocumentElement!,
            new OutboundAddressing($"http://www.w3.org/2005/08/addressing/anonymous?oin={GatewayOin}", OsoNamespaces.Action(element),
                "uuid:" + Guid.NewGuid(), TestPki.SupplierOin) { RelatesTo = relatesTo });
    }

    private static ResponseMessage Antwoord(int status, byte[] body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("text/xml; charset=utf-8") },
        BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
    };

    private async Task<HttpResponseMessage> NotificeerAsync()
    {
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", Brin), ("bronRouteringsKenmerk", Kenmerk), ("doelBrin", "PO2806"), ("doelRouteringsKenmerk", GatewayOin),
            ("koppelsleutel", Guid.NewGuid().ToString().ToUpperInvariant()), ("doel", "SWV"));
        var bericht = new WsSecuritySigner(TestPki.Supplier, TimeProvider.System).Sign(body,
            new OutboundAddressing($"https://gateway.example/oso/v1/swv?oin={GatewayOin}", OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), TestPki.SupplierOin));
        using var content = new ByteArrayContent(bericht);
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
        return await _host.Client.PostAsync(new Uri("/oso/v1/swv", UriKind.Relative), content);
    }

    /// <summary>Waits for the terugkoppeling and checks that the gateway signed it under the profile.</summary>
    private async Task<XmlDocument> TerugkoppelingAsync(int aantal)
    {
        for (var i = 0; i < 400 && _terugkoppelingen.Count < aantal; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(_terugkoppelingen.Count >= aantal, "no terugkoppeling arrived");
        var doc = _terugkoppelingen.ToArray()[aantal - 1];
        var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions { TrustPolicy = new ChainTrustPolicy(new X509Certificate2Collection(TestPki.Root)) }, new InMemoryReplayStore(), TimeProvider.System);
        var verificatie = await verifier.VerifyAsync(Encoding.UTF8.GetBytes(doc.OuterXml), default);
        Assert.True(verificatie.IsSuccess, verificatie.ToString());
        return doc;
    }

    private static string? Waarde(XmlDocument doc, string naam) =>
        doc.GetElementsByTagName(naam, OsoNamespaces.Gateway).OfType<XmlElement>().FirstOrDefault()?.InnerText;

    /// <summary>
    /// Polls until <paramref name="sql"/> yields a positive number. The fetch marks the notificatie only after the
    /// hulpvraag is stored and the terugkoppeling queued, so a delivered terugkoppeling does not imply the mark yet.
    /// </summary>
    private async Task<long> WachtOpAsync(string sql)
    {
        for (var i = 0; i < 400; i++)
        {
            var waarde = await ScalarAsync<long?>(sql);
            if (waarde is > 0)
            {
                return waarde.Value;
            }

            await Task.Delay(50);
        }

        var fout = await ScalarAsync<string?>("SELECT laatste_fout FROM oso_notificatie");
        throw new TimeoutException($"'{sql}' stayed empty; notificatie: {fout}");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = await _host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        return (await c.ExecuteScalarAsync<T>(sql))!;
    }
}
