using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>One successful read of a host's VMs and checkpoints.</summary>
/// <param name="Vms">The host's VMs.</param>
/// <param name="Requests">Requests the read took.</param>
/// <param name="AverageRoundTrip">Average time of one request.</param>
/// <param name="Warning">A non-fatal problem (for example disk sizes could not be measured), or null.</param>
public sealed record HostReadResult(ImmutableArray<VirtualMachine> Vms, int Requests, TimeSpan AverageRoundTrip, string? Warning)
{
    /// <summary>What the next read compares with to skip unchanged configuration; null when the host cannot tell.</summary>
    public HostReadBaseline? Baseline { get; init; }

    /// <summary>False when only the VMs' power states were read because no configuration had changed.</summary>
    public bool IsFull { get; init; } = true;

    /// <summary>CIM instances parsed and mapped by this read.</summary>
    public int Instances { get; init; }
}
