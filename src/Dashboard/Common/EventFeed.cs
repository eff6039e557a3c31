using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CheckpointDashboard.Dashboard.Common;

/// <summary>
/// In-process publish/subscribe for a service's change events: each subscriber reads its own unbounded channel, so a
/// slow page never slows the publisher and never loses a final event. Subscribing happens on the first
/// <c>MoveNextAsync</c> of <see cref="WatchAsync"/>.
/// </summary>
public sealed class EventFeed<T>
{
    private readonly List<Channel<T>> _subscribers = [];
    private readonly Lock _gate = new();

    public void Publish(T change)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Ends every subscription (at shutdown): readers see the end of their stream.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }
    }

    public async IAsyncEnumerable<T> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
