using System.Collections.Immutable;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Maps Hyper-V's CIM instances to the domain model. Transport-neutral: the WS-Management client, MMI and
/// the in-process simulator all feed it the same <see cref="CimInstance"/>s, so they yield identical data.
/// </summary>
public static class HyperVMapper
{
    /// <summary>
    /// Builds a host's VMs from one read of its VMs (<c>Msvm_ComputerSystem</c>), all setting data
    /// (<c>Msvm_VirtualSystemSettingData</c>: current settings and every checkpoint) and disk settings
    /// (<c>Msvm_StorageAllocationSettingData</c>).
    /// </summary>
    /// <param name="sizeOf">Bytes a disk file uses, or null when not measured.</param>
    /// <exception cref="CimMappingException">A value the host sent cannot mean what the schema says.</exception>
    public static ImmutableArray<VirtualMachine> MapVirtualMachines(
        string hostName,
        string? clusterName,
        IReadOnlyList<CimInstance> systems,
        IReadOnlyList<CimInstance> settings,
        IReadOnlyList<CimInstance> storage,
        Func<string, long?> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sizeOf);

        var disksBySetting = MapDisks(storage, sizeOf);
        var realizedByVm = new Dictionary<Guid, CimInstance>();
        var snapshotsByVm = new Dictionary<Guid, List<Checkpoint>>();
        foreach (var setting in settings)
        {
            var type = setting.GetString("VirtualSystemType") ?? string.Empty;
            if (string.Equals(type, HyperVSchema.SystemType.Realized, StringComparison.OrdinalIgnoreCase))
            {
                if (ParseGuid(setting, "VirtualSystemIdentifier") is { } vmId)
                {
                    realizedByVm[vmId] = setting;
                }
            }
            else if (type.StartsWith(HyperVSchema.SystemType.SnapshotPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var checkpoint = MapCheckpoint(setting, type, disksBySetting);
                if (!snapshotsByVm.TryGetValue(checkpoint.VmId, out var list))
                {
                    list = [];
                    snapshotsByVm[checkpoint.VmId] = list;
                }

                list.Add(checkpoint);
            }
        }

        var vms = ImmutableArray.CreateBuilder<VirtualMachine>(systems.Count);
        foreach (var system in systems)
        {
            // The query already asks for VMs only; the host's own instance is skipped should a provider send it anyway.
            if (string.Equals(system.GetString("Caption"), HyperVSchema.HostCaption, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var id = ParseGuid(system, "Name") ??
                throw new CimMappingException(system.ClassName, "Name", "is missing; a VM's Name must be its GUID");
            realizedByVm.TryGetValue(id, out var realized);
            var checkpoints = snapshotsByVm.TryGetValue(id, out var list) ? list : [];
            vms.Add(MapVirtualMachine(hostName, clusterName, system, id, realized, checkpoints, disksBySetting));
        }

        return vms.ToImmutable();
    }

    /// <summary>
    /// The VMs of a host whose configuration has not changed since <paramref name="previous"/> was mapped, with what
    /// <c>Msvm_ComputerSystem</c> alone reports brought up to date: name, power state, activity, replication. A VM
    /// that did not change is the same object, and when none did the same array is returned, so nothing downstream
    /// sees a change.
    /// </summary>
    public static ImmutableArray<VirtualMachine> RefreshPowerStates(ImmutableArray<VirtualMachine> previous, IReadOnlyList<CimInstance> systems)
    {
        ArgumentNullException.ThrowIfNull(systems);
        var byId = new Dictionary<Guid, CimInstance>(systems.Count);
        foreach (var system in systems)
        {
            if (ParseGuid(system, "Name") is { } id)
            {
                byId[id] = system;
            }
        }

        VirtualMachine[]? changed = null;
        for (var i = 0; i < previous.Length; i++)
        {
            var vm = previous[i];
            if (!byId.TryGetValue(vm.Id, out var system))
            {
                continue;
            }

            var (activity, replication) = ActivityAndReplication(system);
            var name = system.GetString("ElementName") ?? vm.Name;
            var state = MapState(system.GetUInt16("EnabledState"), system.GetString("OtherEnabledState"));
            if (state == vm.State && activity == vm.Activity && replication == vm.Replication && string.Equals(name, vm.Name, StringComparison.Ordinal))
            {
                continue;
            }

            changed ??= [.. previous];
            changed[i] = vm with { Name = name, State = state, Activity = activity, Replication = replication };
        }

        return changed is null ? previous : ImmutableArray.Create(changed);
    }

    /// <summary>Maps <c>EnabledState</c> (and <c>OtherEnabledState</c> when it is 1) to a power state.</summary>
    public static VmState MapState(ushort? enabledState, string? otherEnabledState)
    {
        if (enabledState == 1)
        {
            return otherEnabledState?.Trim().ToUpperInvariant() switch
            {
                "SAVING" => VmState.Saving,
                "QUIESCING" or "PAUSING" => VmState.Pausing,
                "RESUMING" => VmState.Resuming,
                "FASTSAVING" => VmState.FastSaving,
                _ => VmState.Other,
            };
        }

        return enabledState is { } code && Enum.IsDefined(typeof(VmState), (int)code) ? (VmState)code : VmState.Unknown;
    }

    /// <summary>Maps <c>UserSnapshotType</c>; absent or unknown codes are <see cref="CheckpointType.Unknown"/>.</summary>
    public static CheckpointType MapCheckpointType(ushort? userSnapshotType) =>
        userSnapshotType is >= 2 and <= 5 ? (CheckpointType)userSnapshotType.Value : CheckpointType.Unknown;

    /// <summary>Maps a snapshot's <c>VirtualSystemType</c> and <c>IsSaved</c> to its kind (see <see cref="CheckpointKind"/>).</summary>
    public static CheckpointKind MapKind(string virtualSystemType, bool isSaved)
    {
        if (virtualSystemType.StartsWith("Microsoft:Hyper-V:Snapshot:Replica", StringComparison.OrdinalIgnoreCase))
        {
            return CheckpointKind.Replica;
        }

        return virtualSystemType switch
        {
            _ when Is(virtualSystemType, HyperVSchema.SystemType.SnapshotRecovery) => CheckpointKind.Recovery,
            _ when Is(virtualSystemType, HyperVSchema.SystemType.SnapshotPlanned) => CheckpointKind.Planned,
            _ when Is(virtualSystemType, HyperVSchema.SystemType.SnapshotMissing) => CheckpointKind.Missing,
            _ => isSaved ? CheckpointKind.Standard : CheckpointKind.Production,
        };

        static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The checkpoint GUID a <c>Parent</c> property (a WMI path to a snapshot setting) names.</summary>
    public static Guid? ParentId(CimInstance setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var parent = setting["Parent"];
        if (parent is null || parent is string { Length: 0 })
        {
            return null;
        }

        var reference = setting.GetReference("Parent");
        var instanceId = reference?["InstanceID"];
        return HyperVSchema.GuidFromInstanceId(instanceId) ??
            throw new CimMappingException(setting.ClassName, "Parent",
                $"'{CimInstance.FormatScalar(parent)}' does not name a setting's InstanceID");
    }

    private static VirtualMachine MapVirtualMachine(
        string hostName,
        string? clusterName,
        CimInstance system,
        Guid id,
        CimInstance? realized,
        List<Checkpoint> checkpoints,
        Dictionary<Guid, ImmutableArray<DiskFile>> disksBySetting)
    {
        var (activity, replication) = ActivityAndReplication(system);

        var currentDisks = disksBySetting.GetValueOrDefault(id, []);
        Guid? current = realized is null ? null : ParentId(realized);
        var (completed, stats) = CheckpointTreeBuilder.Complete(checkpoints, current, currentDisks);
        return new VirtualMachine
        {
            Id = id,
            Name = system.GetString("ElementName") ?? realized?.GetString("ElementName") ?? id.ToString(),
            Host = hostName,
            Cluster = clusterName,
            State = MapState(system.GetUInt16("EnabledState"), system.GetString("OtherEnabledState")),
            Activity = activity,
            Replication = replication,
            Generation = realized?.GetString("VirtualSystemSubType") switch
            {
                HyperVSchema.SystemType.SubType2 => 2,
                HyperVSchema.SystemType.SubType1 => 1,
                _ => 0,
            },
            ConfigurationVersion = realized?.GetString("Version") ?? string.Empty,
            CheckpointType = MapCheckpointType(realized?.GetUInt16("UserSnapshotType")),
            AutomaticCheckpoints = realized?.GetBoolean("AutomaticSnapshotsEnabled") ?? false,
            CheckpointFileLocation = realized?.GetString("SnapshotDataRoot") ?? string.Empty,
            ConfigurationLocation = realized?.GetString("ConfigurationDataRoot") ?? string.Empty,
            Created = realized?.GetDateTime("CreationTime"),
            CurrentCheckpointId = current,
            Disks = currentDisks,
            Checkpoints = completed,
            Stats = stats,
        };
    }

    private static (VmActivity Activity, ReplicationMode Replication) ActivityAndReplication(CimInstance system)
    {
        var operational = system.GetUInt16Array("OperationalStatus");
        var activity = operational.Count > 1 && Enum.IsDefined(typeof(VmActivity), (int)operational[1])
            ? (VmActivity)operational[1]
            : VmActivity.None;
        var replication = system.GetUInt16("ReplicationMode") is { } mode && Enum.IsDefined(typeof(ReplicationMode), (int)mode)
            ? (ReplicationMode)mode
            : ReplicationMode.None;
        return (activity, replication);
    }

    private static Checkpoint MapCheckpoint(
        CimInstance setting, string type, Dictionary<Guid, ImmutableArray<DiskFile>> disksBySetting)
    {
        var id = HyperVSchema.GuidFromInstanceId(setting.GetString("InstanceID")) ??
            throw new CimMappingException(setting.ClassName, "InstanceID",
                $"'{setting.GetString("InstanceID")}' is not 'Microsoft:<GUID>'");
        var vmId = ParseGuid(setting, "VirtualSystemIdentifier") ??
            throw new CimMappingException(setting.ClassName, "VirtualSystemIdentifier", "is missing on a checkpoint");
        var isSaved = setting.GetBoolean("IsSaved") ?? false;
        return new Checkpoint(
            id,
            vmId,
            setting.GetString("ElementName") ?? string.Empty,
            ParentId(setting),
            setting.GetDateTime("CreationTime") ??
                throw new CimMappingException(setting.ClassName, "CreationTime", "is missing on a checkpoint"),
            MapKind(type, isSaved),
            setting.GetBoolean("IsAutomaticSnapshot") ?? false,
            isSaved,
            disksBySetting.GetValueOrDefault(id, []),
            []);
    }

    private static Dictionary<Guid, ImmutableArray<DiskFile>> MapDisks(IReadOnlyList<CimInstance> storage, Func<string, long?> sizeOf)
    {
        var builders = new Dictionary<Guid, ImmutableArray<DiskFile>.Builder>();
        foreach (var disk in storage)
        {
            var subType = disk.GetString("ResourceSubType");
            if (subType is not null && !string.Equals(subType, HyperVSchema.HardDiskSubType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // SASD InstanceIDs start with the owning setting's InstanceID ("Microsoft:<GUID>\…").
            if (HyperVSchema.GuidFromInstanceId(disk.GetString("InstanceID")) is not { } owner)
            {
                throw new CimMappingException(disk.ClassName, "InstanceID",
                    $"'{disk.GetString("InstanceID")}' does not start with 'Microsoft:<GUID>'");
            }

            var resources = disk.GetStringArray("HostResource");
            if (resources.Count == 0 || string.IsNullOrWhiteSpace(resources[0]))
            {
                continue;
            }

            var path = resources[0]!;
            if (!builders.TryGetValue(owner, out var list))
            {
                list = ImmutableArray.CreateBuilder<DiskFile>();
                builders[owner] = list;
            }

            list.Add(new DiskFile(path, sizeOf(path)));
        }

        return builders.ToDictionary(pair => pair.Key, pair => pair.Value.ToImmutable());
    }

    private static Guid? ParseGuid(CimInstance instance, string property)
    {
        var text = instance.GetString(property);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Guid.TryParse(text, out var id)
            ? id
            : throw new CimMappingException(instance.ClassName, property, $"'{text}' is not a GUID");
    }
}
