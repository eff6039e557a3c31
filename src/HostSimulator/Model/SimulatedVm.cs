using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>A simulated virtual machine. Mutated only under its host's lock.</summary>
public sealed class SimulatedVm
{
    private readonly Lock _configurationGate = new();
    private DateTimeOffset? _configurationChangedAt;
    private int _configurationFingerprint;

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

    /// <summary>
    /// <c>TimeOfLastConfigurationChange</c>: when the VM's configuration (its settings, disks or checkpoint tree) last
    /// changed. Hyper-V updates it whenever it rewrites the VM's configuration file; here it is derived from a
    /// fingerprint of that configuration, so every change counts whoever makes it (the methods, tests, faults), and
    /// it only moves forward, by at least a microsecond (CIM datetime's resolution) even on a frozen test clock.
    /// </summary>
    public DateTimeOffset ConfigurationChangedAt(DateTimeOffset now)
    {
        var fingerprint = ConfigurationFingerprint();
        lock (_configurationGate)
        {
            if (_configurationChangedAt is null)
            {
                _configurationChangedAt = Created;
            }
            else if (fingerprint != _configurationFingerprint)
            {
                var next = _configurationChangedAt.Value.AddTicks(TimeSpan.TicksPerMicrosecond);
                _configurationChangedAt = now > next ? now : next;
            }

            _configurationFingerprint = fingerprint;
            return _configurationChangedAt.Value;
        }
    }

    private int ConfigurationFingerprint()
    {
        var hash = default(HashCode);
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(UserSnapshotType);
        hash.Add(AutomaticCheckpoints);
        hash.Add(SnapshotRoot, StringComparer.Ordinal);
        hash.Add(CurrentCheckpointId);
        hash.Add(Notes, StringComparer.Ordinal);
        foreach (var disk in Disks)
        {
            hash.Add(disk, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var checkpoint in Checkpoints)
        {
            hash.Add(checkpoint.Id);
            hash.Add(checkpoint.Name, StringComparer.Ordinal);
            hash.Add(checkpoint.ParentId);
            hash.Add(checkpoint.IsSaved);
            hash.Add(checkpoint.Notes, StringComparer.Ordinal);
            hash.Add(checkpoint.Disks.Count);
        }

        return hash.ToHashCode();
    }

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
