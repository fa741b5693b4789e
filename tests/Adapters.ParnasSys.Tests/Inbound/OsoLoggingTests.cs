using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Inbound;

/// <summary>Issue 9.6: the verifiers come from DI with their logger, and every OSO event id is from the central list.</summary>
public sealed class OsoLoggingTests : IAsyncLifetime
{
    private const string GatewayOin = "00000099000000002806";
    private readonly string _map = Path.Combine(Path.GetTempPath(), "gw-oso-log-" + Guid.NewGuid().ToString("N"));
    private readonly VerzamelLogger _verifierLog = new();
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
        }, configure: b => b.Services.AddSingleton<ILogger<WsSecurityVerifier>>(_verifierLog));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_map, recursive: true);
    }

    [Fact]
    public async Task Post_TamperedNotificatie_TheVerifierFromDiLogsTheRefusalWithItsEventId()
    {
        var body = SoapFouten.OsoElement("notificatieRequest",
            ("bronBrin", "12AB"), ("bronRouteringsKenmerk", "0000000700012AB00001"), ("doelBrin", "PO2806"), ("doelRouteringsKenmerk", GatewayOin),
            ("koppelsleutel", Guid.NewGuid().ToString().ToUpperInvariant()), ("doel", "SWV"));
        var bericht = new WsSecuritySigner(TestPki.Supplier, TimeProvider.System).Sign(body,
            new OutboundAddressing($"https://gateway.example/oso/v1/swv?oin={GatewayOin}", OsoNamespaces.Action("notificatieRequest"), "uuid:" + Guid.NewGuid(), TestPki.SupplierOin));
        var tekst = Encoding.UTF8.GetString(bericht).Replace(">SWV<", ">SWW<", StringComparison.Ordinal);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(tekst));
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };

        await _host.Client.PostAsync(new Uri("/oso/v1/swv", UriKind.Relative), content);

        var regel = Assert.Single(_verifierLog.Regels, r => r.EventId.Id == LogEventIds.OsoVerificatieGeweigerd);
        Assert.Equal(LogLevel.Information, regel.Niveau);
        Assert.Contains(VerificationReasons.SignatureInvalid, regel.Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void LoggerMessages_OfTheOsoAdapter_UseDistinctIdsFromTheCentralList()
    {
        var centraal = typeof(LogEventIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();
        var gebruikt = typeof(OsoSleutels).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Select(m => (Methode: m, Attribuut: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribuut is not null)
            .Select(x => (Naam: $"{x.Methode.DeclaringType!.Name}.{x.Methode.Name}", x.Attribuut!.EventId))
            .ToList();

        Assert.NotEmpty(gebruikt);
        Assert.All(gebruikt, g => Assert.True(centraal.Contains(g.EventId), $"{g.Naam}: event id {g.EventId} is not in LogEventIds"));
        Assert.Equal(gebruikt.Count, gebruikt.Select(g => g.EventId).Distinct().Count());
    }

    private sealed class VerzamelLogger : ILogger<WsSecurityVerifier>
    {
        public ConcurrentQueue<(LogLevel Niveau, EventId EventId, string Tekst)> Regels { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Regels.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}
