// A local SMTP relay for the e-mail bench: accepts every message on loopback, counts messages, unique Message-IDs
// and SMTP sessions (connection reuse: far fewer sessions than messages), and answers GET /stats with those counts.
// It does not parse the MIME body (only the Message-ID header line), so its own CPU stays small and is measured apart.
//   smtp-sink <smtp-port> --urls http://127.0.0.1:<http-port>
using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

var smtpPort = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var teller = new Teller();
var options = new SmtpServerOptionsBuilder().ServerName("bench-sink")
    .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, smtpPort)).AllowUnsecureAuthentication()).Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new Opslag(teller));
var smtp = new SmtpServer.SmtpServer(options, services);
smtp.SessionCreated += (_, _) => Interlocked.Increment(ref teller.Sessies);

var app = WebApplication.CreateSlimBuilder(args[1..]).Build();
app.MapGet("/stats", () => Results.Text(
    $"{{\"ontvangen\":{Volatile.Read(ref teller.Ontvangen)},\"uniek\":{teller.Ids.Count},\"sessies\":{Volatile.Read(ref teller.Sessies)}}}", "application/json"));
app.MapPost("/reset", () =>
{
    Interlocked.Exchange(ref teller.Ontvangen, 0);
    Interlocked.Exchange(ref teller.Sessies, 0);
    teller.Ids.Clear();
    return Results.NoContent();
});
var smtpTaak = smtp.StartAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();
try
{
    await smtpTaak;
}
catch (OperationCanceledException)
{
}

internal sealed class Teller
{
    public long Ontvangen;
    public long Sessies;
    public ConcurrentDictionary<string, byte> Ids { get; } = new(StringComparer.Ordinal);
}

internal sealed class Opslag(Teller teller) : MessageStore
{
    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref teller.Ontvangen);
        // Only the start of the header block is read, and only for the Message-ID line (MimeKit writes "Message-Id");
        // a repeat of the same mail shows as ontvangen > uniek.
        var kop = "\n" + Encoding.ASCII.GetString(buffer.Length > 4096 ? buffer.Slice(0, 4096).ToArray() : buffer.ToArray());
        var i = kop.IndexOf("\nMessage-ID:", StringComparison.OrdinalIgnoreCase);
        if (i >= 0)
        {
            var eind = kop.IndexOf('\n', i + 1);
            teller.Ids.TryAdd(kop[(i + 12)..(eind < 0 ? kop.Length : eind)].Trim(), 0);
        }

        return Task.FromResult(SmtpResponse.Ok);
    }
}
