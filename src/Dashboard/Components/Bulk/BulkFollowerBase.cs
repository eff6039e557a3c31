using CheckpointDashboard.Shared.Bulk;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Bulk;

/// <summary>
/// A component that shows bulk changes live: it subscribes to the bulk service's events before it reads anything (so
/// nothing falls between the read and the first event), hands each event to <see cref="OnBulkEvent"/> on the renderer's
/// thread, and re-renders when that says the view changed, until it is disposed.
/// </summary>
public abstract class BulkFollowerBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _watch;

    [Inject]
    public required IBulkService Bulks { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Cancelled when the component is disposed; forward it to service calls.</summary>
    protected CancellationToken Stopping => _stop.Token;

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
        GC.SuppressFinalize(this);
    }

    /// <summary>Takes one live event; returns true when the view changed and must render.</summary>
    protected abstract bool OnBulkEvent(BulkEvent change);

    protected override void OnInitialized() => _watch = WatchAsync(_stop.Token);

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var change in Bulks.WatchAsync(stopping))
            {
                await InvokeAsync(() =>
                {
                    if (OnBulkEvent(change))
                    {
                        StateHasChanged();
                    }
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
