using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>What the VM grid shows: a search text and filters. Empty values filter nothing.</summary>
public sealed record VmFilter
{
    public static VmFilter None { get; } = new();

    /// <summary>Matches VM name, host, cluster or VM id (case-insensitive substring).</summary>
    public string? Search { get; init; }

    public string? Cluster { get; init; }

    public string? Host { get; init; }

    public IReadOnlySet<VmState> States { get; init; } = new HashSet<VmState>();

    public IReadOnlySet<CheckpointType> CheckpointTypes { get; init; } = new HashSet<CheckpointType>();

    /// <summary>True: only VMs with checkpoints; false: only VMs without; null: both.</summary>
    public bool? HasCheckpoints { get; init; }

    /// <summary>Only VMs whose oldest checkpoint is at least this many days old.</summary>
    public int? MinCheckpointAgeDays { get; init; }

    /// <summary>Only VMs whose host could not be read lately (stale data).</summary>
    public bool StaleOnly { get; init; }

    public bool IsEmpty => this == None ||
        (string.IsNullOrWhiteSpace(Search) && Cluster is null && Host is null && States.Count == 0 && CheckpointTypes.Count == 0 &&
         HasCheckpoints is null && MinCheckpointAgeDays is null && !StaleOnly);

    public bool Matches(VirtualMachine vm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            if (!vm.Name.Contains(text, StringComparison.OrdinalIgnoreCase) &&
                !vm.Host.Contains(text, StringComparison.OrdinalIgnoreCase) &&
                !(vm.Cluster?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) &&
                !vm.Id.ToString().Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (Cluster is not null && !string.Equals(vm.Cluster ?? string.Empty, Cluster, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Host is not null && !string.Equals(vm.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (States.Count > 0 && !States.Contains(vm.State))
        {
            return false;
        }

        if (CheckpointTypes.Count > 0 && !CheckpointTypes.Contains(vm.CheckpointType))
        {
            return false;
        }

        if (HasCheckpoints is { } has && (vm.Stats.Count > 0) != has)
        {
            return false;
        }

        if (MinCheckpointAgeDays is { } days &&
            (vm.Stats.OldestCreated is not { } oldest || (now - oldest).TotalDays < days))
        {
            return false;
        }

        return !StaleOnly || vm.StaleSince is not null;
    }
}
