using System.Diagnostics.Metrics;
using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Limieten;

/// <summary>
/// The limits on /metrics (meter <see cref="GatewayMetrics.MeterName"/>): failed verification codes per check,
/// requests refused by a lockout, lockouts lifted, and the lockouts active now (read from the store, cached briefly so
/// a scrape never hammers the database).
/// </summary>
public sealed class LimietMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _mislukt;
    private readonly Counter<long> _geblokkeerd;
    private readonly Counter<long> _opgeheven;
    private readonly TimeProvider _clock;
    private readonly IServiceProvider _services;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DateTimeOffset _vernieuwd = DateTimeOffset.MinValue;
    private long _aantalActief;

    public LimietMetrics(IMeterFactory meters, TimeProvider clock, IServiceProvider services)
    {
        _clock = clock;
        _services = services;
        _meter = meters.Create(GatewayMetrics.MeterName);
        _mislukt = _meter.CreateCounter<long>("hulpvraag_esis_verificatie_mislukt",
            description: "Failed Esis verification codes per failed check (ontbreekt, vorm-ongeldig, school-onbekend, code-onjuist)");
        _geblokkeerd = _meter.CreateCounter<long>("hulpvraag_esis_verificatie_geblokkeerd",
            description: "Esis requests refused with TE_VEEL_POGINGEN because a failure limit applied");
        _opgeheven = _meter.CreateCounter<long>("hulpvraag_esis_blokkade_opgeheven", description: "Lockouts lifted by the helpdesk");
        _meter.CreateObservableGauge("hulpvraag_esis_blokkades_actief", Actief,
            description: "Schools and (address, school) pairs locked out now");
    }

    public void Mislukt(string reden) => _mislukt.Add(1, new KeyValuePair<string, object?>("reden", reden));

    public void Geblokkeerd() => _geblokkeerd.Add(1);

    public void Opgeheven() => _opgeheven.Add(1);

    private long Actief()
    {
        if (_clock.GetUtcNow() - _vernieuwd > TimeSpan.FromSeconds(10) && _lock.Wait(0))
        {
            try
            {
                _aantalActief = _services.GetRequiredService<FoutTellerStore>().AantalActieveBlokkadesAsync(CancellationToken.None).GetAwaiter().GetResult();
                _vernieuwd = _clock.GetUtcNow();
            }
            catch (System.Data.Common.DbException)
            {
                // An unreachable store shows in /health/ready; the gauge keeps its last value.
            }
            finally
            {
                _lock.Release();
            }
        }

        return _aantalActief;
    }

    public void Dispose() => _lock.Dispose();
}
