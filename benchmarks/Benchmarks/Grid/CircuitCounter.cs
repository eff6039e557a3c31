using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CheckpointDashboard.Benchmarks.Grid;

/// <summary>
/// Counts the Blazor circuits the hosted dashboard has open, so the memory benchmark knows that each browser page
/// really holds a circuit of its own, and when closed pages have really let theirs go.
/// </summary>
internal sealed class CircuitCounter
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Waits until <see cref="Open"/> is <paramref name="count"/>; false when it did not get there in time.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (Open != count)
        {
            if (DateTime.UtcNow > end)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>The per-circuit handler that reports to the counter (one instance per circuit, as Blazor scopes them).</summary>
    public sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._open);
            return Task.CompletedTask;
        }
    }
}
