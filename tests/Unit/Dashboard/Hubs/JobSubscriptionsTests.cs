using CheckpointDashboard.Dashboard.Hubs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

public sealed class JobSubscriptionsTests
{
    private readonly JobSubscriptions _subscriptions = new();
    private readonly Guid _vm = Guid.NewGuid();

    [Fact]
    public void ConnectionsFor_AConnectionMatchingSeveralWays_IsListedOnce()
    {
        var job = FakeJobService.Job(_vm);
        _subscriptions.Add("c1", JobGroups.All);
        _subscriptions.Add("c1", JobGroups.Vm(_vm));
        _subscriptions.Add("c1", JobGroups.Job(job.Id));
        _subscriptions.Add("c2", JobGroups.Job(job.Id));
        _subscriptions.Add("c3", JobGroups.Vm(Guid.NewGuid()));
        _subscriptions.Add("c4", JobGroups.Job(Guid.NewGuid()));

        Assert.Equal(["c1", "c2"], _subscriptions.ConnectionsFor(job).Order());
    }

    [Fact]
    public void Remove_OneSubscription_KeepsTheOthers()
    {
        var job = FakeJobService.Job(_vm);
        _subscriptions.Add("c1", JobGroups.All);
        _subscriptions.Add("c1", JobGroups.Vm(_vm));

        _subscriptions.Remove("c1", JobGroups.Vm(_vm));

        Assert.Equal(["c1"], _subscriptions.ConnectionsFor(job));
        Assert.Empty(_subscriptions.ConnectionsFor(FakeJobService.Job(_vm)).Except(["c1"]));
        _subscriptions.Remove("c1", JobGroups.All);
        Assert.Empty(_subscriptions.ConnectionsFor(job));
    }

    [Fact]
    public void RemoveConnection_ForgetsEverySubscriptionOfIt()
    {
        var job = FakeJobService.Job(_vm);
        _subscriptions.Add("gone", JobGroups.All);
        _subscriptions.Add("gone", JobGroups.Job(job.Id));
        _subscriptions.Add("stays", JobGroups.Vm(_vm));

        _subscriptions.RemoveConnection("gone");

        Assert.Equal(["stays"], _subscriptions.ConnectionsFor(job));
    }
}
