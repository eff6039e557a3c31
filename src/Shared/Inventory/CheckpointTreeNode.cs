using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A node of a VM's checkpoint tree for display: a checkpoint, or the "Now" marker for the VM's running
/// state, which sits under the checkpoint it derives from (or at the root when there is none).
/// </summary>
public sealed record CheckpointTreeNode(Checkpoint? Checkpoint, int Depth, ImmutableArray<CheckpointTreeNode> Children)
{
    /// <summary>True for the marker of the VM's current state.</summary>
    public bool IsNow => Checkpoint is null;

    /// <summary>Builds the display tree of <paramref name="vm"/>: roots oldest first, "Now" last among its siblings.</summary>
    public static ImmutableArray<CheckpointTreeNode> Build(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var childrenOf = new Dictionary<Guid, List<Checkpoint>>();
        var roots = new List<Checkpoint>();
        foreach (var checkpoint in vm.Checkpoints)
        {
            if (checkpoint.ParentId is { } parent)
            {
                if (!childrenOf.TryGetValue(parent, out var list))
                {
                    list = [];
                    childrenOf[parent] = list;
                }

                list.Add(checkpoint);
            }
            else
            {
                roots.Add(checkpoint);
            }
        }

        var nowParent = vm.CurrentCheckpointId is { } id && vm.Checkpoints.Any(c => c.Id == id) ? id : (Guid?)null;
        var result = ImmutableArray.CreateBuilder<CheckpointTreeNode>();
        foreach (var root in roots)
        {
            result.Add(BuildNode(root, 1, childrenOf, nowParent));
        }

        if (nowParent is null)
        {
            result.Add(new CheckpointTreeNode(null, 1, []));
        }

        return result.ToImmutable();
    }

    /// <summary>Every node depth-first, parents before children.</summary>
    public IEnumerable<CheckpointTreeNode> DescendantsAndSelf()
    {
        var stack = new Stack<CheckpointTreeNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Length - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    // Checkpoint chains can be hundreds deep on neglected VMs; the tree builder has already cut
    // cycles, so recursion depth is bounded by the number of checkpoints the VM really has.
    private static CheckpointTreeNode BuildNode(
        Checkpoint checkpoint, int depth, Dictionary<Guid, List<Checkpoint>> childrenOf, Guid? nowParent)
    {
        var children = ImmutableArray.CreateBuilder<CheckpointTreeNode>();
        if (childrenOf.TryGetValue(checkpoint.Id, out var list))
        {
            foreach (var child in list)
            {
                children.Add(BuildNode(child, depth + 1, childrenOf, nowParent));
            }
        }

        if (nowParent == checkpoint.Id)
        {
            children.Add(new CheckpointTreeNode(null, depth + 1, []));
        }

        return new CheckpointTreeNode(checkpoint, depth, children.ToImmutable());
    }
}
