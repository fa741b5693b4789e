using System.Collections.Concurrent;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Gateway.Tests.Outbox;

/// <summary>
/// A delivery for the outbox tests: records every call, and notices when one gebeurtenisId is being delivered
/// twice at the same moment (the thing leases must prevent).
/// </summary>
public sealed class TestAflevering(string kanaal = AfleverKanalen.EsisCallback) : ICallbackAflevering
{
    private readonly ConcurrentDictionary<Guid, int> _bezig = new();

    public string Kanaal { get; } = kanaal;

    public ConcurrentQueue<(CallbackOpdracht Opdracht, string Instantie)> Afgeleverd { get; } = new();

    public ConcurrentBag<Guid> GelijktijdigAfgeleverd { get; } = [];

    public Func<CallbackOpdracht, int, AfleverUitkomst> Gedrag { get; set; } = (_, _) => AfleverUitkomst.Geslaagd;

    public ConcurrentDictionary<Guid, int> Pogingen { get; } = new();

    public TimeSpan Vertraging { get; set; } = TimeSpan.Zero;

    public string Instantie { get; set; } = "1";

    public async Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
    {
        if (_bezig.AddOrUpdate(callback.GebeurtenisId, 1, (_, n) => n + 1) > 1)
        {
            GelijktijdigAfgeleverd.Add(callback.GebeurtenisId);
        }

        try
        {
            if (Vertraging > TimeSpan.Zero)
            {
                await Task.Delay(Vertraging, cancellationToken);
            }

            var poging = Pogingen.AddOrUpdate(callback.GebeurtenisId, 1, (_, n) => n + 1);
            var uitkomst = Gedrag(callback, poging);
            if (uitkomst is AfleverUitkomst.Afgeleverd)
            {
                Afgeleverd.Enqueue((callback, Instantie));
            }

            return uitkomst;
        }
        finally
        {
            _bezig.AddOrUpdate(callback.GebeurtenisId, 0, (_, n) => n - 1);
        }
    }
}
