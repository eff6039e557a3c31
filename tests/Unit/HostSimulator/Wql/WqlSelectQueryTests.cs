using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Wql;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.Wql.WqlTestData;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

public class WqlSelectQueryTests
{
    private const string DataFileQuery =
        @"SELECT Name, FileSize, LastModified FROM CIM_DataFile WHERE Drive = 'C:' AND Path = '\\VMs\\DC01\\' AND (Extension = 'vhdx' OR Extension = 'avhdx')";

    [Fact]
    public void Matches_VirtualMachineCaption_SelectsVmsNotTheHost()
    {
        var query = Select("SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");

        Assert.True(query.Matches(Instance("Msvm_ComputerSystem", ("Caption", "Virtual Machine"), ("Name", VmGuid))));
        Assert.False(query.Matches(Instance("Msvm_ComputerSystem", ("Caption", "Hosting Computer System"), ("Name", "HV01"))));
    }

    [Fact]
    public void Matches_NoWhereClause_SelectsEverything()
    {
        Assert.True(Select("SELECT * FROM Msvm_VirtualSystemSettingData").Matches(Instance("Msvm_VirtualSystemSettingData")));
    }

    [Theory]
    [InlineData("31", true)]
    [InlineData((ushort)31, true)]
    [InlineData("17", false)]
    [InlineData((ushort)17, false)]
    public void Matches_StorageResourceType_ComparesTextAndUInt16Numerically(object resourceType, bool expected)
    {
        var query = Select("SELECT InstanceID, HostResource, ResourceSubType FROM Msvm_StorageAllocationSettingData WHERE ResourceType = 31");

        Assert.Equal(expected, query.Matches(Instance("Msvm_StorageAllocationSettingData", ("ResourceType", resourceType))));
    }

