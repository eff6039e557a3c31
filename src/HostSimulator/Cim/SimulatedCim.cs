using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;

namespace CheckpointDashboard.HostSimulator.Cim;

/// <summary>References to simulated instances, built the way Hyper-V keys them.</summary>
public static class SimulatedCim
{
    public static CimReference ComputerSystemReference(Guid vmId) =>
        CimReference.Create(HyperVSchema.ComputerSystem, CimNamespaces.Virtualization,
            ("CreationClassName", HyperVSchema.ComputerSystem), ("Name", FormatGuid(vmId)));

    public static CimReference SettingReference(Guid settingId) =>
        CimReference.Create(HyperVSchema.SettingData, CimNamespaces.Virtualization, ("InstanceID", HyperVSchema.InstanceIdFor(settingId)));

    public static CimReference JobReference(string instanceId) =>
        CimReference.Create(HyperVSchema.ConcreteJob, CimNamespaces.Virtualization, ("InstanceID", instanceId));

    /// <summary>Hyper-V writes GUIDs upper-case in <c>Name</c> and <c>InstanceID</c>.</summary>
    public static string FormatGuid(Guid id) => id.ToString("D").ToUpperInvariant();
}
