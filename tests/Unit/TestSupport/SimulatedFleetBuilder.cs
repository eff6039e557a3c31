using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>Builds small, hand-made simulated fleets for tests.</summary>
internal static class SimulatedFleetBuilder
{
    /// <summary>Adds <paramref name="count"/> running VMs, each with one base disk in its own folder.</summary>
    public static List<SimulatedVm> AddVms(SimulatedHost host, int count, string prefix, string root = @"D:\Hyper-V")
    {
        var vms = new List<SimulatedVm>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}{i:000}";
            var folder = $@"{root}\{name}";
            var disk = $@"{folder}\Virtual Hard Disks\{name}.vhdx";
            host.Storage.Add(new SimulatedFile(disk, 10L * 1024 * 1024 * 1024, null, host.Fleet.Time.GetUtcNow()));
            var vm = new SimulatedVm
            {
                Id = host.Fleet.NewGuid(),
                Name = name,
                State = VmState.Running,
                ConfigurationRoot = folder,
                SnapshotRoot = folder,
                Created = host.Fleet.Time.GetUtcNow().AddDays(-100),
                Disks = [disk],
            };
            host.AddVm(vm);
            vms.Add(vm);
        }

        return vms;
    }
}
