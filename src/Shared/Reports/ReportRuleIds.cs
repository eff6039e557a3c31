using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// The stable ids of the report's rules. They appear in findings, filters, exports, URLs and stored settings,
/// so they never change once published.
/// </summary>
public static class ReportRuleIds
{
    /// <summary>A checkpoint older than the age threshold.</summary>
    public const string Age = "age";

    /// <summary>A VM with more checkpoints than allowed.</summary>
    public const string Count = "count";

    /// <summary>A VM whose longest checkpoint chain is deeper than allowed.</summary>
    public const string Depth = "depth";

    /// <summary>A VM whose checkpoints hold more bytes than allowed.</summary>
    public const string Size = "size";

    /// <summary>A VM whose checkpoints hold a larger share of its disk space than allowed.</summary>
    public const string Share = "share";

    /// <summary>A VM configured for Standard checkpoints.</summary>
    public const string StandardType = "standard-type";

    /// <summary>A domain controller or database server not configured for Production or ProductionOnly.</summary>
    public const string CriticalNotProduction = "critical-not-production";

    /// <summary>A Standard checkpoint holding saved memory on a domain controller or database server.</summary>
    public const string StandardWithMemory = "standard-with-memory";

    /// <summary>A Recovery or Replica checkpoint that backup or replication software left behind.</summary>
    public const string BackupLeftover = "backup-leftover";

    /// <summary>An automatic checkpoint that was never removed.</summary>
    public const string AutomaticLeft = "automatic-left";

    /// <summary>A differencing-disk file that no VM or checkpoint references.</summary>
    public const string OrphanDisk = "orphan-disk";

    /// <summary>A VM running on a differencing disk that no checkpoint accounts for.</summary>
    public const string UnregisteredDifferencing = "unregistered-differencing";

    /// <summary>Every rule id, in the order the report presents them.</summary>
    public static ImmutableArray<string> All { get; } =
    [
        Age, Count, Depth, Size, Share, StandardType, CriticalNotProduction, StandardWithMemory,
        BackupLeftover, AutomaticLeft, OrphanDisk, UnregisteredDifferencing,
    ];

    /// <summary>True for a rule id this version knows (ids compare case-insensitively).</summary>
    public static bool IsKnown(string? id) =>
        id is not null && All.Contains(id, StringComparer.OrdinalIgnoreCase);
}
