using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>A simulated failover cluster: nodes sharing Cluster Shared Volumes, VMs owned by one node at a time.</summary>
public sealed class SimulatedCluster
{
    private readonly List<SimulatedHost> _nodes = [];
    private readonly Dictionary<string, ClusterNodeState> _nodeStates = new(StringComparer.OrdinalIgnoreCase);

    internal SimulatedCluster(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public Lock Gate { get; } = new();

    public SimulatedStorage Storage { get; } = new();

    public IReadOnlyList<SimulatedHost> Nodes => _nodes;

    internal void AddNode(SimulatedHost node)
    {
        _nodes.Add(node);
        _nodeStates[node.Name] = ClusterNodeState.Up;
    }

    public ClusterNodeState StateOf(string node)
    {
        lock (Gate)
        {
            return _nodeStates.GetValueOrDefault(node, ClusterNodeState.Unknown);
        }
    }

    /// <summary>Every clustered VM with its owner node.</summary>
    public IReadOnlyList<(SimulatedVm Vm, SimulatedHost Owner)> Vms()
    {
        lock (Gate)
        {
            return [.. _nodes.SelectMany(n => n.Vms.Select(vm => (vm, n)))];
        }
    }

    /// <summary>Moves a VM to another node (live migration); its files stay on shared storage.</summary>
    public void Migrate(Guid vmId, string toNode)
    {
        lock (Gate)
        {
            var target = _nodes.Find(n => string.Equals(n.Name, toNode, StringComparison.OrdinalIgnoreCase)) ??
                throw new ArgumentException($"'{toNode}' is not a node of {Name}.", nameof(toNode));
            var source = _nodes.Find(n => n.Vms.Any(v => v.Id == vmId)) ??
                throw new ArgumentException($"No VM {vmId} in {Name}.", nameof(vmId));
            var vm = source.Vms.First(v => v.Id == vmId);
            source.RemoveVm(vm);
            target.AddVm(vm);
        }
    }

    /// <summary>
    /// A node fails: it stops answering, the cluster marks it Down and its VMs fail over to the remaining Up nodes.
    /// </summary>
    public void FailNode(string node)
    {
        lock (Gate)
        {
            var failed = _nodes.Find(n => string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase)) ??
                throw new ArgumentException($"'{node}' is not a node of {Name}.", nameof(node));
            failed.Faults = failed.Faults with { Unreachable = true };
            _nodeStates[failed.Name] = ClusterNodeState.Down;
            var survivors = _nodes.Where(n => _nodeStates[n.Name] == ClusterNodeState.Up).ToList();
            if (survivors.Count == 0)
            {
                return;
            }

            var i = 0;
            foreach (var vm in failed.Vms.ToList())
            {
                failed.RemoveVm(vm);
                survivors[i++ % survivors.Count].AddVm(vm);
            }
        }
    }

    /// <summary>A failed node comes back (empty; VMs stay where they failed over to).</summary>
    public void RestoreNode(string node)
    {
        lock (Gate)
        {
            var restored = _nodes.Find(n => string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase)) ??
                throw new ArgumentException($"'{node}' is not a node of {Name}.", nameof(node));
            restored.Faults = restored.Faults with { Unreachable = false };
            _nodeStates[restored.Name] = ClusterNodeState.Up;
        }
    }

    /// <summary>A node that answers for the cluster name (the cluster's network name moves between Up nodes).</summary>
    public SimulatedHost? ActiveNode()
    {
        lock (Gate)
        {
            return _nodes.Find(n => _nodeStates[n.Name] == ClusterNodeState.Up && !n.Faults.Unreachable);
        }
    }
}
