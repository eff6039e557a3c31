using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>One host's status and the VMs of its last good read (stamped stale when that read is not current).</summary>
public sealed record HostInventoryEntry(HostStatus Status, ImmutableArray<VirtualMachine> Vms);
