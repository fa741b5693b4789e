using System.Net;
using System.Net.Sockets;
using Hulpvraag.Core.Adressen;

namespace Hulpvraag.Edge;

/// <summary>
/// The delivery-time half of the server-side request forgery guard, for every outbound call to a school's system (Esis
/// callbacks, OSO terugkoppelingen and dossier pulls): the host name is resolved here and only
/// addresses that <see cref="CallbackAdresRegels.IsToegestaan"/> allows (public ones, or networks configured in
/// <c>Callbacks:ToegestaneNetwerken</c>) are connected to. The name is resolved once, for this connection, so a name
/// that answered a public address at registration and 169.254.169.254 now is refused, not followed.
/// </summary>
public static class VeiligeVerbinding
{
    public static SocketsHttpHandler Handler(CallbackAdresRegels regels) => new()
    {
        ConnectCallback = (context, ct) => VerbindAsync(regels, context.DnsEndPoint, ct),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
    };

    public static async ValueTask<Stream> VerbindAsync(CallbackAdresRegels regels, DnsEndPoint doel, CancellationToken ct)
    {
        var adressen = IPAddress.TryParse(doel.Host, out var letterlijk) ? [letterlijk] : await Dns.GetHostAddressesAsync(doel.Host, ct);
        var toegestaan = adressen.Where(regels.IsToegestaan).ToList();
        if (toegestaan.Count == 0)
        {
            throw new AdresNietToegestaanException(doel.Host);
        }

        Exception? laatste = null;
        foreach (var adres in toegestaan)
        {
            var socket = new Socket(adres.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(adres, doel.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                laatste = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw laatste!;
    }
}

/// <summary>Every address the callback's host name resolved to is internal or reserved and not allowed by configuration.</summary>
public sealed class AdresNietToegestaanException(string host)
    : Exception($"The callback host '{host}' resolves only to addresses that are not allowed (internal or reserved).");
