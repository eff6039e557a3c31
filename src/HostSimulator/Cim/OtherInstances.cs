using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Cim;

/// <summary>
/// Instances outside the Hyper-V namespace: <c>root\cimv2</c> <c>CIM_DataFile</c> for disk files, and
/// <c>root\MSCluster</c> for cluster nodes (<c>shared/reference/cluster-and-disks-wmi.md</c>).
/// </summary>
internal static class OtherInstances
{
    private static readonly string[] s_nameKey = ["Name"];

    /// <summary>A file as <c>CIM_DataFile</c> describes it: Drive "c:", Path with leading and trailing backslashes.</summary>
    public static CimInstance DataFile(SimulatedFile file)
    {
        var path = file.Path;
        var drive = path.Length >= 2 && path[1] == ':' ? path[..2].ToLowerInvariant() : string.Empty;
        var slash = path.LastIndexOf('\\');
        var folder = slash < 0 ? "\\" : path[drive.Length..(slash + 1)];
        var name = slash < 0 ? path : path[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        return new CimInstance("CIM_DataFile", CimNamespaces.Cimv2,
        [
            KeyValuePair.Create<string, object?>("Name", path.ToLowerInvariant()),
            KeyValuePair.Create<string, object?>("Drive", drive),
            KeyValuePair.Create<string, object?>("Path", folder.ToLowerInvariant()),
            KeyValuePair.Create<string, object?>("FileName", (dot < 0 ? name : name[..dot]).ToLowerInvariant()),
            KeyValuePair.Create<string, object?>("Extension", dot < 0 ? string.Empty : name[(dot + 1)..].ToLowerInvariant()),
            KeyValuePair.Create<string, object?>("FileSize", (ulong)file.SizeBytes),
            KeyValuePair.Create<string, object?>("LastModified", file.Modified),
            KeyValuePair.Create<string, object?>("CreationClassName", "CIM_LogicalFile"),
        ], s_nameKey);
    }

    public static CimInstance Cluster(SimulatedCluster cluster) => New("MSCluster_Cluster",
        ("Name", cluster.Name),
        ("Fqdn", $"{cluster.Name}.sim.local"));

    public static CimInstance Node(SimulatedCluster cluster, SimulatedHost node) => New("MSCluster_Node",
        ("Name", node.Name),
        ("State", (uint)(int)cluster.StateOf(node.Name)),
        ("NodeDrainStatus", 0u),
        ("Id", (SimulatedFleet.StableHash(node.Name) & 0xFF).ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The cluster resources: per VM a <c>Virtual Machine</c> and a <c>Virtual Machine Configuration</c> resource (both
    /// with the VM's GUID in <c>PrivateProperties.VmID</c>, as real clusters have), plus a few non-VM resources.
    /// </summary>
    public static IEnumerable<CimInstance> Resources(SimulatedCluster cluster)
    {
        var nodes = cluster.Nodes;
        yield return New("MSCluster_Resource", ("Name", "Cluster IP Address"), ("Type", "IP Address"), ("State", 2u),
            ("OwnerNode", nodes[0].Name), ("OwnerGroup", "Cluster Group"), ("PrivateProperties", null));
        yield return New("MSCluster_Resource", ("Name", "Cluster Disk 1"), ("Type", "Physical Disk"), ("State", 2u),
            ("OwnerNode", nodes[0].Name), ("OwnerGroup", "Available Storage"), ("PrivateProperties", null));
        foreach (var (vm, owner) in cluster.Vms())
        {
            var online = vm.State is not VmState.Off;
            var privateProperties = new CimInstance("MSCluster_Property", CimNamespaces.Cluster,
                [KeyValuePair.Create<string, object?>("VmID", vm.Id.ToString("D"))]);
            yield return New("MSCluster_Resource", ("Name", $"Virtual Machine {vm.Name}"), ("Type", "Virtual Machine"),
                ("State", online ? 2u : 3u), ("OwnerNode", owner.Name), ("OwnerGroup", vm.Name), ("PrivateProperties", privateProperties));
            yield return New("MSCluster_Resource", ("Name", $"Virtual Machine Configuration {vm.Name}"), ("Type", "Virtual Machine Configuration"),
                ("State", 2u), ("OwnerNode", owner.Name), ("OwnerGroup", vm.Name), ("PrivateProperties", privateProperties));
        }
    }

    public static IEnumerable<CimInstance> ResourceGroups(SimulatedCluster cluster)
    {
        yield return New("MSCluster_ResourceGroup", ("Name", "Cluster Group"), ("GroupType", 1u), ("State", 0u), ("OwnerNode", cluster.Nodes[0].Name));
        foreach (var (vm, owner) in cluster.Vms())
        {
            yield return New("MSCluster_ResourceGroup", ("Name", vm.Name), ("GroupType", 111u),
                ("State", vm.State is VmState.Off ? 1u : 0u), ("OwnerNode", owner.Name));
        }
    }

    private static CimInstance New(string className, params (string Name, object? Value)[] properties) =>
        new(className, CimNamespaces.Cluster, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)), s_nameKey);
}
