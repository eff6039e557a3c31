using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// One <see cref="JobsDashboardFactory"/> app on a loopback port, shared by the tests of a class (each test resets the
/// fakes), with the fleet read once so that tests can use real VM and checkpoint ids.
/// </summary>
public sealed class JobsAppFixture : IAsyncLifetime
{
    internal JobsDashboardFactory App { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public FleetSnapshot FirstRead { get; private set; } = null!;

    internal FakeJobService Jobs => App.Jobs;

    internal FakeAuditLog Audit => App.Audit;

    public async ValueTask InitializeAsync()
    {
        BaseAddress = App.StartOnLoopback();
        FirstRead = await App.WaitForFirstReadAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Clears what the fakes recorded, so that each test sees only its own calls.</summary>
    public void Reset()
    {
        Jobs.Reset();
        Audit.Reset();
    }

    /// <summary>A VM of the current inventory that has checkpoints, with one of them.</summary>
    public (VirtualMachine Vm, Checkpoint Checkpoint) AnyCheckpoint()
    {
        var vm = App.Inventory.Current.Vms.First(v => v.Checkpoints.Length > 0);
        return (vm, vm.Checkpoints[^1]);
    }
}
