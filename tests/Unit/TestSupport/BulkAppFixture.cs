using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// One <see cref="BulkDashboardFactory"/> app on a loopback port, shared by the tests of a class (each test resets the
/// fakes), with the fleet read once so that compliance tests evaluate a real inventory.
/// </summary>
public sealed class BulkAppFixture : IAsyncLifetime
{
    internal BulkDashboardFactory App { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public FleetSnapshot FirstRead { get; private set; } = null!;

    internal FakeBulkService Bulk => App.Bulk;

    internal FakePolicyStore Policies => App.Policies;

    public async ValueTask InitializeAsync()
    {
        BaseAddress = App.StartOnLoopback();
        FirstRead = await App.WaitForFirstReadAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Clears what the fakes recorded and hold, so that each test sees only its own calls.</summary>
    public void Reset()
    {
        Bulk.Reset();
        Policies.Reset();
    }
}
