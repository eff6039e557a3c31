using CheckpointDashboard.HostConnector.HyperV;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>A checkpoint of a simulated VM: a frozen copy of its settings and the disk files it references.</summary>
public sealed class SimulatedCheckpoint
{
    public required Guid Id { get; init; }

    public required string Name { get; set; }

    public Guid? ParentId { get; set; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>A <see cref="HyperVSchema.SystemType"/> snapshot value.</summary>
    public string SystemType { get; init; } = HyperVSchema.SystemType.SnapshotRealized;

    /// <summary>Holds memory state.</summary>
    public bool IsSaved { get; set; }

    public bool IsAutomatic { get; init; }

    /// <summary>The VM's checkpoint type when this was taken (copied into the snapshot's settings).</summary>
    public ushort UserSnapshotType { get; init; } = 3;

    /// <summary>Disk files as of this checkpoint (frozen; the running state has differencing children of them).</summary>
    public List<string> Disks { get; init; } = [];

    public string? Notes { get; set; }
}
