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
            var text = Search.AsSpan().Trim();
            if (!vm.Name.AsSpan().Contains(text, StringComparison.OrdinalIgnoreCase) &&
                !vm.Host.AsSpan().Contains(text, StringComparison.OrdinalIgnoreCase) &&
                !vm.Cluster.AsSpan().Contains(text, StringComparison.OrdinalIgnoreCase) &&
                !IdContains(vm.Id, text))
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

    /// <summary>
    /// True when <paramref name="other"/> shows the same VMs (the sets compared by content, which record equality does
    /// not do), so a page can tell a real change of filter from the echo of one it made itself.
    /// </summary>
    public bool IsSameAs(VmFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Search?.Trim() ?? string.Empty, other.Search?.Trim() ?? string.Empty, StringComparison.Ordinal) &&
            string.Equals(Cluster, other.Cluster, StringComparison.Ordinal) &&
            string.Equals(Host, other.Host, StringComparison.Ordinal) &&
            States.SetEquals(other.States) &&
            CheckpointTypes.SetEquals(other.CheckpointTypes) &&
            HasCheckpoints == other.HasCheckpoints &&
            MinCheckpointAgeDays == other.MinCheckpointAgeDays &&
            StaleOnly == other.StaleOnly;
    }

    /// <summary>
    /// Whether the VM id, written as usual (36 characters with dashes), contains the text. Formatted on the stack: the
    /// grid runs this on every VM of the fleet at each keystroke, and a string per VM would be 25,000 allocations.
    /// </summary>
    private static bool IdContains(Guid id, ReadOnlySpan<char> text)
    {
        if (text.Length > 36)
        {
            return false;
        }

        Span<char> written = stackalloc char[36];
        return id.TryFormat(written, out var length) && written[..length].Contains(text, StringComparison.OrdinalIgnoreCase);
    }
}
