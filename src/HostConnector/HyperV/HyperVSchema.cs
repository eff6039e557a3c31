namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Names and value codes of Hyper-V's WMI provider (<c>root\virtualization\v2</c>), as documented in
/// <c>shared/reference/hyperv-wmi.md</c>. Both the connector and the simulator use these, so they cannot drift apart.
/// </summary>
public static class HyperVSchema
{
    public const string ComputerSystem = "Msvm_ComputerSystem";
    public const string SettingData = "Msvm_VirtualSystemSettingData";
    public const string StorageSettingData = "Msvm_StorageAllocationSettingData";
    public const string SnapshotService = "Msvm_VirtualSystemSnapshotService";
    public const string ManagementService = "Msvm_VirtualSystemManagementService";
    public const string ConcreteJob = "Msvm_ConcreteJob";
    public const string SnapshotSettingData = "Msvm_VirtualSystemSnapshotSettingData";
    public const string ExportSettingData = "Msvm_VirtualSystemExportSettingData";
    public const string AffectedJobElement = "Msvm_AffectedJobElement";
    public const string SnapshotOfVirtualSystem = "Msvm_SnapshotOfVirtualSystem";
    public const string SettingsDefineState = "Msvm_SettingsDefineState";
    public const string SettingDataComponent = "Msvm_VirtualSystemSettingDataComponent";
    public const string DataFile = "CIM_DataFile";

    /// <summary><c>Msvm_ComputerSystem.Caption</c> of VMs (the host's own instance says "Hosting Computer System").</summary>
    public const string VirtualMachineCaption = "Virtual Machine";

    public const string HostCaption = "Hosting Computer System";

    /// <summary>Every WMI key of a Hyper-V setting object starts with this, followed by a GUID.</summary>
    public const string InstanceIdPrefix = "Microsoft:";

    public const string HardDiskSubType = "Microsoft:Hyper-V:Virtual Hard Disk";

    /// <summary><c>Msvm_StorageAllocationSettingData.ResourceType</c> of logical disks.</summary>
    public const ushort LogicalDiskResourceType = 31;

    public static class SystemType
    {
        public const string Realized = "Microsoft:Hyper-V:System:Realized";
        public const string Planned = "Microsoft:Hyper-V:System:Planned";
        public const string SnapshotPrefix = "Microsoft:Hyper-V:Snapshot:";
        public const string SnapshotRealized = "Microsoft:Hyper-V:Snapshot:Realized";
        public const string SnapshotRecovery = "Microsoft:Hyper-V:Snapshot:Recovery";
        public const string SnapshotPlanned = "Microsoft:Hyper-V:Snapshot:Planned";
        public const string SnapshotMissing = "Microsoft:Hyper-V:Snapshot:Missing";
        public const string SnapshotReplicaStandard = "Microsoft:Hyper-V:Snapshot:Replica:Standard";
        public const string SnapshotReplicaAppConsistent = "Microsoft:Hyper-V:Snapshot:Replica:ApplicationConsistent";
        public const string SnapshotReplicaPlannedFailover = "Microsoft:Hyper-V:Snapshot:Replica:PlannedFailover";
        public const string SubType1 = "Microsoft:Hyper-V:SubType:1";
        public const string SubType2 = "Microsoft:Hyper-V:SubType:2";
    }

    /// <summary><c>CreateSnapshot</c>'s <c>SnapshotType</c> argument.</summary>
    public static class SnapshotKind
    {
        public const ushort Full = 2;
        public const ushort Recovery = 32768;
    }

    /// <summary><c>Msvm_ConcreteJob.JobState</c>.</summary>
    public static class JobState
    {
        public const ushort New = 2;
        public const ushort Starting = 3;
        public const ushort Running = 4;
        public const ushort Suspended = 5;
        public const ushort ShuttingDown = 6;
        public const ushort Completed = 7;
        public const ushort Terminated = 8;
        public const ushort Killed = 9;
        public const ushort Exception = 10;
        public const ushort Service = 11;
        public const ushort CompletedWithWarnings = 32768;

        public static bool IsFinished(ushort state) => state is Completed or Terminated or Killed or Exception or Service or CompletedWithWarnings;
    }

    /// <summary><c>Msvm_ConcreteJob.JobType</c> (the snapshot-relevant subset).</summary>
    public static class JobType
    {
        public const ushort ModifyVm = 2;
        public const ushort StartVm = 12;
        public const ushort PowerOff = 13;
        public const ushort Save = 14;
        public const ushort Pause = 26;
        public const ushort MergeDisks = 50;
        public const ushort ExportVm = 62;
        public const ushort SnapshotVm = 70;
        public const ushort ApplySnapshot = 71;
        public const ushort DeleteSnapshot = 72;
    }

    /// <summary>Method return values.</summary>
    public static class ReturnCode
    {
        public const uint Completed = 0;
        public const uint NotSupported = 1;
        public const uint Failed = 2;
        public const uint Timeout = 3;
        public const uint InvalidParameter = 4;
        public const uint InvalidState = 5;
        public const uint IncompatibleParameters = 6;
        public const uint JobStarted = 4096;
        public const uint MsvmFailed = 32768;
        public const uint AccessDenied = 32769;
        public const uint MsvmNotSupported = 32770;
        public const uint MsvmInvalidParameter = 32773;
        public const uint SystemInUse = 32774;
        public const uint MsvmInvalidState = 32775;
        public const uint FileNotFound = 32779;

        /// <summary>The name of a return code, covering both the DMTF (1-6) and the Msvm (32768+) sets.</summary>
        public static string Describe(uint code) => code switch
        {
            Completed => "Completed",
            NotSupported => "Not supported",
            Failed => "Failed",
            Timeout => "Timeout",
            InvalidParameter => "Invalid parameter",
            InvalidState => "Invalid state",
            IncompatibleParameters => "Incompatible parameters",
            JobStarted => "Job started",
            MsvmFailed => "Failed",
            AccessDenied => "Access denied",
            MsvmNotSupported => "Not supported",
            32771 => "Status is unknown",
            32772 => "Timeout",
            MsvmInvalidParameter => "Invalid parameter",
            SystemInUse => "System is in use",
            MsvmInvalidState => "Invalid state",
            32776 => "Incorrect data type",
            32777 => "System is not available",
            32778 => "Out of memory",
            FileNotFound => "File not found",
            _ => $"Error {code}",
        };
    }

    /// <summary>The GUID in an <c>InstanceID</c> such as <c>Microsoft:GUID</c> or <c>Microsoft:GUID\…</c>; null when absent.</summary>
    public static Guid? GuidFromInstanceId(string? instanceId)
    {
        if (instanceId is null || !instanceId.StartsWith(InstanceIdPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = instanceId.AsSpan(InstanceIdPrefix.Length);
        var cut = rest.IndexOfAny('\\', '/');
        if (cut >= 0)
        {
            rest = rest[..cut];
        }

        return Guid.TryParse(rest, out var id) ? id : null;
    }

    public static string InstanceIdFor(Guid id) => InstanceIdPrefix + id.ToString("D").ToUpperInvariant();
}
