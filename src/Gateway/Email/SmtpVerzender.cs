using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hulpvraag.Gateway.Email;

/// <summary>
/// Sends over SMTP with MailKit, reusing connections: up to Email:Smtp:MaxVerbindingen open clients are kept and
/// handed out one at a time (a MailKit client is not thread-safe). A client that failed is closed, never reused.
/// </summary>
public sealed class SmtpVerzender(IOptions<EmailOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentBag<SmtpClient> _vrij = [];
    private readonly SemaphoreSlim _slots = new(options.Value.Smtp.MaxVerbindingen, options.Value.Smtp.MaxVerbindingen);

    /// <returns>The server's answer to the message (e.g. <c>2.0.0 Ok: queued as 4F2A</c>).</returns>
    public async Task<string> VerstuurAsync(MimeMessage bericht, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        string antwoord;
        try
        {
            var hergebruikt = _vrij.TryTake(out client) && client.IsConnected;
            if (!hergebruikt)
            {
                client?.Dispose();
                client = await VerbindAsync(cancellationToken);
            }

            try
            {
                antwoord = await client!.SendAsync(bericht, cancellationToken);
            }
            catch (Exception ex) when (hergebruikt && ex is ServiceNotConnectedException or IOException or SmtpProtocolException)
            {
                // The server closed an idle connection: one fresh connection, once.
                client!.Dispose();
                client = await VerbindAsync(cancellationToken);
                antwoord = await client.SendAsync(bericht, cancellationToken);
            }

            _vrij.Add(client);
            client = null;
        }
        finally
        {
            client?.Dispose();
            _slots.Release();
        }

        return antwoord;
    }

    private async Task<SmtpClient> VerbindAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient();
        Socket? socket = null;
        try
        {
            // Our own socket, for NoDelay: MailKit writes a message in several writes, and with Nagle on each one after
            // the first waits for the server's delayed ACK (40 ms on Linux), which capped a connection at ~11 mails/s.
            socket = Socket.OSSupportsIPv6
                ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true } // dual mode: IPv4 and IPv6 hosts
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(smtp.Host ?? "", smtp.Port, cancellationToken);
            await client.ConnectAsync(socket, smtp.Host ?? "", smtp.Port, smtp.Security switch
            {
                SmtpBeveiliging.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpBeveiliging.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_vrij.TryTake(out var client))
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or ServiceNotConnectedException)
            {
                // Closing politely is a courtesy; the socket goes either way.
            }

            client.Dispose();
        }

        _slots.Dispose();
    }
}
