using System.Collections.Immutable;
using System.Text.Json;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostConnector.HyperV.HyperVTestInstances;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

public class HyperVMapperTests
{
    private static readonly DateTimeOffset s_t0 = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Guid s_dc01 = new("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10");
    private static readonly Guid s_fs01 = new("0EC082D5-6827-457A-BAE2-F986E1B94851");
    private static readonly Guid s_cp1 = new("11111111-2222-3333-4444-000000000001");
    private static readonly Guid s_cp2 = new("11111111-2222-3333-4444-000000000002");
    private static readonly Guid s_cp3 = new("11111111-2222-3333-4444-000000000003");

    private const string Folder = @"C:\VMs\DC01\Virtual Hard Disks";
    private const string Base = Folder + @"\DC01.vhdx";
    private const string DiffA = Folder + @"\DC01_A.avhdx";
    private const string DiffB = Folder + @"\DC01_B.avhdx";
    private const string DiffC = Folder + @"\DC01_C.avhdx";
    private const string FsBase = @"D:\VMs\FS01\FS01.vhdx";

    private static readonly Dictionary<string, long> s_sizes = new(StringComparer.OrdinalIgnoreCase)
    {
        [Base] = 40_000_000_000,
        [DiffA] = 1_000,
        [DiffB] = 2_000,
        [DiffC] = 3_000,
    };

    private sealed record HostResponse(List<CimInstance> Systems, List<CimInstance> Settings, List<CimInstance> Storage);

    /// <summary>
    /// A host with its own instance, DC01 (Gen 2, running, three checkpoints: Standard → Production → Recovery,
    /// running on top of the Recovery one, with a DVD drive) and FS01 (Gen 1, off, version 5.0, no checkpoints).
    /// </summary>
    private static HostResponse TypicalHost()
    {
        List<CimInstance> systems =
        [
            HostSystem(),
            VmSystem(s_dc01, "DC01", 2, operationalStatus: [2, 32768], replicationMode: 1),
            VmSystem(s_fs01, "FS01", 3),
        ];
        List<CimInstance> settings =
        [
            Snapshot(s_dc01, s_cp2, "Before patch", s_cp1, s_t0.AddDays(2), isAutomatic: true),
            Realized(s_dc01, "DC01", s_cp3, s_t0.AddDays(-30)),
            Snapshot(s_dc01, s_cp1, "Baseline", null, s_t0, isSaved: true),
            Snapshot(s_dc01, s_cp3, "Backup", s_cp2, s_t0.AddDays(3), HyperVSchema.SystemType.SnapshotRecovery),
            Realized(s_fs01, "FS01", null, s_t0.AddDays(-300), generation: 1, version: "5.0", userSnapshotType: null, automaticCheckpoints: false),
        ];
        List<CimInstance> storage =
        [
            .. Disks(s_cp1, Base),
            .. Disks(s_cp2, DiffA),
            .. Disks(s_cp3, DiffB),
            .. Disks(s_dc01, DiffC),
            DvdDrive(s_dc01, @"C:\ISO\WindowsServer.iso"),
            .. Disks(s_fs01, FsBase),
        ];
        return new HostResponse(systems, settings, storage);
    }

    private static ImmutableArray<VirtualMachine> Map(HostResponse host, string? cluster = "CLU01") =>
        HyperVMapper.MapVirtualMachines(HostName, cluster, host.Systems, host.Settings, host.Storage, p => s_sizes.TryGetValue(p, out var s) ? s : null);

    private static ImmutableArray<VirtualMachine> MapAsText(HostResponse host, bool dmtfDates) =>
        HyperVMapper.MapVirtualMachines(HostName, "CLU01", AsText(host.Systems, dmtfDates), AsText(host.Settings, dmtfDates), AsText(host.Storage, dmtfDates),
            p => s_sizes.TryGetValue(p, out var s) ? s : null);

    private static CimMappingException MapFails(HostResponse host) => Assert.Throws<CimMappingException>(() => Map(host));

    // ---- A whole host ----

