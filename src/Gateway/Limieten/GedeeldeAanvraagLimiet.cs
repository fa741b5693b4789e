using System.Data.Common;
using System.Threading.RateLimiting;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Limieten;

/// <summary>
/// The per-address request limit (<see cref="RateLimitOptions"/>) shared by every instance on one PostgreSQL: a
/// token bucket kept as one row per address (generic cell rate algorithm: the row holds the moment the bucket would
/// be full again). To keep the cost per request small an instance takes a few tokens per upsert
/// (<see cref="Blok"/>, a twentieth of a second's rate) and spends them locally; several instances together can
/// therefore run ahead of the shared bucket by at most that many tokens each, never more than the limit over time.
/// Only with PostgreSQL: a single SQLite instance keeps the in-process bucket.
/// </summary>
public sealed partial class GedeeldeAanvraagLimiet(
    DbConnectionFactory connections, LimietEmmerStore emmers, IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<GedeeldeAanvraagLimiet> logger)
{
    public bool Actief => connections.IsPostgres && options.Value.PerAdresPerSeconde > 0;

    /// <summary>Tokens taken per upsert.</summary>
    public int Blok => Math.Clamp(options.Value.PerAdresPerSeconde / 20, 1, options.Value.Burst);

    public RateLimiter VoorAdres(string adres) => new AdresLimiter(this, adres);

    private void LogOnbereikbaar(Exception exception) => LogOnbereikbaar(logger, exception);

    /// <summary>Takes <paramref name="aantal"/> tokens from the shared bucket: all of them, or none and how long to wait.</summary>
    internal async Task<(bool Toegekend, TimeSpan Wacht)> NeemAsync(string adres, int aantal, CancellationToken cancellationToken)
    {
        var l = options.Value;
        var perToken = TimeSpan.TicksPerSecond / l.PerAdresPerSeconde;
        var nu = clock.GetUtcNow().UtcTicks;
        var kosten = perToken * aantal;
        var tolerantie = perToken * l.Burst;
        var huidig = await emmers.NeemOfGeefStandAsync(adres, nu, kosten, tolerantie, cancellationToken);
        return huidig is null
            ? (true, TimeSpan.Zero)
            : (false, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, Math.Max(huidig.Value, nu) + kosten - tolerantie - nu)));
    }

    [LoggerMessage(EventId = LogEventIds.GedeeldeLimietOnbereikbaar, Level = LogLevel.Warning, Message = "Shared request limit unavailable (store unreachable); request let through, intake answers for itself")]
    private static partial void LogOnbereikbaar(ILogger logger, Exception exception);

    /// <summary>One address's view: tokens already taken from the shared bucket are spent here without a round trip.</summary>
    private sealed class AdresLimiter(GedeeldeAanvraagLimiet gedeeld, string adres) : RateLimiter
    {
        private readonly Lock _lock = new();
        private int _lokaal;
        private long _laatstGebruikt = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _laatstGebruikt));

        public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = Volatile.Read(ref _lokaal) };

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            NeemLokaal(permitCount) ? Lease.Toegekend : Lease.NietLokaal;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (NeemLokaal(permitCount))
            {
                return Lease.Toegekend;
            }

            try
            {
                var blok = Math.Max(permitCount, gedeeld.Blok);
                var (toegekend, wacht) = await gedeeld.NeemAsync(adres, blok, cancellationToken);
                if (!toegekend && blok > permitCount)
                {
                    // Near the limit a whole block no longer fits; the last tokens go one by one.
                    blok = permitCount;
                    (toegekend, wacht) = await gedeeld.NeemAsync(adres, blok, cancellationToken);
                }

                if (!toegekend)
                {
                    return new Lease(false, wacht);
                }

                lock (_lock)
                {
                    _lokaal += blok - permitCount;
                }

                return Lease.Toegekend;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // Without the store nothing can be stored either: the request goes on and intake answers 503 itself.
                gedeeld.LogOnbereikbaar(ex);
                return Lease.Toegekend;
            }
        }

        private bool NeemLokaal(int aantal)
        {
            Volatile.Write(ref _laatstGebruikt, Environment.TickCount64);
            lock (_lock)
            {
                if (aantal == 0 || _lokaal >= aantal)
                {
                    _lokaal -= aantal;
                    return true;
                }

                return false;
            }
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? wacht) : RateLimitLease
    {
        public static readonly Lease Toegekend = new(true, null);
        public static readonly Lease NietLokaal = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => wacht is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = wacht;
            return wacht is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
