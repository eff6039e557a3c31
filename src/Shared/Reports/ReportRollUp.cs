namespace CheckpointDashboard.Shared.Reports;

/// <summary>The report's figures for one group: the fleet, a cluster, a host or a storage location.</summary>
/// <param name="Name">The group's name: the cluster, host or storage location; "Fleet" for the whole fleet.</param>
/// <param name="Cluster">The cluster the group belongs to (null for standalone hosts, and for the fleet).</param>
/// <param name="Host">The host of a host roll-up, or of a storage location on a standalone host; null otherwise.</param>
/// <param name="Vms">VMs in the group (for a storage location: VMs with checkpoint disks there).</param>
/// <param name="VmsWithCheckpoints">Of those, VMs with at least one checkpoint.</param>
/// <param name="Checkpoints">Checkpoints (for a storage location: checkpoints holding disks there).</param>
/// <param name="Bytes">Bytes the checkpoints hold (for a storage location: held disks stored there).</param>
/// <param name="OldestAgeDays">Age of the oldest checkpoint in days (one decimal), or null without checkpoints.</param>
/// <param name="MaxDepth">The longest checkpoint chain.</param>
/// <param name="OrphanFiles">Orphaned differencing disks found (only when folder listings were given).</param>
/// <param name="OrphanBytes">Bytes of those orphaned files.</param>
/// <param name="Info">Findings of severity Info (for a storage location: of its checkpoints and files).</param>
/// <param name="Warning">Findings of severity Warning.</param>
/// <param name="Critical">Findings of severity Critical.</param>
public sealed record ReportRollUp(
    string Name,
    string? Cluster,
    string? Host,
    int Vms,
    int VmsWithCheckpoints,
    int Checkpoints,
    long Bytes,
    double? OldestAgeDays,
    int MaxDepth,
    int OrphanFiles,
    long OrphanBytes,
    int Info,
    int Warning,
    int Critical)
{
    public int Findings => Info + Warning + Critical;
}
