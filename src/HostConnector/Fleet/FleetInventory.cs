using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Logging;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// Runs one watch loop per host and per cluster, merges what they read into immutable
/// <see cref="FleetSnapshot"/>s, and fans each new snapshot out to every subscriber through a channel of its own.
/// </summary>
/// <remarks>
/// Cluster nodes are not configured: each cluster's discovery adds and removes its nodes' watch loops.
/// Changes are coalesced for <see cref="FleetOptions.PublishCoalescing"/> before a snapshot is built, so a
/// refresh of a thousand hosts publishes a handful of snapshots, not a thousand.
/// </remarks>
public sealed class FleetInventory : IFleetInventory, IAsyncDisposable
{
    /// <summary>The longest changes wait to be published, however large the fleet.</summary>
    private static readonly TimeSpan MaxCoalescing = TimeSpan.FromSeconds(1);

    private readonly CimSessionFactory _sessions;
    private readonly HyperVInventoryReader _reader;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HostWatcher> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ClusterWatcher> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<FleetSnapshot>> _subscribers = [];
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _isSimulated;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _publisher;
    private long _version;
    private long _lastPublishedTicks;
    private TimeSpan _lastBuild;
    private int _disposed;
    private volatile FleetSnapshot _current;

    public FleetInventory(
        IReadOnlyList<HostTarget> hosts,
        IReadOnlyList<ClusterTarget> clusters,
        CimSessionFactory sessions,
        FleetOptions options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(clusters);
        _sessions = sessions;
        _options = options;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<FleetInventory>();
        _reader = new HyperVInventoryReader(time);
        _concurrency = new SemaphoreSlim(options.MaxConcurrency);
        _isSimulated = options.IsSimulated || hosts.Any(h => IsSim(h.Connection)) || clusters.Any(c => IsSim(c.Connection));
        _current = FleetSnapshot.Empty(time.GetUtcNow(), _isSimulated);
        foreach (var host in hosts)
        {
            _hosts[host.Name] = NewHostWatcher(host);
        }

        foreach (var cluster in clusters)
        {
            _clusters[cluster.Name] = new ClusterWatcher(
                cluster, sessions, options, time, loggers.CreateLogger<ClusterWatcher>(), OnClusterChanged);
        }
    }

    public FleetSnapshot Current => _current;

    /// <summary>
    /// How many <see cref="WatchAsync"/> streams are open now (one per live page or other reader). For diagnostics: with
    /// a steady number of readers it stays steady; a number that only grows is a leaked subscription.
    /// </summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Starts every loop. Returns at once; data arrives as hosts answer.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _publisher ??= Task.Run(() => PublishLoopAsync(_stop.Token));
            foreach (var watcher in _hosts.Values)
            {
                watcher.Start();
            }

