// A fast stand-in for Esis' callback receiver, for bench/callbacks/callbacks-bench.sh (loopback only).
// POST {anything}/aanvragen/{aanvraagId}/status answers 200 and counts: requests, distinct gebeurtenisId, repeats,
// callbacks of one aanvraag that arrive out of order (gewijzigdOp going back), and, when CALLBACK_SECRET is set,
// signatures that do not verify with that secret (one registration's). GET /stats shows the counters as JSON; POST /reset clears them. A path with /traag/
// in it plays a school system that hangs (answers after TRAAG_MS).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var teller = new Teller(Environment.GetEnvironmentVariable("CALLBACK_SECRET"));
var traagMs = int.TryParse(Environment.GetEnvironmentVariable("TRAAG_MS"), out var ms) ? ms : 30_000;

app.MapPost("/{**pad}", async (HttpRequest request, string pad) =>
{
    if (!pad.EndsWith("/status", StringComparison.Ordinal) || !pad.Contains("/aanvragen/", StringComparison.Ordinal))
    {
        return Results.NotFound();
    }

    if (("/" + pad).Contains("/traag/", StringComparison.Ordinal))
    {
        // A school system that hangs: answers only after TRAAG_MS (default 30 s), longer than the gateway's attempt timeout.
        await Task.Delay(traagMs);
    }

    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    teller.Ontvang(buffer.ToArray(), request.Headers["X-Gateway-Signature"].ToString());
    return Results.Ok();
});
app.MapGet("/stats", () => Results.Json(teller.Stand()));
app.MapPost("/reset", () =>
{
    teller.Reset();
    return Results.Ok();
});
app.Run();

internal sealed class Teller(string? secret)
{
    private readonly byte[]? _sleutel = secret is null ? null : Encoding.UTF8.GetBytes(secret);
    private readonly object _slot = new();
    private ConcurrentDictionary<Guid, byte> _gezien = new();
    private ConcurrentDictionary<string, DateTimeOffset> _laatste = new(StringComparer.Ordinal);
    private long _verzoeken, _herhaald, _buitenVolgorde, _fouteHandtekening, _eerste, _laatsteTick;

    public void Ontvang(byte[] body, string handtekening)
    {
        var nu = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _eerste, nu, 0);
        Interlocked.Exchange(ref _laatsteTick, nu);
        Interlocked.Increment(ref _verzoeken);
        if (_sleutel is not null && !Klopt(body, handtekening))
        {
            Interlocked.Increment(ref _fouteHandtekening);
        }

        var json = JsonDocument.Parse(body).RootElement;
        var id = json.GetProperty("gebeurtenisId").GetGuid();
        if (!_gezien.TryAdd(id, 0))
        {
            Interlocked.Increment(ref _herhaald);
            return;
        }

        // Deliveries for one aanvraag never overlap (the outbox claims only the oldest waiting row per hulpvraag).
        var aanvraag = json.GetProperty("aanvraagId").GetString()!;
        var gewijzigd = json.GetProperty("gewijzigdOp").GetDateTimeOffset();
        var vorige = _laatste.GetValueOrDefault(aanvraag, DateTimeOffset.MinValue);
        if (gewijzigd < vorige)
        {
            Interlocked.Increment(ref _buitenVolgorde);
        }
        else
        {
            _laatste[aanvraag] = gewijzigd;
        }
    }

    private bool Klopt(byte[] body, string handtekening)
    {
        var delen = handtekening.Split(',');
        if (delen.Length != 2 || !delen[0].StartsWith("t=", StringComparison.Ordinal) || !delen[1].StartsWith("v1=", StringComparison.Ordinal))
        {
            return false;
        }

        var t = delen[0][2..];
        var bericht = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t, bericht);
        bericht[t.Length] = (byte)'.';
        body.CopyTo(bericht, t.Length + 1);
        var verwacht = Convert.ToHexStringLower(HMACSHA256.HashData(_sleutel!, bericht));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(verwacht), Encoding.ASCII.GetBytes(delen[1][3..]));
    }

    public object Stand()
    {
        var seconden = _eerste == 0 ? 0 : Stopwatch.GetElapsedTime(_eerste, Interlocked.Read(ref _laatsteTick)).TotalSeconds;
        var uniek = _gezien.Count;
        return new
        {
            verzoeken = Interlocked.Read(ref _verzoeken),
            uniek,
            herhaald = Interlocked.Read(ref _herhaald),
            buitenVolgorde = Interlocked.Read(ref _buitenVolgorde),
            fouteHandtekening = _sleutel is null ? (long?)null : Interlocked.Read(ref _fouteHandtekening),
            eersteTotLaatsteSeconden = Math.Round(seconden, 3),
            perSeconde = seconden > 0 ? Math.Round(uniek / seconden, 1) : 0,
        };
    }

    public void Reset()
    {
        lock (_slot)
        {
            _gezien = new();
            _laatste = new(StringComparer.Ordinal);
            Interlocked.Exchange(ref _verzoeken, 0);
            Interlocked.Exchange(ref _herhaald, 0);
            Interlocked.Exchange(ref _buitenVolgorde, 0);
            Interlocked.Exchange(ref _fouteHandtekening, 0);
            Interlocked.Exchange(ref _eerste, 0);
            Interlocked.Exchange(ref _laatsteTick, 0);
        }
    }
}
