using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>One successful read of a host's VMs and checkpoints.</summary>
/// <param name="Vms">The host's VMs.</param>
/// <param name="Requests">Requests the read took.</param>
/// <param name="AverageRoundTrip">Average time of one request.</param>
/// <param name="Warning">A non-fatal problem (for example disk sizes could not be measured), or null.</param>
public sealed record HostReadResult(ImmutableArray<VirtualMachine> Vms, int Requests, TimeSpan AverageRoundTrip, string? Warning);