    [Theory]
    [InlineData("c:", @"\VMs\DC01\", "vhdx", true)]
    [InlineData("C:", @"\vms\dc01\", "AVHDX", true)]
    [InlineData("C:", @"\VMs\DC01\", "iso", false)]
    [InlineData("D:", @"\VMs\DC01\", "vhdx", false)]
    [InlineData("C:", @"\VMs\DC02\", "vhdx", false)]
    [InlineData("C:", @"\\VMs\\DC01\\", "vhdx", false)]
    [InlineData("C:", @"\VMs\DC01\Sub\", "vhdx", false)]
    public void Matches_DataFileQuery_MatchesDrivePathAndExtensionCaseInsensitively(string drive, string path, string extension, bool expected)
    {
        var file = Instance("CIM_DataFile", ("Name", $@"{drive}{path}disk.{extension}"), ("Drive", drive), ("Path", path), ("Extension", extension));

        Assert.Equal(expected, Select(DataFileQuery).Matches(file));
    }

    [Fact]
    public void Matches_ClusterResourceType_SelectsVirtualMachines()
    {
        var query = Select("SELECT Name, OwnerNode, State, PrivateProperties FROM MSCluster_Resource WHERE Type = 'Virtual Machine'");

        Assert.Equal(["Name", "OwnerNode", "State", "PrivateProperties"], query.Properties);
        Assert.True(query.Matches(Instance("MSCluster_Resource", ("Type", "virtual machine"))));
        Assert.False(query.Matches(Instance("MSCluster_Resource", ("Type", "Virtual Machine Configuration"))));
    }

    [Fact]
    public void Matches_ClusterResourceByVmId_ReadsEmbeddedPrivateProperties()
    {
        var query = Select($"SELECT * FROM MSCluster_Resource WHERE PrivateProperties.VmID='{VmGuid}' AND Type='Virtual Machine'");

        CimInstance Resource(string type, string vmId) => Instance("MSCluster_Resource",
            ("Name", "Virtual Machine DC01"), ("Type", type), ("PrivateProperties", Instance("MSCluster_Property", ("VmID", vmId))));

        Assert.True(query.Matches(Resource("Virtual Machine", VmGuid.ToLowerInvariant())));
        Assert.False(query.Matches(Resource("Virtual Machine Configuration", VmGuid)));
        Assert.False(query.Matches(Resource("Virtual Machine", "00000000-0000-0000-0000-000000000000")));
        Assert.False(query.Matches(Instance("MSCluster_Resource", ("Type", "Virtual Machine"), ("PrivateProperties", null))));
        Assert.False(query.Matches(Instance("MSCluster_Resource", ("Type", "Virtual Machine"), ("PrivateProperties", VmGuid))));
    }

    [Fact]
    public void Matches_ConcreteJobByInstanceId_SelectsThatJob()
    {
        var query = Select("SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '2A4B6C8D-1111-2222-3333-444455556666'");

        Assert.True(query.Matches(Instance("Msvm_ConcreteJob", ("InstanceID", "2a4b6c8d-1111-2222-3333-444455556666"), ("JobState", (ushort)7))));
        Assert.False(query.Matches(Instance("Msvm_ConcreteJob", ("InstanceID", "2A4B6C8D-1111-2222-3333-444455556667"))));
    }

    [Fact]
    public void Project_PropertyList_KeepsSelectedAndKeyPropertiesAndPath()
    {
        var path = CimReference.Create("CIM_DataFile", CimNamespaces.Cimv2, ("Name", @"c:\vms\dc01\disk.vhdx"));
        var file = new CimInstance("CIM_DataFile", CimNamespaces.Cimv2,
        [
            KeyValuePair.Create<string, object?>("Name", @"c:\vms\dc01\disk.vhdx"),
            KeyValuePair.Create<string, object?>("FileSize", 42UL),
            KeyValuePair.Create<string, object?>("LastModified", null),
            KeyValuePair.Create<string, object?>("Drive", "c:"),
            KeyValuePair.Create<string, object?>("Extension", "vhdx"),
        ], ["Name"], path);

        var projected = Select(DataFileQuery).Project(file);

        Assert.Equal(["FileSize", "LastModified", "Name"], projected.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(42UL, projected["FileSize"]);
        Assert.True(projected.HasProperty("LastModified"));
        Assert.Same(path, projected.Path);
        Assert.Equal(["Name"], projected.KeyNames);
        Assert.Equal("CIM_DataFile", projected.ClassName);
        Assert.Equal(CimNamespaces.Cimv2, projected.Namespace);
    }

    [Fact]
    public void Project_KeysNotSelected_AreStillReturned()
    {
        var vm = new CimInstance("Msvm_ComputerSystem", CimNamespaces.Virtualization,
        [
            KeyValuePair.Create<string, object?>("CreationClassName", "Msvm_ComputerSystem"),
            KeyValuePair.Create<string, object?>("Name", VmGuid),
            KeyValuePair.Create<string, object?>("ElementName", "DC01"),
            KeyValuePair.Create<string, object?>("EnabledState", (ushort)2),
        ], ["CreationClassName", "Name"]);

        var projected = Select("SELECT elementname FROM Msvm_ComputerSystem").Project(vm);

        Assert.Equal(["CreationClassName", "ElementName", "Name"], projected.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("DC01", projected["ElementName"]);
        Assert.False(projected.HasProperty("EnabledState"));
    }

    [Fact]
    public void Project_KeysKnownOnlyFromPath_AreStillReturned()
    {
        var path = CimReference.Create("MSCluster_Resource", CimNamespaces.Cluster, ("Name", "Virtual Machine DC01"));
        var resource = new CimInstance("MSCluster_Resource", CimNamespaces.Cluster,
        [
            KeyValuePair.Create<string, object?>("Name", "Virtual Machine DC01"),
            KeyValuePair.Create<string, object?>("OwnerNode", "HV01"),
            KeyValuePair.Create<string, object?>("State", 2),
        ], path: path);

        var projected = WqlSelectQuery.Project(resource, ["OwnerNode"]);

        Assert.Equal(["Name", "OwnerNode"], projected.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Project_MissingAndSystemProperties_AreLeftOut()
    {
        var instance = Instance("C", ("A", 1), ("B", 2));

        var projected = WqlSelectQuery.Project(instance, ["a", "Missing", "__PATH", "A"]);

        Assert.Equal(["A"], projected.Keys);
        Assert.Equal(1, projected["a"]);
    }

    [Fact]
    public void Project_SelectStar_ReturnsAllProperties()
    {
        var instance = Instance("C", ("A", 1), ("B", null));

        Assert.Same(instance, Select("SELECT * FROM C").Project(instance));
        Assert.Equal(["A", "B"], WqlSelectQuery.Project(instance, null).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Equals_ParsedTwice_AreEqualWithEqualHashes()
    {
        var a = Select(DataFileQuery);
        var b = Select(DataFileQuery);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Select(DataFileQuery.Replace("LastModified", "CreationDate", StringComparison.Ordinal)));
        Assert.NotEqual(Select("SELECT * FROM C"), Select("SELECT A FROM C"));
    }
}
