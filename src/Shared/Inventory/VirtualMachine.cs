using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A virtual machine as last read from its host. Identity is the VM GUID (<c>Msvm_ComputerSystem.Name</c>):
/// names are not unique, and a clustered VM is the same VM whichever node owns it.
/// </summary>
public sealed record VirtualMachine
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The host (cluster node) that currently runs the VM.</summary>
    public required string Host { get; init; }

    /// <summary>The failover cluster the VM belongs to; null for a VM on a standalone host.</summary>
    public string? Cluster { get; init; }

    public required VmState State { get; init; }

    /// <summary>The long-running operation the host reports on the VM, if any.</summary>
    public VmActivity Activity { get; init; }

    /// <summary>1 or 2.</summary>
    public int Generation { get; init; }

    /// <summary>Configuration version, "major.minor" (e.g. "9.0"). Checkpoint types need 6.2 or later.</summary>
    public string ConfigurationVersion { get; init; } = string.Empty;

    public CheckpointType CheckpointType { get; init; }

    public bool AutomaticCheckpoints { get; init; }

    /// <summary>Folder where checkpoint files are created (<c>SnapshotDataRoot</c>).</summary>
    public string CheckpointFileLocation { get; init; } = string.Empty;

    /// <summary>Folder holding the VM's configuration (<c>ConfigurationDataRoot</c>).</summary>
    public string ConfigurationLocation { get; init; } = string.Empty;

    public ReplicationMode Replication { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>The checkpoint the running state derives from ("Now" sits under it); null when none.</summary>
    public Guid? CurrentCheckpointId { get; init; }

    /// <summary>The disk files the VM runs on now.</summary>
    public ImmutableArray<DiskFile> Disks { get; init; } = [];

    /// <summary>Every checkpoint of every kind, oldest first.</summary>
    public ImmutableArray<Checkpoint> Checkpoints { get; init; } = [];

    public CheckpointStats Stats { get; init; } = CheckpointStats.Empty;

    /// <summary>Set when the VM's host could not be read since then: the data shown is its last good read.</summary>
    public DateTimeOffset? StaleSince { get; init; }

    /// <summary>True when the configuration version allows choosing a checkpoint type (6.2 or later).</summary>
    public bool SupportsCheckpointTypes => ConfigurationVersions.SupportsCheckpointTypes(ConfigurationVersion);
}
