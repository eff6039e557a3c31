namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// A delay on a <see cref="TimeProvider"/> that can be cut short. A wake that arrives while nobody is
/// waiting is remembered, so an on-demand refresh requested mid-refresh is never lost.
/// </summary>
internal sealed class WakeableDelay
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _current;
    private bool _pending;

    public void Wake()
    {
        lock (_gate)
        {
            _pending = true;
            _current?.Cancel();
        }
    }

    /// <summary>Forgets a remembered wake; call when starting the work a wake asks for.</summary>
    public void Consume()
    {
        lock (_gate)
        {
            _pending = false;
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less when woken. Throws only when <paramref name="stopping"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken stopping)
    {
        CancellationTokenSource wake;
        lock (_gate)
        {
            if (_pending)
            {
                return;
            }

            wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _current = wake;
        }

        try
        {
            await Task.Delay(delay, time, wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // Woken.
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }

            wake.Dispose();
        }

        stopping.ThrowIfCancellationRequested();
    }
}
