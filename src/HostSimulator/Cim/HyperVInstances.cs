using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Cim;

/// <summary>
/// Builds the <c>root\virtualization\v2</c> instances of a simulated host, with the classes, properties, keys and
/// value codes of the real provider (<c>shared/reference/hyperv-wmi.md</c>). Called under the host's lock.
/// </summary>
internal static class HyperVInstances
{
    private const string V2 = CimNamespaces.Virtualization;
    private static readonly string[] s_csKeys = ["CreationClassName", "Name"];
    private static readonly string[] s_instanceIdKey = ["InstanceID"];
    private static readonly string[] s_serviceKeys = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"];

    public static CimInstance Host(SimulatedHost host) => New(HyperVSchema.ComputerSystem, s_csKeys,
        ("CreationClassName", HyperVSchema.ComputerSystem),
        ("Name", host.Name),
        ("ElementName", host.Name),
        ("Caption", HyperVSchema.HostCaption),
        ("Description", "Microsoft Hosting Computer System"),
        ("EnabledState", (ushort)2),
        ("RequestedState", (ushort)12),
        ("HealthState", (ushort)5),
        ("OperationalStatus", new object?[] { (ushort)2 }));

    public static CimInstance Vm(SimulatedVm vm, DateTimeOffset now)
    {
        var operational = vm.Activity == VmActivity.None
            ? new object?[] { (ushort)2 }
            : new object?[] { (ushort)2, (ushort)vm.Activity };
        var onTime = vm.State is VmState.Running or VmState.Paused ? (ulong)Math.Max(0, (now - vm.StateChanged).TotalMilliseconds) : 0UL;
        return New(HyperVSchema.ComputerSystem, s_csKeys,
            ("CreationClassName", HyperVSchema.ComputerSystem),
            ("Name", SimulatedCim.FormatGuid(vm.Id)),
            ("ElementName", vm.Name),
            ("Caption", HyperVSchema.VirtualMachineCaption),
            ("Description", "Microsoft Virtual Machine"),
            ("EnabledState", (ushort)vm.State),
            ("OtherEnabledState", null),
            ("RequestedState", (ushort)12),
            ("HealthState", (ushort)5),
            ("OperationalStatus", operational),
            ("OnTimeInMilliseconds", onTime),
            ("TimeOfLastStateChange", vm.StateChanged),
            ("TimeOfLastConfigurationChange", vm.ConfigurationChangedAt(now)),
            ("InstallDate", vm.Created),
            ("ReplicationMode", (ushort)vm.Replication),
            ("EnhancedSessionModeState", (ushort)3),
            ("ProcessID", vm.State is VmState.Running or VmState.Paused ? (uint)(4000 + (vm.Id.GetHashCode() & 0x3FFF)) : null));
    }

    public static CimInstance RealizedSettings(SimulatedVm vm, string hostName) => New(HyperVSchema.SettingData, s_instanceIdKey,
        ("InstanceID", HyperVSchema.InstanceIdFor(vm.Id)),
        ("Caption", "Virtual Machine Settings"),
        ("ConfigurationID", SimulatedCim.FormatGuid(vm.ConfigurationId)),
        ("VirtualSystemIdentifier", SimulatedCim.FormatGuid(vm.Id)),
        ("ElementName", vm.Name),
        ("VirtualSystemType", HyperVSchema.SystemType.Realized),
        ("VirtualSystemSubType", vm.Generation == 1 ? HyperVSchema.SystemType.SubType1 : HyperVSchema.SystemType.SubType2),
        ("CreationTime", vm.Created),
        ("Parent", vm.CurrentCheckpointId is { } parent ? ParentPath(hostName, parent) : null),
        ("UserSnapshotType", ConfigurationVersions.SupportsCheckpointTypes(vm.Version) ? vm.UserSnapshotType : null),
        ("AutomaticSnapshotsEnabled", vm.AutomaticCheckpoints),
        ("IsAutomaticSnapshot", false),
        ("IsSaved", vm.State == VmState.Saved),
        ("ConfigurationDataRoot", vm.ConfigurationRoot),
        ("ConfigurationFile", $"Virtual Machines\\{SimulatedCim.FormatGuid(vm.Id)}.vmcx"),
        ("SnapshotDataRoot", vm.SnapshotRoot),
        ("SwapFileDataRoot", vm.ConfigurationRoot),
        ("Version", vm.Version),
        ("Notes", new object?[] { vm.Notes ?? string.Empty }));

