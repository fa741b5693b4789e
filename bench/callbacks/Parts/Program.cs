// The parts of one Esis callback delivery, timed in isolation (wall and CPU per operation, 16 at a time), for
// bench/callbacks/callbacks-bench.sh parts. Loopback only.
//   callback-parts RECEIVER_URL SECRET [CONNECTION_STRING REGISTRATION_ID]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Adapters.Esis.Callbacks;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Refit;

if (args.Length is not (2 or 4))
{
    Console.Error.WriteLine("usage: callback-parts RECEIVER_URL SECRET [CONNECTION_STRING REGISTRATION_ID]");
    return 1;
}

var receiver = args[0].TrimEnd('/') + "/swv";
var sleutels = new EsisSleutels("parts-pepper-with-enough-characters-0123456789", 1);
var registratie = new EsisRegistratie
{
    Id = Guid.NewGuid(), Brin = "12AB", Vestiging = "00", Omgeving = "productie", CodeHash = "-", CodeSleutelversie = 1,
    CallbackUrl = receiver, CallbackSecretVersleuteld = sleutels.Versleutel(args[1]), AangemaaktOp = DateTimeOffset.UtcNow,
};
var services = new ServiceCollection();
services.AddHttpClient(EsisCallbackAflevering.HttpClientName);
await using var provider = services.BuildServiceProvider();
var clients = provider.GetRequiredService<IHttpClientFactory>();
var aflevering = new EsisCallbackAflevering(new EenRegistratie(registratie), sleutels, clients, Options.Create(new EsisOptions()), TimeProvider.System);
using var gedeeld = new HttpClient();
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

CallbackOpdracht Opdracht(int i) => new()
{
    GebeurtenisId = Guid.NewGuid(), Soort = CallbackSoorten.Statuswijziging, Systeem = "esis", Kanaal = registratie.Id.ToString(),
    Referentie = $"P-{i % 2000}", Brin = "12AB", Vestiging = "00", Dossiernummer = 1000 + (i % 2000), StatusCode = "in-behandeling",
    Weergave = "In behandeling", Toelichting = $"stap {i}", GewijzigdOp = DateTimeOffset.UtcNow,
};

await MeetAsync("Refit client per callback (IHttpClientFactory.CreateClient + RestService.For)", 20_000, _ =>
{
    using var client = clients.CreateClient(EsisCallbackAflevering.HttpClientName);
    client.BaseAddress = new Uri(receiver + "/");
    GC.KeepAlive(RestService.For<IEsisCallbackApi>(client));
    return Task.CompletedTask;
});
await MeetAsync("secret decrypt (AES-GCM) + JSON body + HMAC signature", 20_000, i =>
{
    var c = Opdracht(i);
    var body = JsonSerializer.SerializeToUtf8Bytes(new CallbackJson(c.GebeurtenisId, c.Dossiernummer, c.Referentie,
        new CallbackStatusJson(c.StatusCode!, c.Weergave!, null, c.Toelichting), c.GewijzigdOp), json);
    GC.KeepAlive(EsisCallbackAflevering.Onderteken(sleutels.Ontsleutel(registratie.CallbackSecretVersleuteld), DateTimeOffset.UtcNow, body));
    return Task.CompletedTask;
});
await MeetAsync("plain HTTP POST to the receiver (one shared HttpClient, body and signature ready)", 20_000, async i =>
{
    using var inhoud = new ByteArrayContent("""{"gebeurtenisId":"00000000-0000-0000-0000-000000000000","aanvraagId":"P-1","gewijzigdOp":"2026-01-01T00:00:00Z"}"""u8.ToArray());
    inhoud.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var verzoek = new HttpRequestMessage(HttpMethod.Post, $"{receiver}/aanvragen/P-{i % 2000}/status") { Content = inhoud };
    verzoek.Headers.Add(EsisCallbackAflevering.SignatureHeader, "t=0,v1=00");
    using var antwoord = await gedeeld.SendAsync(verzoek);
});
await MeetAsync("EsisCallbackAflevering.AfleverenAsync, registration from memory (all of the above, as the gateway does it)", 20_000, async i =>
{
    if (await aflevering.AfleverenAsync(Opdracht(i), CancellationToken.None) is not AfleverUitkomst.Afgeleverd)
    {
        throw new InvalidOperationException("not delivered");
    }
});
if (args.Length == 4)
{
    await using var db = NpgsqlDataSource.Create(args[2]);
    var id = Guid.Parse(args[3]);
    await MeetAsync("registration look-up: pooled connection + SELECT esis_registratie by id (Npgsql)", 20_000, async _ =>
    {
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT id, callback_url, callback_secret, ingetrokken_op FROM esis_registratie WHERE id = $1", c);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
        }
    });
}

return 0;

static async Task MeetAsync(string naam, int aantal, Func<int, Task> stap)
{
    for (var i = 0; i < 2_000; i++)
    {
        await stap(i); // warm-up: JIT tiers, pools, connections
    }

    var proces = Process.GetCurrentProcess();
    var cpu0 = proces.TotalProcessorTime;
    var klok = Stopwatch.StartNew();
    var volgende = 0;
    await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref volgende)) <= aantal)
        {
            await stap(i);
        }
    }));
    klok.Stop();
    proces.Refresh();
    var cpu = (proces.TotalProcessorTime - cpu0).TotalMicroseconds / aantal;
    Console.WriteLine($"{cpu,8:0.0} us CPU/op {aantal / klok.Elapsed.TotalSeconds,9:0}/s  {naam}");
}

internal sealed class EenRegistratie(EsisRegistratie registratie) : IEsisRegistraties
{
    public Task<EsisRegistratie?> VindAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult<EsisRegistratie?>(registratie);

    public Task<IReadOnlyList<EsisRegistratie>> ActiefVoorBrin6Async(string brin6, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<EsisRegistratie>> LijstAsync(string? brin, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> VoegToeAsync(EsisRegistratie registratie, AuditRegel audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> VervangCodeAsync(Guid id, string nieuweHash, int nieuweVersie, string oudeHash, int oudeVersie, DateTimeOffset oudeGeldigTot, AuditRegel audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TrekInAsync(Guid id, DateTimeOffset op, AuditRegel audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RegistreerGebruikAsync(Guid id, DateTimeOffset op, CancellationToken cancellationToken) => throw new NotSupportedException();
}
