using System.Collections.Frozen;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Cluster;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Logging;
using Polly;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// The discovery loop of one failover cluster: asks it for its nodes and VM owners on an interval. When the
/// cluster's own name does not answer (its network name is offline), it asks the nodes it already knows.
/// </summary>
public sealed class ClusterWatcher : IAsyncDisposable
{
    private readonly CimSessionFactory _sessions;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ClusterWatcher> _changed;
    private readonly ResiliencePipeline _pipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly WakeableDelay _delay = new();
    private Task? _loop;
    private volatile ClusterInfo _info;
    private volatile FrozenDictionary<Guid, string> _owners = FrozenDictionary<Guid, string>.Empty;
    private volatile bool _attempted;

    public ClusterWatcher(
        ClusterTarget target,
        CimSessionFactory sessions,
        FleetOptions options,
        TimeProvider time,
        ILogger logger,
        Action<ClusterWatcher> changed)
    {
        Target = target;
        _sessions = sessions;
        _options = options;
        _time = time;
        _logger = logger;
        _changed = changed;
        _info = new ClusterInfo { Name = target.Name, Endpoint = target.Connection.Endpoint.OriginalString };
        _pipeline = FleetResilience.Build(options, time, withCircuitBreaker: false);
    }

    public ClusterTarget Target { get; }

    public ClusterInfo Info => _info;

    /// <summary>Clustered VM GUID → owner node, from the last successful discovery.</summary>
    public FrozenDictionary<Guid, string> Owners => _owners;

    /// <summary>True once discovery has been tried at least once.</summary>
    public bool Attempted => _attempted;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Asks for a discovery now (does not wait for it).</summary>
    public void Wake() => _delay.Wake();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            _delay.Consume();
            await DiscoverAsync(stopping).ConfigureAwait(false);
            _attempted = true;
            _changed(this);
            var interval = _info.LastError is null ? _options.ClusterDiscoveryInterval : _options.RefreshInterval;
            await _delay.WaitAsync(interval, _time, stopping).ConfigureAwait(false);
        }
    }

    private async Task DiscoverAsync(CancellationToken stopping)
    {
        // The cluster name first, then each known node: the first that answers wins.
        var candidates = new List<CimConnection> { Target.Connection };
        candidates.AddRange(_info.Nodes.Select(n => Target.NodeConnection(n.Name)));
        var errors = new List<string>();
        foreach (var connection in candidates)
        {
            try
            {
                var session = _sessions.Open(connection);
                await using var sessionScope = session.ConfigureAwait(false);
                var discovery = await _pipeline.ExecuteAsync(
                    async token => await ClusterReader.ReadAsync(session, token).ConfigureAwait(false), stopping).ConfigureAwait(false);
                _owners = discovery.VmOwners;
                _info = _info with
                {
                    Nodes = discovery.Nodes,
                    LastSuccess = _time.GetUtcNow(),
                    LastError = null,
                    VmResourceCount = discovery.VmOwners.Count,
                };
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                var (_, message) = HostFailure.Describe(ex, _options.HostTimeout);
                errors.Add($"{connection.HostName}: {message}");
            }
        }

        var error = string.Join(" | ", errors);
        if (!string.Equals(error, _info.LastError, StringComparison.Ordinal))
        {
            _logger.LogWarning("Cluster {Cluster} could not be discovered: {Error}", Target.Name, error);
        }

        _info = _info with { LastError = error };
    }
}
