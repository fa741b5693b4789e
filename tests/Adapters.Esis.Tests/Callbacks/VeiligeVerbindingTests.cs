using Hulpvraag.Edge;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hulpvraag.Adapters.Esis.Callbacks;
using Hulpvraag.Core.Adressen;

namespace Hulpvraag.Adapters.Esis.Tests.Callbacks;

/// <summary>
/// The delivery-time SSRF check (issue 14.4): a host name is judged by the addresses it resolves to now, so
/// <c>localhost</c> (a name, resolving to loopback) is refused unless <c>Callbacks:ToegestaneNetwerken</c> allows it.
/// </summary>
public sealed class VeiligeVerbindingTests : IAsyncLifetime
{
    private readonly TcpListener _luisteraar = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _bediener = Task.CompletedTask;
    private int _verbindingen;

    private int Poort => ((IPEndPoint)_luisteraar.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        _luisteraar.Start();
        _bediener = BedienAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _luisteraar.Stop();
        await _bediener;
        _stop.Dispose();
    }

    [Fact]
    public async Task Send_HostNameResolvingToLoopback_IsRefusedBeforeConnecting()
    {
        using var client = new HttpClient(VeiligeVerbinding.Handler(new CallbackAdresRegels()));

        var fout = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://localhost:{Poort}/aanvragen/A-1/status")));

        Assert.IsType<AdresNietToegestaanException>(fout.InnerException);
        Assert.Equal(0, Volatile.Read(ref _verbindingen));
    }

    [Fact]
    public async Task Send_LiteralMetadataAddress_IsRefused()
    {
        using var client = new HttpClient(VeiligeVerbinding.Handler(new CallbackAdresRegels()));

        var fout = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://169.254.169.254/latest/meta-data")));

        Assert.IsType<AdresNietToegestaanException>(fout.InnerException);
    }

    [Fact]
    public async Task Send_LoopbackAllowedByConfiguration_Connects()
    {
        using var client = new HttpClient(VeiligeVerbinding.Handler(new CallbackAdresRegels([IPNetwork.Parse("127.0.0.1/32")])));

        using var antwoord = await client.GetAsync(new Uri($"http://localhost:{Poort}/aanvragen/A-1/status"));

        Assert.Equal(HttpStatusCode.NoContent, antwoord.StatusCode);
        Assert.Equal(1, Volatile.Read(ref _verbindingen));
    }

    private async Task BedienAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var tcp = await _luisteraar.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _verbindingen);
                var stream = tcp.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
        catch (SocketException)
        {
            // The listener was stopped while accepting.
        }
        catch (ObjectDisposedException)
        {
            // Idem, on some platforms.
        }
    }
}
