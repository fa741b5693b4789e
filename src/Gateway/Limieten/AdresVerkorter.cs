using System.Net;
using System.Net.Sockets;

namespace Hulpvraag.Gateway.Limieten;

/// <summary>
/// A client address as the helpdesk may see it: the network, not the device (IPv4 /24, IPv6 /48). Enough to tell
/// "the school's own network" from "somewhere else", too little to single out a person.
/// </summary>
public static class AdresVerkorter
{
    public static string Verkort(string adres)
    {
        if (!IPAddress.TryParse(adres, out var ip))
        {
            return "onbekend";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes)}/24";
        }

        Array.Clear(bytes, 6, bytes.Length - 6);
        return $"{new IPAddress(bytes)}/48";
    }
}
