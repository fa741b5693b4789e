using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Hulpvraag.Gateway.Tests.Email;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package), on a free loopback port: records what it
/// receives, refuses recipients on request (550) and can answer a message with a chosen reply (e.g. 421). It can be
/// stopped and started again on the same port, to play a relay that is down for a while.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;

    public TestSmtpServer()
    {
        using var vrij = new TcpListener(IPAddress.Loopback, 0);
        vrij.Start();
        Port = ((IPEndPoint)vrij.LocalEndpoint).Port;
        vrij.Stop();
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Ontvangen { get; } = new();

    /// <summary>Recipients answered with 550.</summary>
    public ConcurrentDictionary<string, bool> Geweigerd { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Milliseconds to wait before accepting each message (a slow relay, so a kill lands mid-work).</summary>
    public int VertragingMs { get; set; }

    /// <summary>
    /// Accept at most this many messages; later ones get a temporary 421 (the sender keeps them for later). A test that
    /// kills the sender mid-work stops it at a known point this way, however slow the machine is.
    /// </summary>
    public int? AannemenTot
    {
        get => _aannemenTot;
        set
        {
            Interlocked.Exchange(ref _aangenomen, Ontvangen.Count);
            _aannemenTot = value;
        }
    }

    private int? _aannemenTot;
    private int _aangenomen;

    /// <summary>Replies to give to the next messages instead of 250, one per message.</summary>
    public ConcurrentQueue<SmtpResponse> VolgendeAntwoorden { get; } = new();

    public TestSmtpServer Start()
    {
        _stop = new CancellationTokenSource();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication()).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Opslag(this));
        services.Add(new Filter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(_stop.Token);
        return this;
    }

    public async Task StopAsync()
    {
        if (_server is null || _stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _server.ShutdownTask;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _server = null;
        _stop = null;
    }

    /// <summary>Waits (bounded) until <paramref name="aantal"/> messages arrived; returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WachtOpAsync(int aantal, int maxSeconden = 60)
    {
        for (var i = 0; i < maxSeconden * 20 && Ontvangen.Count < aantal; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Ontvangen.Count >= aantal, $"expected {aantal} mails, got {Ontvangen.Count}");
        return Ontvangen.ToList();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Opslag(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.VolgendeAntwoorden.TryDequeue(out var antwoord))
            {
                return antwoord;
            }

            if (server.VertragingMs > 0)
            {
                await Task.Delay(server.VertragingMs, cancellationToken);
            }

            if (server._aannemenTot is { } tot && Interlocked.Increment(ref server._aangenomen) > tot)
            {
                return new SmtpResponse(SmtpReplyCode.ServiceClosingTransmissionChannel, "4.3.2 test: tijdelijk vol");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.Ontvangen.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.Geweigerd.ContainsKey($"{to.User}@{to.Host}"));
    }
}
