using System.Diagnostics.Metrics;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// The gateway's instruments (spec "Operations"): what arrived and what was refused per source and code, outbox
/// deliveries per channel and outcome, and gauges (hulpvragen per status, age of the oldest waiting row per channel).
/// The gauges only read values that <see cref="MetriekVernieuwer"/> refreshes in the background: a scrape never waits
/// for the database and never blocks a thread on it.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Hulpvraag.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _ontvangen;
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _emails;
    private volatile Stand _stand = new([], new Dictionary<string, TimeSpan>());

    public GatewayMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _ontvangen = _meter.CreateCounter<long>("hulpvraag_ontvangen", description: "Requests received per source and outcome (aangemaakt, bijgewerkt, ongewijzigd, geweigerd) and error code");
        _callbacks = _meter.CreateCounter<long>("hulpvraag_callbacks", description: "Callback attempts per channel (esis-callback, oso-terugkoppeling) and outcome (afgeleverd, opnieuw, dood)");
        _emails = _meter.CreateCounter<long>("hulpvraag_emails", description: "E-mail attempts per outcome (afgeleverd, opnieuw, dood, overgeslagen)");
        _meter.CreateObservableGauge("hulpvraag_hulpvragen", () => _stand.PerStatus.Select(s => new Measurement<long>(s.Aantal, new KeyValuePair<string, object?>("status", s.Status))),
            description: "Hulpvragen per status");
        _meter.CreateObservableGauge("hulpvraag_oudste_wachtende_callback_seconden", () => Oudste(k => k != AfleverKanalen.Email), unit: "s",
            description: "Age of the oldest undelivered callback");
        _meter.CreateObservableGauge("hulpvraag_oudste_wachtende_email_seconden", () => Oudste(k => k == AfleverKanalen.Email), unit: "s",
            description: "Age of the oldest unsent e-mail");
    }

    /// <summary>When the gauges were last refreshed (null: not yet).</summary>
    public DateTimeOffset? VernieuwdOp => _stand.Op;

    public void Ontvangen(string systeem, string uitkomst, string? foutcode) =>
        _ontvangen.Add(1, new("bron", systeem), new("uitkomst", uitkomst), new("code", foutcode ?? ""));

    /// <summary>One outcome of one outbox delivery attempt, counted per channel.</summary>
    public void Aflevering(string kanaal, string uitkomst)
    {
        if (kanaal == AfleverKanalen.Email)
        {
            _emails.Add(1, new KeyValuePair<string, object?>("uitkomst", uitkomst));
        }
        else
        {
            _callbacks.Add(1, new("kanaal", kanaal), new("uitkomst", uitkomst));
        }
    }

    /// <summary>Called by the background refresher only.</summary>
    internal void Zet(IReadOnlyList<(string Status, long Aantal)> perStatus, IReadOnlyDictionary<string, TimeSpan> oudstePerKanaal, DateTimeOffset op) =>
        _stand = new Stand(perStatus, oudstePerKanaal) { Op = op };

    private double Oudste(Func<string, bool> kanalen) =>
        _stand.OudstePerKanaal.Where(k => kanalen(k.Key)).Select(k => k.Value.TotalSeconds).DefaultIfEmpty(0).Max();

    public void Dispose() => _meter.Dispose();

    private sealed record Stand(IReadOnlyList<(string Status, long Aantal)> PerStatus, IReadOnlyDictionary<string, TimeSpan> OudstePerKanaal)
    {
        public DateTimeOffset? Op { get; init; }
    }
}
