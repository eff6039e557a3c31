using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class BulkProgressViewTests
{
    private readonly BulkJobInfo _bulk = FakeBulkService.Bulk(total: 2);

    [Fact]
    public void Apply_EventOfAnotherBulk_IsIgnored()
    {
        var view = new BulkProgressView(_bulk.Id);
        var other = FakeBulkService.Bulk();

        Assert.False(view.Apply(new BulkEvent.ItemChanged(other, FakeBulkService.Item(other.Id, BulkItemStatus.Running))));
        Assert.Null(view.Bulk);
        Assert.Empty(view.Items);
    }

    [Fact]
    public void Load_AfterNewerEvents_DoesNotUndoSettledItemsOrAFinalSummary()
    {
        var view = new BulkProgressView(_bulk.Id);
        var item = FakeBulkService.Item(_bulk.Id, BulkItemStatus.Running);
        var final = _bulk with { State = BulkState.Completed, Pending = 0, Succeeded = 2 };
        view.Apply(new BulkEvent.ItemChanged(final, item with { Status = BulkItemStatus.Succeeded }));

        var changed = view.Load(_bulk, [item]);

        Assert.False(changed);
        Assert.Equal(BulkState.Completed, view.Bulk!.State);
        Assert.Equal(BulkItemStatus.Succeeded, Assert.Single(view.Items).Status);
    }

    [Fact]
    public void Apply_UnknownOutcomeSettlesLater()
    {
        var view = new BulkProgressView(_bulk.Id);
        var item = FakeBulkService.Item(_bulk.Id, BulkItemStatus.OutcomeUnknown);
        view.Load(_bulk, [item]);

        Assert.True(view.Apply(new BulkEvent.ItemChanged(_bulk, item with { Status = BulkItemStatus.Succeeded })));

        Assert.Equal(1, view.Count(BulkItemStatus.Succeeded));
        Assert.Equal(0, view.Count(BulkItemStatus.OutcomeUnknown));
    }

    [Fact]
    public void Items_RunningThenFailuresThenTheRest_ByName()
    {
        var view = new BulkProgressView(_bulk.Id);
        view.Load(_bulk,
        [
            FakeBulkService.Item(_bulk.Id, BulkItemStatus.Succeeded, "A"),
            FakeBulkService.Item(_bulk.Id, BulkItemStatus.Failed, "C"),
            FakeBulkService.Item(_bulk.Id, BulkItemStatus.Running, "D"),
            FakeBulkService.Item(_bulk.Id, BulkItemStatus.Failed, "B"),
        ]);

        Assert.Equal(["D", "B", "C", "A"], view.Items.Select(i => i.VmName));
    }
}