    public static CimInstance SnapshotSettings(SimulatedVm vm, SimulatedCheckpoint checkpoint, string hostName) => New(HyperVSchema.SettingData, s_instanceIdKey,
        ("InstanceID", HyperVSchema.InstanceIdFor(checkpoint.Id)),
        ("Caption", "Virtual Machine Settings"),
        ("ConfigurationID", SimulatedCim.FormatGuid(checkpoint.Id)),
        ("VirtualSystemIdentifier", SimulatedCim.FormatGuid(vm.Id)),
        ("ElementName", checkpoint.Name),
        ("VirtualSystemType", checkpoint.SystemType),
        ("VirtualSystemSubType", vm.Generation == 1 ? HyperVSchema.SystemType.SubType1 : HyperVSchema.SystemType.SubType2),
        ("CreationTime", checkpoint.Created),
        ("Parent", checkpoint.ParentId is { } parent ? ParentPath(hostName, parent) : null),
        ("UserSnapshotType", ConfigurationVersions.SupportsCheckpointTypes(vm.Version) ? checkpoint.UserSnapshotType : null),
        ("AutomaticSnapshotsEnabled", vm.AutomaticCheckpoints),
        ("IsAutomaticSnapshot", checkpoint.IsAutomatic),
        ("IsSaved", checkpoint.IsSaved),
        ("ConfigurationDataRoot", vm.SnapshotRoot),
        ("ConfigurationFile", $"Snapshots\\{SimulatedCim.FormatGuid(checkpoint.Id)}.vmcx"),
        ("SnapshotDataRoot", vm.SnapshotRoot),
        ("Version", vm.Version),
        ("Notes", new object?[] { checkpoint.Notes ?? string.Empty }));

    /// <summary>The disk settings of one configuration (a VM's current one or a checkpoint's).</summary>
    public static IEnumerable<CimInstance> Disks(Guid settingId, IReadOnlyList<string> disks, string hostName)
    {
        var owner = HyperVSchema.InstanceIdFor(settingId);
        for (var i = 0; i < disks.Count; i++)
        {
            // Observed Hyper-V form: Microsoft:<setting GUID>\<controller GUID>\<slot>\<lun>\L
            var controller = $"{owner}\\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\\{i / 2}\\{i % 2}";
            yield return New(HyperVSchema.StorageSettingData, s_instanceIdKey,
                ("InstanceID", controller + "\\L"),
                ("ElementName", "Hard Disk Image"),
                ("ResourceType", HyperVSchema.LogicalDiskResourceType),
                ("ResourceSubType", HyperVSchema.HardDiskSubType),
                ("HostResource", new object?[] { disks[i] }),
                ("Parent", $"\\\\{hostName}\\root\\virtualization\\v2:Msvm_ResourceAllocationSettingData.InstanceID=\"{(controller + "\\D").Replace("\\", "\\\\", StringComparison.Ordinal)}\""),
                ("AddressOnParent", (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public static CimInstance DvdDrive(Guid settingId) => New(HyperVSchema.StorageSettingData, s_instanceIdKey,
        ("InstanceID", $"{HyperVSchema.InstanceIdFor(settingId)}\\D5B3A2E1-7A3C-4A0B-9F9B-0C1A2B3C4D5E\\1\\0\\L"),
        ("ElementName", "ISO Disk Image"),
        ("ResourceType", (ushort)16),
        ("ResourceSubType", "Microsoft:Hyper-V:Virtual CD/DVD Disk"),
        ("HostResource", Array.Empty<object?>()));

    public static CimInstance SnapshotService(SimulatedHost host) => New(HyperVSchema.SnapshotService, s_serviceKeys,
        ("CreationClassName", HyperVSchema.SnapshotService),
        ("Name", "vssnapsvc"),
        ("SystemCreationClassName", HyperVSchema.ComputerSystem),
        ("SystemName", host.Name),
        ("ElementName", "Microsoft Hyper-V Virtual System Snapshot Service"),
        ("EnabledState", (ushort)2));

    public static CimInstance ManagementService(SimulatedHost host) => New(HyperVSchema.ManagementService, s_serviceKeys,
        ("CreationClassName", HyperVSchema.ManagementService),
        ("Name", "vmms"),
        ("SystemCreationClassName", HyperVSchema.ComputerSystem),
        ("SystemName", host.Name),
        ("ElementName", "Virtual Machine Management Service"),
        ("EnabledState", (ushort)2));

    public static CimInstance Job(SimulatedJob job, DateTimeOffset now) => New(HyperVSchema.ConcreteJob, s_instanceIdKey,
        ("InstanceID", job.InstanceId),
        ("Caption", job.Caption),
        ("Description", job.Caption),
        ("ElementName", job.Caption),
        ("JobType", job.JobType),
        ("JobState", job.State),
        ("JobStatus", job.IsFinished ? (job.ErrorDescription ?? "Job completed successfully") : "Job is running"),
        ("PercentComplete", job.PercentAt(now)),
        ("ErrorCode", job.ErrorCode),
        ("ErrorDescription", job.ErrorDescription),
        ("ErrorSummaryDescription", job.State == HyperVSchema.JobState.Exception ? job.ErrorDescription : null),
        ("Cancellable", job.Cancellable),
        ("TimeSubmitted", job.Submitted),
        ("StartTime", job.Submitted),
        ("ElapsedTime", (job.Finished ?? now) - job.Submitted),
        ("TimeBeforeRemoval", TimeSpan.FromMinutes(5)),
        ("DeleteOnCompletion", false));

    /// <summary>The WMI path Hyper-V puts in a setting's <c>Parent</c> property: the server part is the host that answers.</summary>
    public static string ParentPath(string hostName, Guid parentId) =>
        $"\\\\{hostName}\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"{HyperVSchema.InstanceIdFor(parentId)}\"";

    internal static CimInstance New(string className, string[] keys, params (string Name, object? Value)[] properties) =>
        new(className, V2, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)), keys);
}
