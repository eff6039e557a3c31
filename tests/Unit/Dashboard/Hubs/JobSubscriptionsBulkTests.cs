using CheckpointDashboard.Dashboard.Hubs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

/// <summary>Bulk subscriptions in the shared registry: unions, and no crossing with job subscriptions.</summary>
public sealed class JobSubscriptionsBulkTests
{
    private readonly JobSubscriptions _subscriptions = new();
    private readonly Guid _bulk = Guid.NewGuid();

    [Fact]
    public void ConnectionsForBulk_AConnectionMatchingBothWays_IsListedOnce()
    {
        _subscriptions.Add("c1", JobGroups.AllBulk);
        _subscriptions.Add("c1", JobGroups.Bulk(_bulk));
        _subscriptions.Add("c2", JobGroups.Bulk(_bulk));
        _subscriptions.Add("c3", JobGroups.Bulk(Guid.NewGuid()));

        Assert.Equal(["c1", "c2"], _subscriptions.ConnectionsForBulk(_bulk).Order());
    }

    [Fact]
    public void JobAndBulkSubscriptions_DoNotCross()
    {
        var job = FakeJobService.Job(Guid.NewGuid(), id: _bulk);
        _subscriptions.Add("jobs", JobGroups.All);
        _subscriptions.Add("job", JobGroups.Job(_bulk));
        _subscriptions.Add("bulk", JobGroups.AllBulk);
        _subscriptions.Add("one-bulk", JobGroups.Bulk(_bulk));

        Assert.Equal(["bulk", "one-bulk"], _subscriptions.ConnectionsForBulk(_bulk).Order());
        Assert.Equal(["job", "jobs"], _subscriptions.ConnectionsFor(job).Order());
    }

    [Fact]
    public void RemoveConnection_ForgetsItsBulkSubscriptions()
    {
        _subscriptions.Add("c1", JobGroups.AllBulk);
        _subscriptions.Add("c1", JobGroups.Bulk(_bulk));
        _subscriptions.Add("c2", JobGroups.Bulk(_bulk));

        _subscriptions.RemoveConnection("c1");

        Assert.Equal(["c2"], _subscriptions.ConnectionsForBulk(_bulk));
    }
}
