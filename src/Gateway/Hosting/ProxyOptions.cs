using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// Section <c>Proxy</c>: the reverse proxies in front of the gateway (TLS termination, the Digikoppeling two-way TLS)
/// whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> it believes. Empty (the default): the headers are ignored
/// and the connection's own address counts, so nobody can pick the address the Esis failure limits see.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Blank entries (an environment variable set to nothing) are not proxies.</summary>
    public IEnumerable<string> Proxies => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p));

    public IEnumerable<string> Networks => KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n));

    public bool IsIngesteld => Proxies.Any() || Networks.Any();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownProxies[i]) && !IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult($"Proxy:KnownProxies:{i} is geen IP-adres: '{KnownProxies[i]}'.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownNetworks[i]) && !IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult($"Proxy:KnownNetworks:{i} is geen netwerk in CIDR-notatie (bijvoorbeeld 10.0.0.0/24): '{KnownNetworks[i]}'.", [nameof(KnownNetworks)]);
            }
        }
    }
}
