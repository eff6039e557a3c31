using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// The virtual-disk files one folder of a host held when it was last listed (through <c>CIM_DataFile</c>): the
/// input the report needs to find differencing disks that nothing references. The inventory snapshot only carries
/// the files VMs and checkpoints reference, so the connector supplies these separately.
/// </summary>
/// <param name="HostName">The host that listed the folder (a cluster node for a Cluster Shared Volume).</param>
/// <param name="Folder">The folder as the host spells it; compared ignoring case and separator style.</param>
/// <param name="Files">The files found; only differencing disks (<c>.avhdx</c>, <c>.avhd</c>) are considered.</param>
public sealed record FolderListing(string HostName, string Folder, ImmutableArray<FileEntry> Files);
