using System.Net;
using System.Net.Sockets;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Adressen;

/// <summary>
/// Where the gateway may call a school's system back (server-side request forgery guard). Checked twice: when the
/// helpdesk registers a URL (<see cref="Controleer"/>: form, scheme, literal addresses) and at delivery time on every
/// address the host name resolves to (<see cref="IsToegestaan"/>, from a <c>SocketsHttpHandler.ConnectCallback</c>),
/// because a name that resolves to a public address today may resolve to 169.254.169.254 tomorrow.
/// </summary>
public sealed class CallbackAdresRegels
{
    public const int MaxLengte = 2000;
    public const string Productie = "productie";

    /// <summary>Not the public internet: this host, link-local (cloud metadata), private, shared, documentation, multicast, reserved.</summary>
    private static readonly IPNetwork[] Afgeschermd =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IReadOnlyList<IPNetwork> _toegestaan;

    /// <param name="toegestaneNetwerken">Networks an operator explicitly allows although they are not public (<c>Callbacks:ToegestaneNetwerken</c>), e.g. a school system inside the same private network.</param>
    public CallbackAdresRegels(IEnumerable<IPNetwork>? toegestaneNetwerken = null) => _toegestaan = [.. toegestaneNetwerken ?? []];

    /// <summary>Parses CIDR notation (<c>10.1.0.0/16</c>, <c>127.0.0.1/32</c>); false for anything else.</summary>
    public static bool TryParseNetwerk(string? waarde, out IPNetwork netwerk)
    {
        netwerk = default;
        return waarde is not null && waarde.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(waarde.Trim(), out netwerk);
    }

    /// <summary>May the gateway connect to this address? Public addresses yes; the ranges above only when configured.</summary>
    public bool IsToegestaan(IPAddress adres)
    {
        if (adres.IsIPv4MappedToIPv6)
        {
            adres = adres.MapToIPv4();
        }
        else if (adres.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(adres))
        {
            // NAT64 embeds an IPv4 address in its last 32 bits: judge that one.
            var bytes = adres.GetAddressBytes();
            adres = new IPAddress(bytes.AsSpan(12, 4));
        }

        foreach (var netwerk in _toegestaan)
        {
            if (netwerk.BaseAddress.AddressFamily == adres.AddressFamily && netwerk.Contains(adres))
            {
                return true;
            }
        }

        foreach (var netwerk in Afgeschermd)
        {
            if (netwerk.BaseAddress.AddressFamily == adres.AddressFamily && netwerk.Contains(adres))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The registration-time rule for a callback URL of an Esis environment: absolute, at most <see cref="MaxLengte"/>
    /// characters, no user info, query or fragment; https, or http only to this machine in an environment other than
    /// <c>productie</c>; a literal address (or <c>localhost</c>) must pass <see cref="IsToegestaan"/>. Returns null when fine.
    /// </summary>
    public Fout? Controleer(string? url, string omgeving, string veld)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return new Fout(FoutCodes.VerplichtVeldOntbreekt, veld, "De callback-URL ontbreekt. Geef een volledige https-URL, bijvoorbeeld https://esis.example/swv.");
        }

        if (url.Length > MaxLengte)
        {
            return new Fout(FoutCodes.VeldOngeldig, veld, $"De callback-URL is te lang (hoogstens {MaxLengte} tekens).");
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)
            || string.IsNullOrEmpty(uri.Host))
        {
            return new Fout(FoutCodes.VeldOngeldig, veld,
                "De callback-URL moet een volledige https-URL zijn zonder gebruikersnaam, querystring of #-deel, bijvoorbeeld https://esis.example/swv.");
        }

        // The address first: a metadata or private address is the graver fault, whatever the scheme.
        var adres = LetterlijkAdres(uri);
        if (adres is not null && !IsToegestaan(adres))
        {
            return new Fout(FoutCodes.VeldOngeldig, veld,
                "De callback-URL wijst naar een intern of gereserveerd adres (zoals localhost, 10.x, 192.168.x of 169.254.x). "
                + "Gebruik het publieke adres van het schoolsysteem, of laat de beheerder dit netwerk toestaan in Callbacks:ToegestaneNetwerken.");
        }

        var lokaal = adres is not null && IPAddress.IsLoopback(adres.IsIPv4MappedToIPv6 ? adres.MapToIPv4() : adres);
        if (uri.Scheme == "http" && !(lokaal && !IsProductie(omgeving)))
        {
            return new Fout(FoutCodes.VeldOngeldig, veld, IsProductie(omgeving)
                ? "De callback-URL moet in de omgeving 'productie' met https:// beginnen, bijvoorbeeld https://esis.example/swv."
                : "De callback-URL moet met https:// beginnen; http:// mag alleen naar deze machine zelf (localhost) in een testomgeving.");
        }

        return null;
    }

    public static bool IsProductie(string? omgeving) => string.Equals(omgeving?.Trim(), Productie, StringComparison.OrdinalIgnoreCase);

    /// <summary>The address a URL names literally (also in decimal or hex IPv4 forms, which <see cref="Uri"/> normalises), or <c>localhost</c>.</summary>
    private static IPAddress? LetterlijkAdres(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var adres))
        {
            return adres;
        }

        var host = uri.IdnHost.TrimEnd('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : null;
    }
}
