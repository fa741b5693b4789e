using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Adapters.Esis.Authenticatie;

/// <summary>
/// Counts failed authentications in a sliding window, per BRIN6, per (address, BRIN6) and per address. An address
/// over its limit is refused only for the schools it has failed on, so other schools behind the same address (a
/// school board's NAT) still get in. Per process: the in-memory stand-in for a host without a store (the gateway
/// counts in its store, so instances share one count).
/// </summary>
public sealed class FoutLimiet(TimeProvider clock, IOptions<EsisOptions> options) : IFoutTellers
{
    private readonly ConcurrentDictionary<string, Teller> _tellers = new(StringComparer.Ordinal);

    // Check and count of a failure as one step (as the store does it in one transaction).
    private readonly Lock _tellen = new();

    public Task<TimeSpan?> GeblokkeerdAsync(string? brin6, string adres, CancellationToken cancellationToken) =>
        Task.FromResult(Geblokkeerd(brin6, adres, options.Value));

    public Task<TimeSpan?> RegistreerMislukkingAsync(MislukteVerificatie poging, CancellationToken cancellationToken)
    {
        lock (_tellen)
        {
            if (Geblokkeerd(poging.Brin6, poging.Adres, options.Value) is { } wacht)
            {
                return Task.FromResult<TimeSpan?>(wacht);
            }

            RegistreerMislukking(poging.Brin6, poging.Adres);
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    private TimeSpan? Geblokkeerd(string? brin6, string adres, EsisOptions opties)
    {
        var nu = clock.GetUtcNow();
        var sleutelSchool = "s:" + (brin6 ?? "-");
        var sleutelPaar = $"p:{adres}|{brin6 ?? "-"}";
        TimeSpan? wacht = null;
        if (Aantal(sleutelSchool, nu, opties, out var s) >= opties.MaxMislukkingenPerSchool)
        {
            wacht = Max(wacht, s);
        }

        var paar = Aantal(sleutelPaar, nu, opties, out var p);
        if (paar >= opties.MaxMislukkingenPerAdresEnSchool)
        {
            wacht = Max(wacht, p);
        }

        if (paar > 0 && Aantal("a:" + adres, nu, opties, out var a) >= opties.MaxMislukkingenPerAdres)
        {
            wacht = Max(wacht, a);
        }

        return wacht;
    }

    private void RegistreerMislukking(string? brin6, string adres)
    {
        var nu = clock.GetUtcNow();
        foreach (var sleutel in new[] { "s:" + (brin6 ?? "-"), $"p:{adres}|{brin6 ?? "-"}", "a:" + adres })
        {
            _tellers.GetOrAdd(sleutel, _ => new Teller()).Voeg(nu);
        }

        if (_tellers.Count > 100_000)
        {
            Opruimen(nu);
        }
    }

    private int Aantal(string sleutel, DateTimeOffset nu, EsisOptions opties, out TimeSpan wacht)
    {
        wacht = TimeSpan.Zero;
        return _tellers.TryGetValue(sleutel, out var t) ? t.Aantal(nu, opties.MislukkingVenster, out wacht) : 0;
    }

    private void Opruimen(DateTimeOffset nu)
    {
        foreach (var (sleutel, teller) in _tellers)
        {
            if (teller.Aantal(nu, TimeSpan.FromDays(1), out _) == 0)
            {
                _tellers.TryRemove(sleutel, out _);
            }
        }
    }

    private static TimeSpan Max(TimeSpan? a, TimeSpan b) => a is null || b > a ? b : a.Value;

    private sealed class Teller
    {
        private readonly Queue<DateTimeOffset> _momenten = new();

        public void Voeg(DateTimeOffset op)
        {
            lock (_momenten)
            {
                _momenten.Enqueue(op);
                while (_momenten.Count > 10_000)
                {
                    _momenten.Dequeue();
                }
            }
        }

        /// <summary>Failures inside the window, and how long until the oldest of them leaves it.</summary>
        public int Aantal(DateTimeOffset nu, TimeSpan venster, out TimeSpan wacht)
        {
            lock (_momenten)
            {
                while (_momenten.Count > 0 && _momenten.Peek() <= nu - venster)
                {
                    _momenten.Dequeue();
                }

                wacht = _momenten.Count > 0 ? _momenten.Peek() + venster - nu : TimeSpan.Zero;
                return _momenten.Count;
            }
        }
    }
}
