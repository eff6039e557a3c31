namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// A simulated fleet of Hyper-V hosts and failover clusters on one simulated clock. The embedded default of the
/// dashboard, the test double of every layer, and the load for benchmarks.
/// </summary>
public sealed class SimulatedFleet
{
    private readonly Dictionary<string, SimulatedHost> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimulatedCluster> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _ids;
    private readonly int _seed;

    public SimulatedFleet(TimeProvider time, int seed = 1, double speed = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        Time = time;
        Speed = speed;
        _seed = seed;
        _ids = new Random(seed ^ 0x5EED);
    }

    public TimeProvider Time { get; }

    /// <summary>How much faster than a real host jobs run (1 = realistic durations; tests use more).</summary>
    public double Speed { get; }

    public IReadOnlyCollection<SimulatedHost> Hosts => _hosts.Values;

    public IReadOnlyCollection<SimulatedCluster> Clusters => _clusters.Values;

    /// <summary>Standalone hosts (not cluster nodes).</summary>
    public IEnumerable<SimulatedHost> StandaloneHosts => _hosts.Values.Where(h => h.Cluster is null);

    public SimulatedHost AddHost(string name)
    {
        var host = new SimulatedHost(this, name, null, new SimulatedStorage(), new Lock(), StableSeed(name));
        _hosts.Add(name, host);
        return host;
    }

    public SimulatedCluster AddCluster(string name, IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        if (_hosts.ContainsKey(name))
        {
            throw new ArgumentException($"'{name}' is already a host name.", nameof(name));
        }

        var cluster = new SimulatedCluster(name);
        _clusters.Add(name, cluster);
        foreach (var nodeName in nodeNames)
        {
            var node = new SimulatedHost(this, nodeName, cluster, cluster.Storage, cluster.Gate, StableSeed(nodeName));
            _hosts.Add(nodeName, node);
            cluster.AddNode(node);
        }

        return cluster;
    }

    public SimulatedHost? FindHost(string name) => _hosts.GetValueOrDefault(name);

    public SimulatedCluster? FindCluster(string name) => _clusters.GetValueOrDefault(name);

    /// <summary>
    /// The host that answers for <paramref name="name"/>: the host itself, or for a cluster name whichever node holds
    /// the cluster's network name now. Null when nothing answers to it.
    /// </summary>
    public SimulatedHost? Resolve(string name) =>
        FindHost(name) ?? FindCluster(name)?.ActiveNode();

    /// <summary>Finds a VM anywhere in the fleet.</summary>
    public (SimulatedHost Host, SimulatedVm Vm)? FindVm(Guid id)
    {
        foreach (var host in _hosts.Values)
        {
            if (host.FindVm(id) is { } vm)
            {
                return (host, vm);
            }
        }

        return null;
    }

    /// <summary>A GUID from the fleet's seeded generator, so a seed always yields the same fleet.</summary>
    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_ids)
        {
            _ids.NextBytes(bytes);
        }

        // Stamp version 4 and the RFC variant so the GUIDs look like the ones Hyper-V generates.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// A per-host seed that is the same in every process (string.GetHashCode is randomised per process), so a
    /// fault pattern such as an error rate replays identically run after run.
    /// </summary>
    internal int StableSeed(string name) => _seed ^ StableHash(name);

    internal static int StableHash(string text)
    {
        // FNV-1a over the upper-cased name.
        var hash = 2166136261u;
        foreach (var c in text.ToUpperInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    internal TimeSpan Scale(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks / Speed));
}
