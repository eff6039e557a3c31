using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>A bulk change's own page: what was read, then every VM's result live, cancel, and retry of the failures.</summary>
public sealed class BulkRunViewTests : DashboardTestContext
{
    private readonly BulkJobInfo _bulk = FakeBulkService.Bulk(total: 2) with { Pending = 2 };
    private readonly BulkItem _sql;
    private readonly BulkItem _web;

    public BulkRunViewTests()
        : base(Fleets.Snapshot([Fleets.Vm("PRD-SQL01")]))
    {
        _sql = FakeBulkService.Item(_bulk.Id, BulkItemStatus.Pending, "PRD-SQL01");
        _web = FakeBulkService.Item(_bulk.Id, BulkItemStatus.Pending, "PRD-WEB01");
        Bulks.Bulks.Add(_bulk);
        Bulks.Items[_bulk.Id] = [_sql, _web];
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task LiveEvents_UpdateEachVmAndTheSummary_ThenRetryFailedOpensTheRetry()
    {
        var cut = Render<BulkPage>(p => p.Add(c => c.Id, _bulk.Id));
        cut.WaitForAssertion(() => Assert.Equal("0 of 2 done: 0 changed.", cut.Find("[data-testid=bulk-summary]").Text()), TestTimeouts.Short);
        await Bulks.Watching.WaitAsync(TestTimeouts.Short, Xunit.TestContext.Current.CancellationToken);

        Bulks.Publish(new BulkEvent.ItemChanged(_bulk with { Pending = 1, Succeeded = 1 }, _sql with { Status = BulkItemStatus.Succeeded, Detail = "Changed: checkpointType Production." }));
        Bulks.Publish(new BulkEvent.ItemChanged(_bulk with { Pending = 0, Succeeded = 1, Failed = 1 }, _web with { Status = BulkItemStatus.Failed, Detail = "Access denied." }));
        Bulks.Publish(new BulkEvent.Finished(_bulk with { State = BulkState.CompletedWithFailures, Pending = 0, Succeeded = 1, Failed = 1 }));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2 of 2 done: 1 changed, 1 failed.", cut.Find("[data-testid=bulk-summary]").Text());
            Assert.Equal("Completed with failures", cut.Find("[data-testid=bulk-state]").Text());
            var rows = cut.FindAll("[data-testid=bulk-items] tbody tr.mud-table-row").Select(r => r.Text()).ToList();
            Assert.Contains(rows, r => r.Contains("PRD-WEB01", StringComparison.Ordinal) && r.Contains("Failed Access denied.", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Contains("PRD-SQL01", StringComparison.Ordinal) && r.Contains("Succeeded", StringComparison.Ordinal));
        }, TestTimeouts.Short);
        Assert.Empty(cut.Buttons("Cancel remaining"));

        cut.Button("Retry 1 failed").Click();

        // The click is queued behind the live events' renders when the renderer is busy, so wait for its effect.
        cut.WaitForAssertion(() =>
        {
            Assert.Equal((_bulk.Id, "local"), Assert.Single(Bulks.Retries));
            var retry = Bulks.Bulks.Single(b => b.RetryOf == _bulk.Id);
            Assert.EndsWith($"/bulk/{retry.Id}", Navigation.Uri, StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public async Task AStaleRunningEvent_NeverUndoesASettledResult()
    {
        var cut = Render<BulkPage>(p => p.Add(c => c.Id, _bulk.Id));
        await Bulks.Watching.WaitAsync(TestTimeouts.Short, Xunit.TestContext.Current.CancellationToken);
        Bulks.Publish(new BulkEvent.ItemChanged(_bulk with { Pending = 1, Succeeded = 1 }, _sql with { Status = BulkItemStatus.Succeeded }));
        Bulks.Publish(new BulkEvent.ItemChanged(_bulk with { Pending = 1, Running = 1 }, _sql with { Status = BulkItemStatus.Running }));
        Bulks.Publish(new BulkEvent.ItemChanged(_bulk with { Pending = 0, Running = 1, Succeeded = 1 }, _web with { Status = BulkItemStatus.Running }));

        cut.WaitForAssertion(() =>
        {
            var statuses = cut.FindAll("[data-testid=item-status]").Select(s => s.Text()).ToList();
            Assert.Equal(["Running", "Succeeded"], statuses);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void Cancel_WhileRunning_IsSentAsTheUser()
    {
        var cut = Render<BulkPage>(p => p.Add(c => c.Id, _bulk.Id));
        cut.WaitForAssertion(() => cut.Button("Cancel remaining"), TestTimeouts.Short);

        cut.Button("Cancel remaining").Click();

        cut.WaitForAssertion(() => Assert.Equal((_bulk.Id, "local"), Assert.Single(Bulks.Cancellations)), TestTimeouts.Short);
        cut.WaitForAssertion(() => Assert.Equal("Cancelled", cut.Find("[data-testid=bulk-state]").Text()), TestTimeouts.Short);
    }

    [Fact]
    public void UnknownBulk_SaysSo()
    {
        var id = Guid.NewGuid();

        var cut = Render<BulkPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => Assert.Contains($"No bulk change with id {id} is known", cut.Find("[data-testid=bulk-error]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
    }
}
