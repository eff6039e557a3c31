namespace CheckpointDashboard.Shared.Reports;

/// <summary>A checkpoint named by id with where it lives, for lists of checkpoints that appeared or disappeared.</summary>
public sealed record CheckpointRef(Guid CheckpointId, string Name, Guid VmId, string Vm, string Host, string? Cluster);
