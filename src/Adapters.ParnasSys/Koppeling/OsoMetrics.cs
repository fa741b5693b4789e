using System.Diagnostics.Metrics;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// The OSO pull's counter, <c>hulpvraag_oso_ophalen_total{uitkomst}</c> in Prometheus, which the alert
/// HulpvraagOsoOphalenMislukt (deploy/prometheus/alerts.yaml) watches.
/// </summary>
public sealed class OsoMetrics
{
    /// <summary>The gateway's one meter (GatewayMetrics.MeterName in the host), the one the Prometheus exporter reads.</summary>
    public const string MeterName = "Hulpvraag.Gateway";

    public const string Opgehaald = "opgehaald";
    public const string Geweigerd = "geweigerd";

    /// <summary>One attempt failed (unreachable, 5xx, timeout); the notificatie is tried again.</summary>
    public const string Mislukt = "mislukt";

    /// <summary>Given up: a foutmelding of the supplier, or Oso:FetchHorizon passed.</summary>
    public const string Dood = "dood";

    private readonly Counter<long> _ophalen;

    public OsoMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _ophalen = meters.Create(MeterName).CreateCounter<long>("hulpvraag_oso_ophalen",
            description: "OSO dossier fetch attempts per outcome (opgehaald, geweigerd, mislukt, dood)");
    }

    public void Ophalen(string uitkomst) => _ophalen.Add(1, new KeyValuePair<string, object?>("uitkomst", uitkomst));
}
