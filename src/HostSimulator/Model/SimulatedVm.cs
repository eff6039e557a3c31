using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>A simulated virtual machine. Mutated only under its host's lock.</summary>
public sealed class SimulatedVm
{
    public required Guid Id { get; init; }

    public required string Name { get; set; }

    public VmState State { get; set; } = VmState.Off;

    public VmActivity Activity { get; set; }

    public int Generation { get; init; } = 2;

    public string Version { get; init; } = "9.0";

    /// <summary>2 Disabled, 3 Production, 4 ProductionOnly, 5 Standard (Hyper-V's codes).</summary>
    public ushort UserSnapshotType { get; set; } = 3;

    public bool AutomaticCheckpoints { get; set; }

    public required string ConfigurationRoot { get; init; }

    public required string SnapshotRoot { get; set; }

    public ReplicationMode Replication { get; init; }

    /// <summary>Whether the guest can quiesce (VSS / fsfreeze) for a production checkpoint.</summary>
    public bool GuestCanQuiesce { get; set; } = true;

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset StateChanged { get; set; }

    public Guid ConfigurationId { get; init; } = Guid.NewGuid();

    /// <summary>The checkpoint the running state derives from ("Now" sits under it).</summary>
    public Guid? CurrentCheckpointId { get; set; }

    /// <summary>The disk files the VM runs on now.</summary>
    public List<string> Disks { get; set; } = [];

    public List<SimulatedCheckpoint> Checkpoints { get; } = [];

    public string? Notes { get; set; }

    /// <summary>Fault: every settings change of this VM fails (for bulk-change tests).</summary>
    public bool FailModifications { get; set; }

    public SimulatedCheckpoint? FindCheckpoint(Guid id) => Checkpoints.Find(c => c.Id == id);

    public IEnumerable<SimulatedCheckpoint> ChildrenOf(Guid id) => Checkpoints.Where(c => c.ParentId == id);

    /// <summary>Every file any configuration of this VM references: the running state's and every checkpoint's.</summary>
    public HashSet<string> ReferencedFiles()
    {
        var files = new HashSet<string>(Disks, StringComparer.OrdinalIgnoreCase);
        foreach (var checkpoint in Checkpoints)
        {
            files.UnionWith(checkpoint.Disks);
        }

        return files;
    }
}
