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
        if (!RendererInfo.IsInteractive)
        {
            ApplyCurrent(feed, apply);
            return;
        }

        _feeds.Add(FollowAsync(feed(_stop.Token), apply, _stop.Token));
    }

    /// <summary>
    /// Prerendering: applies what the feed holds right now and stops following. The page is rendered once and its
    /// request's services are disposed as the response ends; an item applied after that would touch disposed services
    /// (the soak found exactly that). The interactive render that follows subscribes for real.
    /// </summary>
    private void ApplyCurrent<T>(Func<CancellationToken, IAsyncEnumerable<T>> feed, Func<T, bool> apply)
    {
        using var once = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var items = feed(once.Token).GetAsyncEnumerator(once.Token);
        var next = items.MoveNextAsync().AsTask();
        if (next.IsCompletedSuccessfully && next.Result)
        {
            apply(items.Current);
        }

        once.Cancel();
        _feeds.Add(CloseAsync(items, next));
    }

    private static async Task CloseAsync<T>(IAsyncEnumerator<T> items, Task<bool> pending)
    {
        try
        {
            await pending;
        }
        catch (OperationCanceledException)
        {
            // Cancelled on purpose: nothing more is wanted while prerendering.
        }

        await items.DisposeAsync();
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
