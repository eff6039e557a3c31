using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Shared;

/// <summary>
/// A component that shows the live fleet: it reads the inventory's current snapshot, then follows the change feed
/// until it is disposed, re-rendering (through <see cref="ComponentBase.InvokeAsync(Action)"/>) on each new snapshot.
/// Components never call hosts; this is the only way they see the fleet.
/// </summary>
public abstract class FleetComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _watch;

    [Inject]
    public required IFleetInventory Inventory { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The snapshot being shown.</summary>
    protected FleetSnapshot Snapshot { get; private set; } = null!;

    protected DateTimeOffset Now => Time.GetUtcNow();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            try
            {
                await _watch;
            }
            catch (OperationCanceledException)
            {
                // Expected on dispose.
            }
        }

        _stop.Dispose();
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        Snapshot = Inventory.Current;
        OnSnapshot(Snapshot);
        _watch = WatchAsync(_stop.Token);
    }

    /// <summary>Called with each snapshot before rendering it (first with the current one).</summary>
    protected virtual void OnSnapshot(FleetSnapshot snapshot)
    {
    }

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var snapshot in Inventory.WatchAsync(stopping))
            {
                if (snapshot.Version == Snapshot.Version)
                {
                    continue;
                }

                await InvokeAsync(() =>
                {
                    Snapshot = snapshot;
                    OnSnapshot(snapshot);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }
}
