using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

/// <summary>
/// Hyper-V instances built by hand in the shapes the provider sends (see <c>HyperVInstances</c> in the
/// simulator and <c>shared/reference/hyperv-wmi.md</c>), typed as MMI delivers them, and their all-text
/// twins as WS-Management delivers them.
/// </summary>
internal static class HyperVTestInstances
{
    public const string HostName = "HV01";
    private const string DiskController = "83F8638B-8DCA-4152-9EDA-2CA8B33039B4";
    private static readonly string[] s_csKeys = ["CreationClassName", "Name"];
    private static readonly string[] s_instanceIdKey = ["InstanceID"];

    public static string Upper(Guid id) => id.ToString("D").ToUpperInvariant();

    public static CimInstance New(string className, string[] keys, params (string Name, object? Value)[] properties) =>
        new(className, CimNamespaces.Virtualization, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)), keys);

    public static CimInstance HostSystem() => New(HyperVSchema.ComputerSystem, s_csKeys,
        ("CreationClassName", HyperVSchema.ComputerSystem),
        ("Name", HostName),
        ("ElementName", HostName),
        ("Caption", HyperVSchema.HostCaption),
        ("Description", "Microsoft Hosting Computer System"),
        ("EnabledState", (ushort)2),
        ("OperationalStatus", new object?[] { (ushort)2 }));

    public static CimInstance VmSystem(
        Guid id,
        string? name,
        ushort enabledState,
        string? otherEnabledState = null,
        ushort[]? operationalStatus = null,
        ushort replicationMode = 0) => New(HyperVSchema.ComputerSystem, s_csKeys,
        ("CreationClassName", HyperVSchema.ComputerSystem),
        ("Name", Upper(id)),
        ("ElementName", name),
        ("Caption", HyperVSchema.VirtualMachineCaption),
        ("Description", "Microsoft Virtual Machine"),
        ("EnabledState", enabledState),
        ("OtherEnabledState", otherEnabledState),
        ("RequestedState", (ushort)12),
        ("HealthState", (ushort)5),
        ("OperationalStatus", (operationalStatus ?? [2]).Select(s => (object?)s).ToArray()),
        ("OnTimeInMilliseconds", 123_456UL),
        ("ReplicationMode", replicationMode));

    public static CimInstance Realized(
        Guid vmId,
        string? name,
        Guid? current,
        DateTimeOffset created,
        int generation = 2,
        string version = "9.0",
        ushort? userSnapshotType = 3,
        bool automaticCheckpoints = true,
        string systemType = HyperVSchema.SystemType.Realized) => New(HyperVSchema.SettingData, s_instanceIdKey,
        ("InstanceID", HyperVSchema.InstanceIdFor(vmId)),
        ("Caption", "Virtual Machine Settings"),
        ("VirtualSystemIdentifier", Upper(vmId)),
        ("ElementName", name),
        ("VirtualSystemType", systemType),
        ("VirtualSystemSubType", generation == 1 ? HyperVSchema.SystemType.SubType1 : HyperVSchema.SystemType.SubType2),
        ("CreationTime", created),
        ("Parent", current is { } parent ? ParentPath(parent) : null),
        ("UserSnapshotType", userSnapshotType),
        ("AutomaticSnapshotsEnabled", automaticCheckpoints),
        ("IsAutomaticSnapshot", false),
        ("IsSaved", false),
        ("ConfigurationDataRoot", $@"C:\VMs\{name}"),
        ("SnapshotDataRoot", $@"C:\VMs\{name}\Snapshots"),
        ("Version", version),
        ("Notes", new object?[] { string.Empty }));

    public static CimInstance Snapshot(
        Guid vmId,
        Guid id,
        string name,
        Guid? parent,
        DateTimeOffset created,
        string systemType = HyperVSchema.SystemType.SnapshotRealized,
        bool isSaved = false,
        bool isAutomatic = false) => New(HyperVSchema.SettingData, s_instanceIdKey,
        ("InstanceID", HyperVSchema.InstanceIdFor(id)),
        ("Caption", "Virtual Machine Settings"),
        ("ConfigurationID", Upper(id)),
        ("VirtualSystemIdentifier", Upper(vmId)),
        ("ElementName", name),
        ("VirtualSystemType", systemType),
        ("VirtualSystemSubType", HyperVSchema.SystemType.SubType2),
        ("CreationTime", created),
        ("Parent", parent is { } p ? ParentPath(p) : null),
        ("UserSnapshotType", (ushort)3),
        ("IsAutomaticSnapshot", isAutomatic),
        ("IsSaved", isSaved),
        ("Version", "9.0"));

    /// <summary>The hard-disk settings of one configuration, with InstanceIDs in Hyper-V's observed form.</summary>
    public static IEnumerable<CimInstance> Disks(Guid settingId, params string[] paths)
    {
        for (var i = 0; i < paths.Length; i++)
        {
            var slot = $@"{HyperVSchema.InstanceIdFor(settingId)}\{DiskController}\{i / 2}\{i % 2}";
            yield return New(HyperVSchema.StorageSettingData, s_instanceIdKey,
                ("InstanceID", slot + @"\L"),
                ("ResourceType", HyperVSchema.LogicalDiskResourceType),
                ("ResourceSubType", HyperVSchema.HardDiskSubType),
                ("HostResource", new object?[] { paths[i] }));
        }
    }

    public static CimInstance DvdDrive(Guid settingId, string? iso) => New(HyperVSchema.StorageSettingData, s_instanceIdKey,
        ("InstanceID", $@"{HyperVSchema.InstanceIdFor(settingId)}\D5B3A2E1-7A3C-4A0B-9F9B-0C1A2B3C4D5E\1\0\L"),
        ("ResourceType", (ushort)16),
        ("ResourceSubType", "Microsoft:Hyper-V:Virtual CD/DVD Disk"),
        ("HostResource", iso is null ? Array.Empty<object?>() : new object?[] { iso }));

    public static string ParentPath(Guid id) =>
        $"\\\\{HostName}\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"{HyperVSchema.InstanceIdFor(id)}\"";

    /// <summary>
    /// The instance as WS-Management carries it: every scalar as text, date-times in the given form,
    /// arrays as arrays of text, embedded instances converted the same way.
    /// </summary>
    public static CimInstance AsText(CimInstance instance, bool dmtfDates = false) =>
        new(instance.ClassName, instance.Namespace,
            instance.Properties.Select(p => KeyValuePair.Create(p.Key, Text(p.Value, dmtfDates))),
            instance.KeyNames,
            instance.Path);

    public static IReadOnlyList<CimInstance> AsText(IEnumerable<CimInstance> instances, bool dmtfDates = false) =>
        [.. instances.Select(i => AsText(i, dmtfDates))];

    private static object? Text(object? value, bool dmtfDates) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => dmtfDates ? CimDateTime.FormatDmtf(d) : CimDateTime.FormatIso(d),
        TimeSpan t => dmtfDates ? CimDateTime.FormatDmtfInterval(t) : CimDateTime.FormatDuration(t),
        CimInstance embedded => AsText(embedded, dmtfDates),
        IReadOnlyList<object?> list => list.Select(item => Text(item, dmtfDates)).ToArray(),
        var other => CimInstance.FormatScalar(other),
    };
}
