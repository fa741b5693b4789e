using System.ComponentModel.DataAnnotations;
using System.Net;
using Hulpvraag.Core.Adressen;
using Microsoft.Extensions.Configuration;

namespace Hulpvraag.Gateway.Application;

/// <summary>
/// <c>Callbacks:AllowedNetworks</c> (formerly ToegestaneNetwerken): the non-public networks (CIDR) a callback may go to after all, e.g. a school
/// system inside the samenwerkingsverband's own network, or <c>127.0.0.1/32</c> for a local test set-up. Empty by default:
/// only public addresses. Read from the same section as the outbox's settings; validated at start-up.
/// </summary>
public sealed class CallbackAdresOptions : IValidatableObject
{
    public const string Section = "Callbacks";

    [ConfigurationKeyName("AllowedNetworks")]

    public List<string> ToegestaneNetwerken { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var netwerk in ToegestaneNetwerken)
        {
            if (!CallbackAdresRegels.TryParseNetwerk(netwerk, out _))
            {
                yield return new ValidationResult(
                    $"Callbacks:AllowedNetworks: '{netwerk}' is geen netwerk in CIDR-notatie (bijvoorbeeld 10.20.0.0/16 of 127.0.0.1/32).",
                    [nameof(ToegestaneNetwerken)]);
            }
        }
    }

    public CallbackAdresRegels Regels()
    {
        var netwerken = new List<IPNetwork>();
        foreach (var tekst in ToegestaneNetwerken)
        {
            if (CallbackAdresRegels.TryParseNetwerk(tekst, out var netwerk))
            {
                netwerken.Add(netwerk);
            }
        }

        return new CallbackAdresRegels(netwerken);
    }
}
