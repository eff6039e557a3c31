using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>VMs are the same VM when their GUIDs are equal, whatever else changed between snapshots.</summary>
public sealed class VmIdComparer : IEqualityComparer<VirtualMachine>
{
    public static VmIdComparer Instance { get; } = new();

    public bool Equals(VirtualMachine? x, VirtualMachine? y) => x?.Id == y?.Id;

    public int GetHashCode(VirtualMachine obj) => obj?.Id.GetHashCode() ?? 0;
}