    [Fact]
    public void MapVirtualMachines_TypicalHost_SkipsTheHostAndMapsEachVmOnce()
    {
        var vms = Map(TypicalHost());

        Assert.Equal([s_dc01, s_fs01], vms.Select(v => v.Id));
        Assert.All(vms, vm => Assert.Equal(HostName, vm.Host));
        Assert.All(vms, vm => Assert.Equal("CLU01", vm.Cluster));
    }

    [Fact]
    public void MapVirtualMachines_RunningVm_MapsSettingsStateAndActivity()
    {
        var dc01 = Map(TypicalHost())[0];

        Assert.Equal("DC01", dc01.Name);
        Assert.Equal(VmState.Running, dc01.State);
        Assert.Equal(VmActivity.CreatingCheckpoint, dc01.Activity);
        Assert.Equal(ReplicationMode.Primary, dc01.Replication);
        Assert.Equal(2, dc01.Generation);
        Assert.Equal("9.0", dc01.ConfigurationVersion);
        Assert.Equal(CheckpointType.Production, dc01.CheckpointType);
        Assert.True(dc01.AutomaticCheckpoints);
        Assert.Equal(@"C:\VMs\DC01\Snapshots", dc01.CheckpointFileLocation);
        Assert.Equal(@"C:\VMs\DC01", dc01.ConfigurationLocation);
        Assert.Equal(s_t0.AddDays(-30), dc01.Created);
    }

    [Fact]
    public void MapVirtualMachines_RealizedParent_IsCurrentCheckpointAndDisksComeFromItsSettings()
    {
        var dc01 = Map(TypicalHost())[0];

        Assert.Equal(s_cp3, dc01.CurrentCheckpointId);
        var disk = Assert.Single(dc01.Disks);
        Assert.Equal(new DiskFile(DiffC, 3_000), disk);
    }

    [Fact]
    public void MapVirtualMachines_Checkpoints_AreLinkedKindedAndHoldTheirSuccessorsDisks()
    {
        var dc01 = Map(TypicalHost())[0];

        Assert.Equal([s_cp1, s_cp2, s_cp3], dc01.Checkpoints.Select(c => c.Id));
        var (baseline, patch, backup) = (dc01.Checkpoints[0], dc01.Checkpoints[1], dc01.Checkpoints[2]);

        Assert.Equal("Baseline", baseline.Name);
        Assert.Equal(s_dc01, baseline.VmId);
        Assert.Null(baseline.ParentId);
        Assert.Equal(CheckpointKind.Standard, baseline.Kind);
        Assert.True(baseline.HasSavedState);
        Assert.False(baseline.IsAutomatic);
        Assert.Equal(s_t0, baseline.Created);
        Assert.Equal([new DiskFile(Base, 40_000_000_000)], baseline.Disks);
        Assert.Equal([new DiskFile(DiffA, 1_000)], baseline.HeldDisks);

        Assert.Equal(s_cp1, patch.ParentId);
        Assert.Equal(CheckpointKind.Production, patch.Kind);
        Assert.True(patch.IsAutomatic);
        Assert.Equal([new DiskFile(DiffB, 2_000)], patch.HeldDisks);

        Assert.Equal(s_cp2, backup.ParentId);
        Assert.Equal(CheckpointKind.Recovery, backup.Kind);
        Assert.Equal([new DiskFile(DiffC, 3_000)], backup.HeldDisks);

        Assert.Equal(3, dc01.Stats.Count);
        Assert.Equal(2, dc01.Stats.UserCount);
        Assert.Equal(1, dc01.Stats.RecoveryCount);
        Assert.Equal(3, dc01.Stats.MaxDepth);
        Assert.Equal(6_000, dc01.Stats.HeldBytes);
        Assert.True(dc01.Stats.SizesKnown);
    }

