using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Shared;

/// <summary>
/// A component that follows live feeds until it is disposed: each item is applied on the renderer's thread (through
/// <see cref="ComponentBase.InvokeAsync(Action)"/>) and the component re-renders when the item changed what it shows.
/// Disposal cancels every feed and waits for it; a feed's failure goes to <see cref="ComponentBase.DispatchExceptionAsync"/>.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _feeds = [];

    /// <summary>Cancelled when the component is disposed; forward it to service calls.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var feed in _feeds)
        {
            try
            {
                await feed;
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

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Starts following <paramref name="feed"/>. The subscription is made before this returns (an async iterator runs to its
    /// first wait synchronously), so whatever is read after it cannot miss an item published in between.
    /// </summary>
    /// <param name="feed">The feed, given the component's stopping token.</param>
    /// <param name="apply">Takes one item on the renderer's thread; returns true when the view changed.</param>
    protected void Follow<T>(Func<CancellationToken, IAsyncEnumerable<T>> feed, Func<T, bool> apply)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(apply);
        _feeds.Add(FollowAsync(feed(_stop.Token), apply, _stop.Token));
    }

    private async Task FollowAsync<T>(IAsyncEnumerable<T> feed, Func<T, bool> apply, CancellationToken stopping)
    {
        try
        {
            await foreach (var item in feed.WithCancellation(stopping))
            {
                await InvokeAsync(() =>
                {
                    if (apply(item))
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