            foreach (var watcher in _clusters.Values)
            {
                watcher.Start();
            }
        }

        Publish();
    }

    public async IAsyncEnumerable<FleetSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<FleetSnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
            channel.Writer.TryWrite(_current);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
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

    /// <summary>Reads the named host, every node of the named cluster, or (null) every host, in full.</summary>
    public Task RefreshAsync(string? name, CancellationToken cancellationToken) => RefreshAsync(name, full: true, cancellationToken);

    /// <summary>
    /// As <see cref="RefreshAsync(string?, CancellationToken)"/>; with <paramref name="full"/> false, hosts whose VMs
    /// report no configuration change since their last full read are read incrementally (as the periodic refresh does).
    /// </summary>
    public async Task RefreshAsync(string? name, bool full, CancellationToken cancellationToken)
    {
        List<HostWatcher> hosts;
        List<ClusterWatcher> clusters;
        lock (_gate)
        {
            if (name is null)
            {
                hosts = [.. _hosts.Values];
                clusters = [.. _clusters.Values];
            }
            else
            {
                clusters = _clusters.TryGetValue(name, out var cluster) ? [cluster] : [];
                hosts = _hosts.TryGetValue(name, out var host)
                    ? [host]
                    : [.. _hosts.Values.Where(h => string.Equals(h.Target.Cluster, name, StringComparison.OrdinalIgnoreCase))];
                if (hosts.Count == 0 && clusters.Count == 0)
                {
                    throw new KeyNotFoundException($"No host or cluster named '{name}' is in the fleet.");
                }
            }
        }

        foreach (var cluster in clusters)
        {
            cluster.Wake();
        }

        await Task.WhenAll(hosts.Select(h => h.RefreshAsync(full, cancellationToken))).ConfigureAwait(false);
        Task published;
        lock (_gate)
        {
            published = _published.Task;
        }

        Publish();
        await published.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public CimConnection? ConnectionOf(string hostName)
    {
        lock (_gate)
        {
            return _hosts.TryGetValue(hostName, out var watcher) ? watcher.Target.Connection : null;
        }
    }

    public DiskSizeCache? DiskFilesOf(string hostName)
    {
        lock (_gate)
        {
            return _hosts.TryGetValue(hostName, out var watcher) ? watcher.DiskFiles : null;
        }
    }

    /// <summary>Stops every loop and completes every subscriber's stream. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        List<IAsyncDisposable> watchers;
        lock (_gate)
        {
            watchers = [.. _hosts.Values, .. _clusters.Values];
            _hosts.Clear();
            _clusters.Clear();
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }

        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync().ConfigureAwait(false);
        }

        if (_publisher is not null)
        {
            try
            {
                await _publisher.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _concurrency.Dispose();
        _stop.Dispose();
    }

    private HostWatcher NewHostWatcher(HostTarget target) =>
        new(target, _sessions, _reader, _options, _concurrency, _time, _loggers.CreateLogger<HostWatcher>(), OnHostChanged);

    /// <summary>
    /// A visible change is published (coalesced); a quiet one (a read that found nothing new, only its times moved)
    /// waits for the next publish, but never longer than a refresh interval, so host times shown stay current.
    /// </summary>
    private void OnHostChanged(HostWatcher host, bool visible)
    {
        if (visible || _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastPublishedTicks) >= _options.RefreshInterval.Ticks)
        {
            Publish();
        }
    }

    private void OnClusterChanged(ClusterWatcher cluster)
    {
        var removed = new List<HostWatcher>();
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            var nodes = cluster.Info.Nodes.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, watcher) in _hosts.Where(h => string.Equals(h.Value.Target.Cluster, cluster.Target.Name, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                if (!nodes.Contains(name) && cluster.Info.LastError is null)
                {
                    _hosts.Remove(name);
                    removed.Add(watcher);
                }
            }

            foreach (var node in nodes)
            {
                if (_hosts.TryGetValue(node, out var existing))
                {
                    if (!string.Equals(existing.Target.Cluster, cluster.Target.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        _logger.LogWarning("Node {Node} of cluster {Cluster} is also configured as a host; it is read once, as configured.",
                            node, cluster.Target.Name);
                    }

                    continue;
                }

                var watcher = NewHostWatcher(new HostTarget(node, cluster.Target.Name, cluster.Target.NodeConnection(node)));
                _hosts[node] = watcher;
                if (_publisher is not null)
                {
                    watcher.Start();
                }
            }
        }

        foreach (var watcher in removed)
        {
            _ = watcher.DisposeAsync().AsTask();
        }

        Publish();
    }

    private void Publish() => _dirty.Writer.TryWrite(true);

    private async Task PublishLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (await _dirty.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                if (_options.PublishCoalescing > TimeSpan.Zero)
                {
                    await Task.Delay(CoalescingWindow(_options.PublishCoalescing, _lastBuild), _time, stopping).ConfigureAwait(false);
                }

                _dirty.Reader.TryRead(out _);
                TaskCompletionSource published;
                lock (_gate)
                {
                    published = _published;
                    _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    BuildAndPublish();
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Building the fleet snapshot failed; the previous one stays current.");
                }
                finally
                {
                    _lastBuild = Stopwatch.GetElapsedTime(started);
                    published.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// How long changes are gathered before the next snapshot: <see cref="FleetOptions.PublishCoalescing"/>, or ten times
    /// what the last snapshot took to build when that is longer (at most <see cref="MaxCoalescing"/>). Building a snapshot
    /// costs time in proportion to the fleet, so a fixed window would let a large fleet's refresh spend most of a core
    /// rebuilding snapshots nobody has looked at yet; this keeps it near a tenth of a core at any size.
    /// </summary>
    public static TimeSpan CoalescingWindow(TimeSpan configured, TimeSpan lastBuild)
    {
        var adaptive = TimeSpan.FromTicks(Math.Min(lastBuild.Ticks * 10, MaxCoalescing.Ticks));
        return adaptive > configured ? adaptive : configured;
    }

    private void BuildAndPublish()
    {
        List<HostInventoryEntry> entries;
        List<ClusterWatcher> clusters;
        lock (_gate)
        {
            entries = [.. _hosts.Values.Select(h => h.Entry)];
            clusters = [.. _clusters.Values];
        }

        var owners = new Dictionary<Guid, string>();
        foreach (var cluster in clusters)
        {
            foreach (var (vm, node) in cluster.Owners)
            {
                owners[vm] = node;
            }
        }

        var vms = FleetMerger.Merge(entries, owners);
        var hosts = entries
            .Select(e => e.Status)
            .OrderBy(h => h.Cluster ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();
        var clusterInfos = clusters.Select(c => c.Info).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        var snapshot = new FleetSnapshot(Interlocked.Increment(ref _version), _time.GetUtcNow(), _isSimulated, hosts, clusterInfos, vms);
        Interlocked.Exchange(ref _lastPublishedTicks, snapshot.TakenAt.UtcTicks);
        lock (_gate)
        {
            _current = snapshot;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(snapshot);
            }
        }
    }

    private static bool IsSim(CimConnection connection) =>
        connection.Transport == CimTransport.Simulator ||
        string.Equals(connection.Endpoint.Scheme, "sim", StringComparison.OrdinalIgnoreCase);
}