    [Fact]
    public void MapVirtualMachines_OldOffVm_HasGeneration1UnknownTypeAndNoCheckpoints()
    {
        var fs01 = Map(TypicalHost())[1];

        Assert.Equal(VmState.Off, fs01.State);
        Assert.Equal(VmActivity.None, fs01.Activity);
        Assert.Equal(1, fs01.Generation);
        Assert.Equal("5.0", fs01.ConfigurationVersion);
        Assert.Equal(CheckpointType.Unknown, fs01.CheckpointType);
        Assert.False(fs01.AutomaticCheckpoints);
        Assert.Null(fs01.CurrentCheckpointId);
        Assert.Empty(fs01.Checkpoints);
        Assert.Equal(CheckpointStats.Empty, fs01.Stats);
        Assert.Equal([new DiskFile(FsBase, null)], fs01.Disks);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MapVirtualMachines_AllTextValuesAsWsManSendsThem_MapIdenticallyToTypedValues(bool dmtfDates)
    {
        var host = TypicalHost();
        var typed = Map(host);

        var text = MapAsText(host, dmtfDates);

        Assert.Equal(JsonSerializer.Serialize(typed), JsonSerializer.Serialize(text));
        Assert.Equal(3, text[0].Checkpoints.Length);
    }

    [Fact]
    public void MapVirtualMachines_OnlyTheHostInstance_GivesNoVms()
    {
        Assert.Empty(Map(new HostResponse([HostSystem()], [], [])));
    }

    [Fact]
    public void MapVirtualMachines_DvdDrive_IsNotADisk()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, "DC01", 2)],
            [Realized(s_dc01, "DC01", null, s_t0)],
            [DvdDrive(s_dc01, @"C:\ISO\setup.iso"), DvdDrive(s_dc01, null), .. Disks(s_dc01, Base)]);

        var vm = Assert.Single(Map(host));

        Assert.Equal([Base], vm.Disks.Select(d => d.Path));
    }

    [Fact]
    public void MapVirtualMachines_DiskWithoutSubTypeOrFile_IsTakenOrSkipped()
    {
        var noSubType = New(HyperVSchema.StorageSettingData, ["InstanceID"],
            ("InstanceID", $@"{HyperVSchema.InstanceIdFor(s_dc01)}\X\0\1\L"),
            ("HostResource", new object?[] { DiffA }));
        var empty = New(HyperVSchema.StorageSettingData, ["InstanceID"],
            ("InstanceID", $@"{HyperVSchema.InstanceIdFor(s_dc01)}\X\0\2\L"),
            ("ResourceSubType", HyperVSchema.HardDiskSubType),
            ("HostResource", new object?[] { " " }));
        var host = new HostResponse([VmSystem(s_dc01, "DC01", 2)], [Realized(s_dc01, "DC01", null, s_t0)], [noSubType, empty]);

        var vm = Assert.Single(Map(host));

        Assert.Equal([DiffA], vm.Disks.Select(d => d.Path));
    }

    [Fact]
    public void MapVirtualMachines_DisksOfOtherSettings_AreNotTheVmsDisks()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, "DC01", 2)],
            [Realized(s_dc01, "DC01", null, s_t0)],
            [.. Disks(s_fs01, FsBase), .. Disks(s_dc01, Base, DiffA)]);

        var vm = Assert.Single(Map(host));

        Assert.Equal([Base, DiffA], vm.Disks.Select(d => d.Path));
    }

    [Fact]
    public void MapVirtualMachines_TransitionalStateThroughOtherEnabledState_IsMapped()
    {
        var host = new HostResponse([VmSystem(s_dc01, "DC01", 1, "Quiescing")], [Realized(s_dc01, "DC01", null, s_t0)], []);

        Assert.Equal(VmState.Pausing, Assert.Single(Map(host)).State);
    }

    [Fact]
    public void MapVirtualMachines_VmWithoutSettings_KeepsItsNameAndHasNoGeneration()
    {
        var host = new HostResponse([VmSystem(s_dc01, "DC01", 3)], [], []);

        var vm = Assert.Single(Map(host, cluster: null));

        Assert.Equal("DC01", vm.Name);
        Assert.Null(vm.Cluster);
        Assert.Equal(0, vm.Generation);
        Assert.Null(vm.Created);
        Assert.Equal(CheckpointType.Unknown, vm.CheckpointType);
    }

    [Fact]
    public void MapVirtualMachines_NoElementNameOnSystem_FallsBackToSettingsThenId()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, null, 2), VmSystem(s_fs01, null, 2)],
            [Realized(s_dc01, "From settings", null, s_t0)],
            []);

        var vms = Map(host);

        Assert.Equal("From settings", vms[0].Name);
        Assert.Equal(s_fs01.ToString(), vms[1].Name);
    }

    [Fact]
    public void MapVirtualMachines_PlannedSettings_AreNotTheCurrentSettings()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, "DC01", 2)],
            [
                Realized(s_dc01, "DC01", null, s_t0, version: "9.0"),
                Realized(s_dc01, "DC01", null, s_t0, version: "1.0", systemType: HyperVSchema.SystemType.Planned),
            ],
            []);

        Assert.Equal("9.0", Assert.Single(Map(host)).ConfigurationVersion);
    }

    [Fact]
    public void MapVirtualMachines_CheckpointOfUnlistedVm_IsIgnored()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, "DC01", 2)],
            [Realized(s_dc01, "DC01", null, s_t0), Snapshot(s_fs01, s_cp1, "Elsewhere", null, s_t0)],
            []);

        Assert.Empty(Assert.Single(Map(host)).Checkpoints);
    }

    [Fact]
    public void MapVirtualMachines_CurrentCheckpointAmongCheckpoints_NowIsUnderIt()
    {
        var host = new HostResponse(
            [VmSystem(s_dc01, "DC01", 2)],
            [Realized(s_dc01, "DC01", s_cp1, s_t0), Snapshot(s_dc01, s_cp1, "Only", null, s_t0)],
            [.. Disks(s_cp1, Base), .. Disks(s_dc01, DiffA)]);

        var vm = Assert.Single(Map(host));

        var root = Assert.Single(CheckpointTreeNode.Build(vm));
        Assert.True(Assert.Single(root.Children).IsNow);
        Assert.Equal([DiffA], root.Checkpoint!.HeldDisks.Select(d => d.Path));
    }

    // ---- Malformed responses ----

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("HV01")]
    public void MapVirtualMachines_VmNameNotAGuid_ThrowsNamingName(string name)
    {
        var system = New(HyperVSchema.ComputerSystem, ["Name"], ("Name", name), ("Caption", HyperVSchema.VirtualMachineCaption));

        var error = MapFails(new HostResponse([system], [], []));

        Assert.Equal("Name", error.PropertyName);
        Assert.Equal(HyperVSchema.ComputerSystem, error.ClassName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapVirtualMachines_VmWithoutName_ThrowsNamingName()
    {
        var system = New(HyperVSchema.ComputerSystem, ["Name"], ("ElementName", "DC01"), ("Caption", HyperVSchema.VirtualMachineCaption));

        Assert.Equal("Name", MapFails(new HostResponse([system], [], [])).PropertyName);
    }

    [Theory]
    [InlineData("Microsoft:not-a-guid")]
    [InlineData("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")]
    [InlineData("Other:6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")]
    [InlineData("")]
    public void MapVirtualMachines_CheckpointInstanceIdNotMicrosoftGuid_ThrowsNamingInstanceId(string instanceId)
    {
        var bad = Replace(Snapshot(s_dc01, s_cp1, "Bad", null, s_t0), "InstanceID", instanceId);

        var error = MapFails(new HostResponse([], [bad], []));

        Assert.Equal("InstanceID", error.PropertyName);
        Assert.Contains("Microsoft:<GUID>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("20241305102030.000000+000")]
    public void MapVirtualMachines_CheckpointCreationTimeGarbage_ThrowsNamingCreationTime(string creationTime)
    {
        var bad = Replace(Snapshot(s_dc01, s_cp1, "Bad", null, s_t0), "CreationTime", creationTime);

        var error = MapFails(new HostResponse([VmSystem(s_dc01, "DC01", 2)], [bad], []));

        Assert.Equal("CreationTime", error.PropertyName);
        Assert.Contains(creationTime, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapVirtualMachines_CheckpointWithoutCreationTime_ThrowsNamingCreationTime()
    {
        var bad = Replace(Snapshot(s_dc01, s_cp1, "Bad", null, s_t0), "CreationTime", null);

        Assert.Equal("CreationTime", MapFails(new HostResponse([], [bad], [])).PropertyName);
    }

    [Fact]
    public void MapVirtualMachines_CheckpointVmIdNotAGuid_ThrowsNamingVirtualSystemIdentifier()
    {
        var bad = Replace(Snapshot(s_dc01, s_cp1, "Bad", null, s_t0), "VirtualSystemIdentifier", "DC01");

        Assert.Equal("VirtualSystemIdentifier", MapFails(new HostResponse([], [bad], [])).PropertyName);
    }

    [Fact]
    public void MapVirtualMachines_CheckpointParentGarbage_ThrowsNamingParent()
    {
        var bad = Replace(Snapshot(s_dc01, s_cp2, "Bad", null, s_t0), "Parent", "not a path at all");

        Assert.Equal("Parent", MapFails(new HostResponse([], [bad], [])).PropertyName);
    }

    [Fact]
    public void MapVirtualMachines_DiskInstanceIdWithoutOwner_ThrowsNamingInstanceId()
    {
        var disk = New(HyperVSchema.StorageSettingData, ["InstanceID"],
            ("InstanceID", @"Microsoft:Definition\83F8\0\0\L"),
            ("ResourceSubType", HyperVSchema.HardDiskSubType),
            ("HostResource", new object?[] { Base }));

        var error = MapFails(new HostResponse([], [], [disk]));

        Assert.Equal(HyperVSchema.StorageSettingData, error.ClassName);
        Assert.Equal("InstanceID", error.PropertyName);
    }

    [Fact]
    public void MapVirtualMachines_EnabledStateNotANumber_ThrowsNamingEnabledState()
    {
        var bad = Replace(VmSystem(s_dc01, "DC01", 2), "EnabledState", "Running");

        Assert.Equal("EnabledState", MapFails(new HostResponse([bad], [], [])).PropertyName);
    }

    // ---- Pieces ----

    [Theory]
    [InlineData((ushort)2, VmState.Running)]
    [InlineData((ushort)3, VmState.Off)]
    [InlineData((ushort)4, VmState.Stopping)]
    [InlineData((ushort)6, VmState.Saved)]
    [InlineData((ushort)9, VmState.Paused)]
    [InlineData((ushort)10, VmState.Starting)]
    [InlineData((ushort)11, VmState.Reset)]
    [InlineData((ushort)32773, VmState.Saving)]
    [InlineData((ushort)32776, VmState.Pausing)]
    [InlineData((ushort)32777, VmState.Resuming)]
    [InlineData((ushort)32779, VmState.FastSaved)]
    [InlineData((ushort)32780, VmState.FastSaving)]
    [InlineData((ushort)0, VmState.Unknown)]
    [InlineData((ushort)5, VmState.Unknown)]
    [InlineData((ushort)7, VmState.Unknown)]
    [InlineData((ushort)32768, VmState.Unknown)]
    [InlineData((ushort)32769, VmState.Unknown)]
    [InlineData((ushort)65535, VmState.Unknown)]
    [InlineData(null, VmState.Unknown)]
    public void MapState_EnabledStateCodes_MapToPowerStates(ushort? enabledState, VmState expected)
    {
        Assert.Equal(expected, HyperVMapper.MapState(enabledState, "Saving"));
    }

    [Theory]
    [InlineData("Saving", VmState.Saving)]
    [InlineData("Quiescing", VmState.Pausing)]
    [InlineData("Pausing", VmState.Pausing)]
    [InlineData("Resuming", VmState.Resuming)]
    [InlineData("FastSaving", VmState.FastSaving)]
    [InlineData(" Saving ", VmState.Saving)]
    [InlineData("ComponentServicing", VmState.Other)]
    [InlineData("", VmState.Other)]
    [InlineData(null, VmState.Other)]
    public void MapState_OtherWithOtherEnabledState_UsesTheText(string? otherEnabledState, VmState expected)
    {
        Assert.Equal(expected, HyperVMapper.MapState(1, otherEnabledState));
    }

    [Theory]
    [InlineData((ushort)2, CheckpointType.Disabled)]
    [InlineData((ushort)3, CheckpointType.Production)]
    [InlineData((ushort)4, CheckpointType.ProductionOnly)]
    [InlineData((ushort)5, CheckpointType.Standard)]
    [InlineData((ushort)0, CheckpointType.Unknown)]
    [InlineData((ushort)1, CheckpointType.Unknown)]
    [InlineData((ushort)6, CheckpointType.Unknown)]
    [InlineData((ushort)7, CheckpointType.Unknown)]
    [InlineData(null, CheckpointType.Unknown)]
    public void MapCheckpointType_UserSnapshotType_MapsKnownCodesOnly(ushort? code, CheckpointType expected)
    {
        Assert.Equal(expected, HyperVMapper.MapCheckpointType(code));
    }

    [Theory]
    [InlineData(HyperVSchema.SystemType.SnapshotRealized, true, CheckpointKind.Standard)]
    [InlineData(HyperVSchema.SystemType.SnapshotRealized, false, CheckpointKind.Production)]
    [InlineData(HyperVSchema.SystemType.SnapshotRecovery, false, CheckpointKind.Recovery)]
    [InlineData(HyperVSchema.SystemType.SnapshotRecovery, true, CheckpointKind.Recovery)]
    [InlineData(HyperVSchema.SystemType.SnapshotPlanned, false, CheckpointKind.Planned)]
    [InlineData(HyperVSchema.SystemType.SnapshotMissing, false, CheckpointKind.Missing)]
    [InlineData(HyperVSchema.SystemType.SnapshotReplicaStandard, false, CheckpointKind.Replica)]
    [InlineData(HyperVSchema.SystemType.SnapshotReplicaAppConsistent, false, CheckpointKind.Replica)]
    [InlineData(HyperVSchema.SystemType.SnapshotReplicaPlannedFailover, true, CheckpointKind.Replica)]
    [InlineData("microsoft:hyper-v:snapshot:recovery", false, CheckpointKind.Recovery)]
    [InlineData("MICROSOFT:HYPER-V:SNAPSHOT:REPLICA:STANDARD", false, CheckpointKind.Replica)]
    public void MapKind_VirtualSystemTypeAndIsSaved_GiveKind(string virtualSystemType, bool isSaved, CheckpointKind expected)
    {
        Assert.Equal(expected, HyperVMapper.MapKind(virtualSystemType, isSaved));
    }

    [Fact]
    public void ParentId_WmiPathWithServer_IsTheGuidInInstanceId()
    {
        var setting = Snapshot(s_dc01, s_cp2, "Child", s_cp1, s_t0);

        Assert.Equal(s_cp1, HyperVMapper.ParentId(setting));
    }

    [Fact]
    public void ParentId_TextWithoutServerAndLowerCaseGuid_IsRead()
    {
        var setting = Replace(Snapshot(s_dc01, s_cp2, "Child", null, s_t0), "Parent",
            $"root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID='Microsoft:{s_cp1}'");

        Assert.Equal(s_cp1, HyperVMapper.ParentId(setting));
    }

    [Fact]
    public void ParentId_TypedReference_IsRead()
    {
        var reference = CimReference.Create(HyperVSchema.SettingData, CimNamespaces.Virtualization, ("InstanceID", HyperVSchema.InstanceIdFor(s_cp1)));
        var setting = Replace(Snapshot(s_dc01, s_cp2, "Child", null, s_t0), "Parent", reference);

        Assert.Equal(s_cp1, HyperVMapper.ParentId(setting));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ParentId_NullOrEmpty_IsNull(string? parent)
    {
        Assert.Null(HyperVMapper.ParentId(Replace(Snapshot(s_dc01, s_cp2, "Root", null, s_t0), "Parent", parent)));
    }

    [Theory]
    [InlineData("Msvm_VirtualSystemSettingData.Name=\"Microsoft:6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10\"")]
    [InlineData("Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:nope\"")]
    [InlineData("Msvm_VirtualSystemSettingData.InstanceID=\"6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10\"")]
    [InlineData("Msvm_VirtualSystemSettingData.InstanceID=\"unterminated")]
    public void ParentId_PathThatNamesNoSetting_ThrowsNamingParent(string parent)
    {
        var setting = Replace(Snapshot(s_dc01, s_cp2, "Child", null, s_t0), "Parent", parent);

        var error = Assert.Throws<CimMappingException>(() => HyperVMapper.ParentId(setting));

        Assert.Equal("Parent", error.PropertyName);
        Assert.Equal(HyperVSchema.SettingData, error.ClassName);
    }

    private static CimInstance Replace(CimInstance instance, string name, object? value) =>
        new(instance.ClassName, instance.Namespace,
            instance.Properties.Select(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase) ? KeyValuePair.Create(p.Key, value) : p),
            instance.KeyNames);
}
