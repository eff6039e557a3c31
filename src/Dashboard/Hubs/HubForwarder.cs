using System.Threading.Channels;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Forwards a service's change stream to <see cref="JobsHub"/> clients, with the guarantees both broadcasters give:
/// </summary>
/// <remarks>
/// <para>
/// Ordering: one loop reads the service's stream into a FIFO queue and one loop sends from it, awaiting each send
/// before the next. SignalR writes to a connection in the order it is asked to, so every client receives events in the
/// order the service published them.
/// </para>
/// <para>
/// Nothing is dropped here: the queue is unbounded, so a slow client (whose socket pushes back until SignalR's timeout
/// drops it) delays later events instead of pushing final events out, and the service's stream is always read at once,
/// so it never has to hold events for us. A send that fails is logged and skipped and the next event goes out; only the
/// clients of that one send may miss it. If the stream itself fails, the loop subscribes again after
/// <see cref="RetryDelay"/>: events published in between are not seen by anyone, and the error is logged. On shutdown,
/// what was already read is still sent.
/// </para>
/// </remarks>
/// <typeparam name="TEvent">The service's event type.</typeparam>
public abstract class HubForwarder<TEvent>(IServiceProvider services, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long to wait before watching again after the service's stream failed or ended.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>"job service", "bulk service": for the log.</summary>
    protected abstract string SourceName { get; }

    /// <summary>
    /// The stream to forward, or null when its service is not registered. Resolved at start, not injected: each service is
    /// registered by its own module, and the app must still start without it.
    /// </summary>
    protected abstract Func<CancellationToken, IAsyncEnumerable<TEvent>>? Source(IServiceProvider services);

    /// <summary>Sends one event to the connections that follow it; exceptions are logged by the caller.</summary>
    protected abstract Task SendAsync(TEvent change, DateTimeOffset readAt);

    /// <summary>What an event is about, for the log ("JobFinished of job …").</summary>
    protected abstract string Describe(TEvent change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Source(services) is not { } source)
        {
            HubForwarderLog.NoService(logger, SourceName);
            return;
        }

        var queue = Channel.CreateUnbounded<(TEvent Event, DateTimeOffset At)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = SendAllAsync(queue.Reader);
        try
        {
            await WatchAsync(source, queue.Writer, stoppingToken);
        }
        finally
        {
            // The sender drains what was already read, so final events queued before shutdown still go out.
            queue.Writer.TryComplete();
            await sending;
        }
    }

    private async Task WatchAsync(Func<CancellationToken, IAsyncEnumerable<TEvent>> source, ChannelWriter<(TEvent, DateTimeOffset)> queue, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in source(stoppingToken))
                {
                    queue.TryWrite((change, time.GetUtcNow()));
                }

                if (!stoppingToken.IsCancellationRequested)
                {
                    HubForwarderLog.StreamEnded(logger, SourceName, RetryDelay);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HubForwarderLog.StreamFailed(logger, ex, SourceName, RetryDelay);
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAllAsync(ChannelReader<(TEvent Event, DateTimeOffset At)> queue)
    {
        // Not cancelled by shutdown: it ends when the watch loop completes the queue, after sending what is left.
        await foreach (var (change, at) in queue.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await SendAsync(change, at);
            }
            catch (Exception ex)
            {
                HubForwarderLog.SendFailed(logger, ex, Describe(change));
            }
        }
    }
}

/// <summary>The forwarders' log messages (source-generated; the generator does not take generic classes).</summary>
internal static partial class HubForwarderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Source} is registered; its events will not be sent to /hubs/jobs.")]
    public static partial void NoService(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Source} ended its event stream; watching again in {Delay}.")]
    public static partial void StreamEnded(ILogger logger, string source, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the {Source} failed; events until it is watched again (in {Delay}) are not sent.")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string source, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Event} failed; going on with the next event.")]
    public static partial void SendFailed(ILogger logger, Exception exception, string @event);
}
