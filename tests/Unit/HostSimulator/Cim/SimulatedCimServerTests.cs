using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Cim;

/// <summary>The CIM surface: classes, keys, value shapes and errors as WMI has them (hyperv-wmi.md §1, §4).</summary>
public sealed class SimulatedCimServerTests
{
    private const string V2 = CimNamespaces.Virtualization;

    [Fact]
    public void Query_VirtualMachineCaption_ReturnsVmsNotTheHost()
    {
        var (_, server, vms) = HostWithTwoVms();

        var all = server.Query(V2, "SELECT * FROM Msvm_ComputerSystem");
        var filtered = server.Query(V2, HyperVInventoryReader.VmQuery);

        Assert.Equal(3, all.Count);
        Assert.Contains(all, i => i.GetString("Caption") == HyperVSchema.HostCaption && i.GetString("Name") == "HV01");
        Assert.Equal(vms.Select(v => SimulatedCim.FormatGuid(v.Id)).Order(StringComparer.Ordinal),
            filtered.Select(i => i.GetString("Name")!).Order(StringComparer.Ordinal));
        Assert.All(filtered, i => Assert.Equal(HyperVSchema.VirtualMachineCaption, i.GetString("Caption")));
    }

    [Fact]
    public void Query_VmName_IsUpperCaseGuid()
    {
        var (_, server, vms) = HostWithTwoVms();

        var instance = VmInstance(server, vms[0]);

        var name = instance.GetString("Name")!;
        Assert.Equal(vms[0].Id, Guid.Parse(name));
        Assert.Equal(name.ToUpperInvariant(), name);
        Assert.Equal(HyperVSchema.ComputerSystem, instance.GetString("CreationClassName"));
        Assert.Equal(vms[0].Name, instance.GetString("ElementName"));
        Assert.Equal((ushort)VmState.Running, instance.GetUInt16("EnabledState"));
        Assert.Equal([(ushort)2], instance.GetUInt16Array("OperationalStatus"));
    }

