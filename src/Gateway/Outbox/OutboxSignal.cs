namespace Hulpvraag.Gateway.Outbox;

/// <summary>
/// Wakes this instance's dispatcher as soon as a callback row is committed, so the polling interval only matters
/// for rows written by other instances and for retries.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every row committed before the dispatcher looks.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
