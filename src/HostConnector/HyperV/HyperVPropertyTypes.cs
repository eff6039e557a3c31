using System.Collections.Frozen;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Declared CIM types of the Hyper-V setting classes the dashboard writes back as embedded instances
/// (<c>ModifySystemSettings</c>, <c>CreateSnapshot</c>, <c>ExportSystemDefinition</c>), from Microsoft's Hyper-V WMI v2
/// reference. Instances read over WS-Management carry untyped text; CIM-XML needs each property's type, so a
/// read-modify-write sends only the properties listed here (a property of unknown type is left out rather than
/// sent with a guessed one).
/// </summary>
public static class HyperVPropertyTypes
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, CimType>> s_classes =
        new Dictionary<string, FrozenDictionary<string, CimType>>(StringComparer.OrdinalIgnoreCase)
        {
            [HyperVSchema.SettingData] = Build(
                ("InstanceID", CimType.String), ("Caption", CimType.String), ("Description", CimType.String),
                ("ElementName", CimType.String), ("VirtualSystemIdentifier", CimType.String), ("VirtualSystemType", CimType.String),
                ("Notes", CimType.String), ("CreationTime", CimType.DateTime), ("ConfigurationID", CimType.String),
                ("ConfigurationDataRoot", CimType.String), ("ConfigurationFile", CimType.String), ("SnapshotDataRoot", CimType.String),
                ("SuspendDataRoot", CimType.String), ("SwapFileDataRoot", CimType.String), ("LogDataRoot", CimType.String),
                ("AutomaticStartupAction", CimType.UInt16), ("AutomaticStartupActionDelay", CimType.DateTime),
                ("AutomaticStartupActionSequenceNumber", CimType.UInt16), ("AutomaticShutdownAction", CimType.UInt16),
                ("AutomaticRecoveryAction", CimType.UInt16), ("RecoveryFile", CimType.String), ("BIOSGUID", CimType.String),
                ("BIOSSerialNumber", CimType.String), ("BaseBoardSerialNumber", CimType.String), ("ChassisSerialNumber", CimType.String),
                ("ChassisAssetTag", CimType.String), ("BIOSNumLock", CimType.Boolean), ("BootOrder", CimType.UInt16),
                ("Parent", CimType.String), ("UserSnapshotType", CimType.UInt16), ("IsSaved", CimType.Boolean),
                ("AdditionalRecoveryInformation", CimType.String), ("AllowFullSCSICommandSet", CimType.Boolean),
                ("DebugChannelId", CimType.UInt32), ("DebugPortEnabled", CimType.UInt16), ("DebugPort", CimType.UInt32),
                ("Version", CimType.String), ("IncrementalBackupEnabled", CimType.Boolean), ("VirtualNumaEnabled", CimType.Boolean),
                ("AllowReducedFcRedundancy", CimType.Boolean), ("VirtualSystemSubType", CimType.String), ("BootSourceOrder", CimType.String),
                ("PauseAfterBootFailure", CimType.Boolean), ("NetworkBootPreferredProtocol", CimType.UInt16),
                ("GuestControlledCacheTypes", CimType.Boolean), ("AutomaticSnapshotsEnabled", CimType.Boolean),
                ("IsAutomaticSnapshot", CimType.Boolean), ("GuestStateFile", CimType.String), ("GuestStateDataRoot", CimType.String),
                ("LockOnDisconnect", CimType.Boolean), ("ParentPackage", CimType.String),
                ("AutomaticCriticalErrorActionTimeout", CimType.DateTime), ("AutomaticCriticalErrorAction", CimType.UInt16),
                ("EnhancedSessionTransportType", CimType.UInt16), ("LowMmioGapSize", CimType.UInt64), ("HighMmioGapSize", CimType.UInt64),
                ("HighMmioGapBase", CimType.UInt64), ("SecureBootEnabled", CimType.Boolean), ("SecureBootTemplateId", CimType.String),
                ("TurnOffOnGuestRestart", CimType.Boolean)),
            [HyperVSchema.SnapshotSettingData] = Build(
                ("InstanceID", CimType.String), ("ElementName", CimType.String), ("ConsistencyLevel", CimType.UInt8),
                ("IgnoreNonSnapshottableDisks", CimType.Boolean), ("GuestBackupType", CimType.UInt8)),
            [HyperVSchema.ExportSettingData] = Build(
                ("InstanceID", CimType.String), ("ElementName", CimType.String), ("CopySnapshotConfiguration", CimType.UInt8),
                ("CopyVmRuntimeInformation", CimType.Boolean), ("CopyVmStorage", CimType.Boolean), ("CreateVmExportSubdirectory", CimType.Boolean),
                ("SnapshotVirtualSystem", CimType.String), ("CaptureLiveState", CimType.UInt8), ("ExportForLiveMigration", CimType.Boolean),
                ("BackupIntent", CimType.UInt8), ("DifferentialBackupBase", CimType.String), ("DisableDifferentialOfIgnoredStorage", CimType.Boolean),
                ("ExcludedVirtualHardDisks", CimType.String)),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Array-valued properties (WS-Management cannot tell a one-item array from a scalar).</summary>
    private static readonly FrozenSet<string> s_arrays =
        new[] { "Notes", "BootOrder", "BootSourceOrder", "ExcludedVirtualHardDisks" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The declared type of <paramref name="property"/> of <paramref name="className"/>, or null when not known.</summary>
    public static CimType? Resolve(string className, string property) =>
        s_classes.TryGetValue(className, out var properties) && properties.TryGetValue(property, out var type) ? type : null;

    /// <summary>
    /// A copy of <paramref name="instance"/> with only the properties whose type is known and that are not null, ready
    /// for <see cref="CimXml.Write"/> with <see cref="Resolve"/>.
    /// </summary>
    public static CimInstance Writable(CimInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new CimInstance(
            instance.ClassName,
            instance.Namespace,
            instance.Properties
                .Where(p => p.Value is not null && Resolve(instance.ClassName, p.Key) is not null)
                .Select(p => s_arrays.Contains(p.Key) && p.Value is not IReadOnlyList<object?>
                    ? KeyValuePair.Create<string, object?>(p.Key, new object?[] { p.Value })
                    : p));
    }

    private static FrozenDictionary<string, CimType> Build(params (string Name, CimType Type)[] properties) =>
        properties.ToFrozenDictionary(p => p.Name, p => p.Type, StringComparer.OrdinalIgnoreCase);
}
