using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <content>The VM's tree: each checkpoint's depth, branches, and what the sprawl rules count.</content>
internal sealed partial class VmAnalyzer
{
    /// <summary>
    /// Links the VM's checkpoints by position and fills <see cref="_depth"/>. Replica recovery points on the replica
    /// side of a replication pair exist by design, so the count and depth rules leave them out.
    /// </summary>
    private (int MaxDepth, int Branches, int Counted, int CountedDepth) BuildTree(
        VirtualMachine vm, ImmutableArray<Checkpoint> checkpoints, bool replicaSide)
    {
        var n = checkpoints.Length;
        if (n == 0)
        {
            return (0, 0, 0, 0);
        }

        if (_parent.Length < n)
        {
            var size = Math.Max(n, _parent.Length * 2);
            _parent = new int[size];
            _depth = new int[size];
            _children = new int[size];
        }

        // A host that reports one id twice is broken; the first one wins, as in the inventory's index.
        _index.Clear();
        for (var i = 0; i < n; i++)
        {
            _index.TryAdd(checkpoints[i].Id, i);
        }

        for (var i = 0; i < n; i++)
        {
            _parent[i] = checkpoints[i].ParentId is { } p && _index.TryGetValue(p, out var j) && j != i ? j : -1;
            _depth[i] = 0;
            _children[i] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            if (_parent[i] >= 0)
            {
                _children[_parent[i]]++;
            }
        }

        if (vm.CurrentCheckpointId is { } now && _index.TryGetValue(now, out var current))
        {
            _children[current]++;
        }

        ComputeDepths(n);
        int maxDepth = 0, branches = 0, counted = 0, countedDepth = 0;
        for (var i = 0; i < n; i++)
        {
            maxDepth = Math.Max(maxDepth, _depth[i]);
            branches += _children[i] > 1 ? 1 : 0;
            if (!(replicaSide && checkpoints[i].Kind is CheckpointKind.Replica))
            {
                counted++;
                countedDepth = Math.Max(countedDepth, _depth[i]);
            }
        }

        return (maxDepth, branches, counted, countedDepth);
    }

    /// <summary>
    /// Depth of every checkpoint, each parent chain walked once. The inventory has already cut parent cycles; a walk
    /// is still bounded by the checkpoint count so that a tree built some other way cannot make it spin.
    /// </summary>
    private void ComputeDepths(int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (_depth[i] != 0)
            {
                continue;
            }

            _walk.Clear();
            var node = i;
            while (node >= 0 && _depth[node] == 0 && _walk.Count <= n)
            {
                _walk.Push(node);
                node = _parent[node];
            }

            var depth = node >= 0 ? _depth[node] : 0;
            while (_walk.Count > 0)
            {
                var next = _walk.Pop();
                if (_depth[next] == 0)
                {
                    _depth[next] = ++depth;
                }
                else
                {
                    depth = _depth[next];
                }
            }
        }
    }
}
