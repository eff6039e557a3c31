using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>A request that passed validation against the inventory: what it acts on and what it shows.</summary>
public sealed record PlannedJob(
    JobRequest Request,
    VirtualMachine Vm,
    Checkpoint? Checkpoint,
    ImmutableSortedDictionary<string, string> Parameters);
