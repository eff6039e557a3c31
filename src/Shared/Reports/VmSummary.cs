using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>The report's figures for one VM: its sprawl, the space its checkpoints hold and its findings.</summary>
/// <param name="Checkpoints">Checkpoints of every kind.</param>
/// <param name="MaxDepth">Checkpoints on the longest chain.</param>
/// <param name="Branches">Checkpoints with more than one child (the running state counts as a child).</param>
/// <param name="CheckpointBytes">Bytes of the differencing disks the checkpoints hold.</param>
/// <param name="DiskBytes">Bytes of every disk file of the VM and its checkpoints (known sizes only).</param>
/// <param name="CheckpointShare">CheckpointBytes / DiskBytes (0-1), or null while no size is known.</param>
/// <param name="SizesKnown">False while any of the VM's disk files has not been measured yet.</param>
/// <param name="OldestAgeDays">Age of the oldest checkpoint in days (one decimal), or null without checkpoints.</param>
/// <param name="IsCritical">The VM's name marks it as a domain controller or database server.</param>
public sealed record VmSummary(
    Guid VmId,
    string Vm,
    string Host,
    string? Cluster,
    CheckpointType CheckpointType,
    int Checkpoints,
    int MaxDepth,
    int Branches,
    long CheckpointBytes,
    long DiskBytes,
    double? CheckpointShare,
    bool SizesKnown,
    double? OldestAgeDays,
    bool IsCritical,
    int Info,
    int Warning,
    int Critical)
{
    public int Findings => Info + Warning + Critical;
}