    [Fact]
    public void Query_SettingData_OneRealizedPerVmPlusSnapshotsWithParentPaths()
    {
        var (sim, server, vms) = HostWithTwoVms();
        var host = server.Host;
        var first = sim.Checkpoint(host, vms[0]);
        var second = sim.Checkpoint(host, vms[0]);

        var settings = server.Query(V2, HyperVInventoryReader.SettingsQuery);

        var realized = settings.Where(s => s.GetString("VirtualSystemType") == HyperVSchema.SystemType.Realized).ToList();
        Assert.Equal(2, realized.Count);
        Assert.Equal(vms.Select(v => SimulatedCim.FormatGuid(v.Id)).Order(StringComparer.Ordinal),
            realized.Select(r => r.GetString("VirtualSystemIdentifier")!).Order(StringComparer.Ordinal));
        var snapshots = settings.Where(s => s.GetString("VirtualSystemType")!.StartsWith(HyperVSchema.SystemType.SnapshotPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.Equal(4, settings.Count);

        var secondSettings = Assert.Single(snapshots, s => s.GetString("InstanceID") == HyperVSchema.InstanceIdFor(second.Id));
        Assert.Null(Assert.Single(snapshots, s => s.GetString("InstanceID") == HyperVSchema.InstanceIdFor(first.Id))["Parent"]);
        var parentText = secondSettings.GetString("Parent")!;
        Assert.Equal($"\\\\HV01\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"{HyperVSchema.InstanceIdFor(first.Id)}\"", parentText);
        Assert.Equal(first.Id, HyperVMapper.ParentId(secondSettings));
        var vmSettings = Assert.Single(realized, r => r.GetString("InstanceID") == HyperVSchema.InstanceIdFor(vms[0].Id));
        Assert.Equal(second.Id, HyperVMapper.ParentId(vmSettings));
        Assert.Null(Assert.Single(realized, r => r.GetString("InstanceID") == HyperVSchema.InstanceIdFor(vms[1].Id))["Parent"]);
    }

    [Fact]
    public void Query_StorageSettingsOfLogicalDisks_CarryHostResourceArrays()
    {
        var (sim, server, vms) = HostWithTwoVms();
        var checkpoint = sim.Checkpoint(server.Host, vms[0]);

        var disks = server.Query(V2, HyperVInventoryReader.StorageQuery);

        // VM 0 runs on its .avhdx and its checkpoint keeps the .vhdx; VM 1 has two disks. DVD drives are not type 31.
        Assert.Equal(4, disks.Count);
        Assert.All(disks, d => Assert.IsAssignableFrom<IReadOnlyList<object?>>(d["HostResource"]));
        Assert.All(disks, d => Assert.Equal(HyperVSchema.HardDiskSubType, d.GetString("ResourceSubType")));
        var checkpointDisk = Assert.Single(disks, d => d.GetString("InstanceID")!.StartsWith(HyperVSchema.InstanceIdFor(checkpoint.Id) + "\\", StringComparison.Ordinal));
        Assert.Equal(checkpoint.Disks, checkpointDisk.GetStringArray("HostResource"));
        var running = Assert.Single(disks, d => d.GetString("InstanceID")!.StartsWith(HyperVSchema.InstanceIdFor(vms[0].Id) + "\\", StringComparison.Ordinal));
        Assert.EndsWith(".avhdx", running.GetStringArray("HostResource")[0], StringComparison.Ordinal);
        Assert.Equal(2, disks.Count(d => d.GetString("InstanceID")!.StartsWith(HyperVSchema.InstanceIdFor(vms[1].Id) + "\\", StringComparison.Ordinal)));
        Assert.Equal(6, server.Query(V2, "SELECT * FROM Msvm_StorageAllocationSettingData").Count);
    }

    [Fact]
    public void Query_DataFilesOfOneFolder_ReturnsLowerCaseNamesAndBackslashedPath()
    {
        var (_, server, vms) = HostWithTwoVms();
        server.Host.Storage.Add(new SimulatedFile(@"D:\Elsewhere\Other.vhdx", Gb, null, Start));

        var files = server.Query(CimNamespaces.Cimv2,
            @"SELECT * FROM CIM_DataFile WHERE Drive = 'D:' AND Path = '\\Hyper-V\\WEB01\\Virtual Hard Disks\\'");
        var scanned = server.Query(CimNamespaces.Cimv2, DiskPaths.FolderQuery(@"D:\Hyper-V\WEB01\Virtual Hard Disks"));

        var file = Assert.Single(files);
        Assert.Equal(file.GetString("Name"), Assert.Single(scanned).GetString("Name"));
        Assert.Equal(@"d:\hyper-v\web01\virtual hard disks\web01.vhdx", file.GetString("Name"));
        Assert.Equal(@"\hyper-v\web01\virtual hard disks\", file.GetString("Path"));
        Assert.Equal("d:", file.GetString("Drive"));
        Assert.Equal((ulong)(40 * Gb), file.GetUInt64("FileSize"));
        Assert.Equal(vms[0].Disks[0], file.GetString("Name"), ignoreCase: true);
    }

    [Fact]
    public void Query_UnknownClass_ThrowsNotFoundWithInvalidClassCode()
    {
        var (_, server, _) = HostWithTwoVms();

        var error = Assert.Throws<CimException>(() => server.Query(V2, "SELECT * FROM Msvm_NoSuchClass"));

        Assert.Equal(CimErrorKind.NotFound, error.Kind);
        Assert.Equal(0x80041010u, error.WmiErrorCode);
        Assert.Equal("HV01", error.Host);
    }

    [Fact]
    public void Query_ClusterNamespaceOnStandaloneHost_ThrowsInvalidNamespace()
    {
        var (_, server, _) = HostWithTwoVms();

        var error = Assert.Throws<CimException>(() => server.Query(CimNamespaces.Cluster, "SELECT * FROM MSCluster_Node"));

        Assert.Equal(CimErrorKind.NotFound, error.Kind);
        Assert.Equal(0x8004100Eu, error.WmiErrorCode);
    }

    [Fact]
    public void Query_ClusterNode_ReportsNodesAndVmResourcesOnce()
    {
        var sim = new SimulatorHarness();
        var cluster = sim.Fleet.AddCluster("PROD", ["PROD-HV01", "PROD-HV02"]);
        var vms = new[] { AddVm(cluster.Nodes[0], "PRD-SQL01"), AddVm(cluster.Nodes[0], "PRD-APP01"), AddVm(cluster.Nodes[1], "PRD-WEB01", VmState.Off) };
        var server = new SimulatedCimServer(cluster.Nodes[1]);

        var nodes = server.Query(CimNamespaces.Cluster, "SELECT Name, State FROM MSCluster_Node");
        var all = server.Query(CimNamespaces.Cluster, "SELECT * FROM MSCluster_Resource");
        var vmResources = server.Query(CimNamespaces.Cluster,
            "SELECT Name, OwnerNode, State, PrivateProperties FROM MSCluster_Resource WHERE Type = 'Virtual Machine'");

        Assert.Equal(["PROD-HV01", "PROD-HV02"], nodes.Select(n => n.GetString("Name")));
        Assert.All(nodes, n => Assert.Equal(0L, n.GetSignedState("State")));
        var configurations = all.Where(r => r.GetString("Type") == "Virtual Machine Configuration").ToList();
        Assert.Equal(3, configurations.Count);
        Assert.Equal(3, vmResources.Count);
        foreach (var vm in vms)
        {
            Assert.Single(vmResources, r => VmIdOf(r) == vm.Id);
            Assert.Single(configurations, r => VmIdOf(r) == vm.Id);
        }

        var owner = Assert.Single(vmResources, r => VmIdOf(r) == vms[2].Id);
        Assert.Equal("PROD-HV02", owner.GetString("OwnerNode"));
        Assert.Equal(["Name", "OwnerNode", "State", "PrivateProperties"], owner.Properties.Keys);
    }

    [Fact]
    public void Query_ClusterToNodeAssociators_ReturnsNodesOfThatClusterOnly()
    {
        var sim = new SimulatorHarness();
        var cluster = sim.Fleet.AddCluster("DEV", ["DEV-HV01", "DEV-HV02", "DEV-HV03"]);
        var server = new SimulatedCimServer(cluster.Nodes[0]);

        var nodes = server.Query(CimNamespaces.Cluster, "ASSOCIATORS OF {MSCluster_Cluster.Name='DEV'} WHERE AssocClass = MSCluster_ClusterToNode");
        var other = server.Query(CimNamespaces.Cluster, "ASSOCIATORS OF {MSCluster_Cluster.Name='PROD'} WHERE AssocClass = MSCluster_ClusterToNode");

        Assert.Equal(["DEV-HV01", "DEV-HV02", "DEV-HV03"], nodes.Select(n => n.GetString("Name")));
        Assert.All(nodes, n => Assert.Equal("MSCluster_Node", n.ClassName));
        Assert.Empty(other);
    }

    [Fact]
    public void Associators_VmSnapshotsAndCurrentSettings_FollowLibvirtQueries()
    {
        var (sim, server, vms) = HostWithTwoVms();
        var first = sim.Checkpoint(server.Host, vms[0]);
        var second = sim.Checkpoint(server.Host, vms[0]);
        var path = $"Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{SimulatedCim.FormatGuid(vms[0].Id)}'";

        var snapshots = server.Query(V2, $"ASSOCIATORS OF {{{path}}} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem ResultClass = Msvm_VirtualSystemSettingData");
        var current = server.Query(V2, $"ASSOCIATORS OF {{{path}}} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData");
        var children = server.Associators(SimulatedCim.SettingReference(first.Id), "Msvm_ParentChildSettingData", HyperVSchema.SettingData);

        Assert.Equal([HyperVSchema.InstanceIdFor(first.Id), HyperVSchema.InstanceIdFor(second.Id)], snapshots.Select(s => s.GetString("InstanceID")));
        Assert.Equal(HyperVSchema.SystemType.Realized, Assert.Single(current).GetString("VirtualSystemType"));
        Assert.Equal(HyperVSchema.InstanceIdFor(second.Id), Assert.Single(children).GetString("InstanceID"));
    }

    [Fact]
    public void Get_BySelectors_FindsInstanceWhateverTheGuidCase()
    {
        var (_, server, vms) = HostWithTwoVms();

        var upper = server.Get(SimulatedCim.ComputerSystemReference(vms[1].Id));
        var lower = server.Get(CimReference.Create(HyperVSchema.ComputerSystem, V2,
            ("CreationClassName", HyperVSchema.ComputerSystem), ("Name", vms[1].Id.ToString("D"))));
        var service = server.Get(SnapshotService(server.Host));

        Assert.Equal(vms[1].Name, upper.GetString("ElementName"));
        Assert.Equal(upper.GetString("Name"), lower.GetString("Name"));
        Assert.Equal("vssnapsvc", service.GetString("Name"));
        var missing = Assert.Throws<CimException>(() => server.Get(SimulatedCim.ComputerSystemReference(Guid.Empty)));
        Assert.Equal(CimErrorKind.NotFound, missing.Kind);
        Assert.Equal(SimulatedCimServer.NotFoundCode, missing.WmiErrorCode);
    }

    [Fact]
    public void Invoke_UnknownMethod_ThrowsNotSupported()
    {
        var (_, server, _) = HostWithTwoVms();

        var error = Assert.Throws<CimException>(() =>
            server.Invoke(SnapshotService(server.Host), "ConvertToReferencePointPlease", new Dictionary<string, object?>()));

        Assert.Equal(CimErrorKind.NotSupported, error.Kind);
        Assert.Equal(SimulatedCimServer.InvalidMethodCode, error.WmiErrorCode);
    }

    [Fact]
    public void Invoke_MissingReferenceArgument_ThrowsInvalidParameter()
    {
        var (_, server, _) = HostWithTwoVms();

        var error = Assert.Throws<CimException>(() =>
            server.Invoke(SnapshotService(server.Host), "CreateSnapshot", new Dictionary<string, object?> { ["SnapshotType"] = (ushort)2 }));

        Assert.Equal(CimErrorKind.InvalidParameter, error.Kind);
    }

    private static Guid? VmIdOf(CimInstance resource) =>
        resource.GetInstance("PrivateProperties")?.GetString("VmID") is { } text ? Guid.Parse(text) : null;

    /// <summary>HV01 with WEB01 (one 40 GB disk) and SQL01 (two disks), both running.</summary>
    private static (SimulatorHarness Sim, SimulatedCimServer Server, SimulatedVm[] Vms) HostWithTwoVms()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost("HV01");
        var web = AddVm(host, "WEB01");
        var sql = AddVm(host, "SQL01", VmState.Running, 3, "9.0", ReplicationMode.None, 60 * Gb, 300 * Gb);
        return (sim, server, [web, sql]);
    }
}
