using System.Diagnostics.Metrics;
using Dapper;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// The gateway's instruments (spec "Operations"): what arrived and what was refused per source and code, callbacks per
/// outcome and source system, and gauges read from the store (hulpvragen per status, age of the oldest waiting
/// callback), cached briefly so a scrape never hammers the database.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Hulpvraag.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _ontvangen;
    private readonly Counter<long> _callbacks;
    private readonly DbConnectionFactory _connections;
    private readonly OutboxStore _outbox;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DateTimeOffset _vernieuwd = DateTimeOffset.MinValue;
    private IReadOnlyList<(string Status, long Aantal)> _perStatus = [];
    private double _oudsteCallback;

    public GatewayMetrics(IMeterFactory meters, DbConnectionFactory connections, OutboxStore outbox, TimeProvider clock)
    {
        _connections = connections;
        _outbox = outbox;
        _clock = clock;
        _meter = meters.Create(MeterName);
        _ontvangen = _meter.CreateCounter<long>("hulpvraag_ontvangen", description: "Requests received per source and outcome (aangemaakt, bijgewerkt, ongewijzigd, geweigerd) and error code");
        _callbacks = _meter.CreateCounter<long>("hulpvraag_callbacks", description: "Callback attempts per source system and outcome (afgeleverd, opnieuw, dood)");
        _meter.CreateObservableGauge("hulpvraag_hulpvragen", () => Vernieuw().PerStatus.Select(s => new Measurement<long>(s.Aantal, new KeyValuePair<string, object?>("status", s.Status))),
            description: "Hulpvragen per status");
        _meter.CreateObservableGauge("hulpvraag_oudste_wachtende_callback_seconden", () => Vernieuw().Oudste, unit: "s",
            description: "Age of the oldest undelivered callback");
    }

    public void Ontvangen(string systeem, string uitkomst, string? foutcode) =>
        _ontvangen.Add(1, new("bron", systeem), new("uitkomst", uitkomst), new("code", foutcode ?? ""));

    public void Callback(string systeem, string uitkomst) => _callbacks.Add(1, new("bestemming", systeem), new("uitkomst", uitkomst));

    private (IReadOnlyList<(string Status, long Aantal)> PerStatus, double Oudste) Vernieuw()
    {
        if (_clock.GetUtcNow() - _vernieuwd > TimeSpan.FromSeconds(10) && _lock.Wait(0))
        {
            try
            {
                using var c = _connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                _perStatus = c.Query<(string, long)>("SELECT status_code, COUNT(*) FROM hulpvraag GROUP BY status_code").ToList();
                _oudsteCallback = _outbox.OudsteWachtendeLeeftijdAsync(CancellationToken.None).GetAwaiter().GetResult()?.TotalSeconds ?? 0;
                _vernieuwd = _clock.GetUtcNow();
            }
            catch (System.Data.Common.DbException)
            {
                // An unreachable store shows in /health/ready; the metrics keep their last values.
            }
            finally
            {
                _lock.Release();
            }
        }

        return (_perStatus, _oudsteCallback);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _lock.Dispose();
    }
}
