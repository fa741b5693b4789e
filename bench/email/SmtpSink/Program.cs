// A local SMTP relay for the e-mail bench: accepts every message on loopback, counts messages, unique Message-IDs
// and SMTP sessions (connection reuse: far fewer sessions than messages), and answers GET /stats with those counts.
// It does not parse the MIME body (only the Message-ID header line), so its own CPU stays small and is measured apart.
//   smtp-sink <smtp-port> --urls http://127.0.0.1:<http-port>
using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

var smtpPort = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var teller = new Teller();
var options = new SmtpServerOptionsBuilder().ServerName("bench-sink")
    .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, smtpPort)).AllowUnsecureAuthentication()).Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new Opslag(teller));
services.Add(new NoDelayListenerFactory());
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

/// <summary>
/// As a production MTA answers a pipelined MAIL/RCPT/DATA: without Nagle. The package's own listener leaves Nagle on,
/// so its second and third answer wait for the client's delayed ACK (40 ms on Linux): a sink that adds 40 ms per mail
/// would measure the kernel, not the gateway.
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new NoDelayListener(listener);
    }
}

internal sealed class NoDelayListener(TcpListener listener) : IEndpointListener
{
    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        var client = await listener.AcceptTcpClientAsync(cancellationToken);
        client.NoDelay = true;
        context.Properties.Add(EndpointListener.LocalEndPointKey, listener.LocalEndpoint);
        context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
        return new OnbeveiligdePijp(client);
    }

    public void Dispose() => listener.Stop();
}

/// <summary>Plain TCP only: the sink offers no STARTTLS (the bench sends with Security=None on loopback).</summary>
internal sealed class OnbeveiligdePijp(TcpClient client) : ISecurableDuplexPipe
{
    private readonly NetworkStream _stream = client.GetStream();

    public PipeReader Input => field ??= PipeReader.Create(_stream);

    public PipeWriter Output => field ??= PipeWriter.Create(_stream);

    public bool IsSecure => false;

    public SslProtocols SslProtocol => SslProtocols.None;

    public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The bench sink has no certificate.");

    public void Dispose() => client.Dispose();
}
