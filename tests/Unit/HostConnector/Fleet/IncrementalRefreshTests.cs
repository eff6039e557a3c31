using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

/// <summary>
/// Incremental reads: a host whose VMs report no configuration change since its last full read answers one query
/// (its VMs) instead of three, and its data is kept; any change, a new VM, an operator's refresh or an old baseline
/// means a full read.
/// </summary>
public sealed class IncrementalRefreshTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Refresh_NothingChanged_OneRequestAndTheSameVms()
    {
        var (harness, host, _) = await StartAsync();
        await using (harness)
        {
            var before = harness.Inventory.Current;
            var requests = host.Requests;

            await RefreshAsync(harness, full: false);

            var after = harness.Inventory.Current;
            Assert.Equal(1, host.Requests - requests);
            Assert.Equal(1, after.FindHost("HV-A")!.Requests);
            Assert.All(after.Vms, vm => Assert.Same(before.FindVm(vm.Id), vm));
        }
    }

    [Fact]
    public async Task Refresh_PowerStateChangedOnly_OneRequestAndTheNewState()
    {
        var (harness, host, vms) = await StartAsync();
        await using (harness)
        {
            var requests = host.Requests;
            var other = harness.Inventory.Current.FindVm(vms[1].Id)!.State;
            host.Locked(() => vms[0].State = VmState.Running);

            await RefreshAsync(harness, full: false);

            Assert.Equal(1, host.Requests - requests);
            Assert.Equal(VmState.Running, harness.Inventory.Current.FindVm(vms[0].Id)!.State);
            Assert.Equal(other, harness.Inventory.Current.FindVm(vms[1].Id)!.State);
        }
    }

    [Fact]
    public async Task Refresh_CheckpointAddedOnOneVm_FullReadShowsIt()
    {
        var (harness, host, vms) = await StartAsync();
        await using (harness)
        {
            var requests = host.Requests;
            var before = harness.Inventory.Current;
            host.Locked(() =>
            {
                vms[2].Checkpoints.Add(new SimulatedCheckpoint { Id = Guid.NewGuid(), Name = "before patch", Created = _time.GetUtcNow(), Disks = [.. vms[2].Disks] });
                return 0;
            });

            await RefreshAsync(harness, full: false);

            Assert.Equal(3, host.Requests - requests);
            Assert.Equal("before patch", Assert.Single(harness.Inventory.Current.FindVm(vms[2].Id)!.Checkpoints).Name);
            Assert.NotSame(before.FindVm(vms[2].Id), harness.Inventory.Current.FindVm(vms[2].Id));
            // The host was read in full; its VMs that did not change are the objects the inventory already held.
            Assert.Same(before.FindVm(vms[0].Id), harness.Inventory.Current.FindVm(vms[0].Id));
            Assert.Same(before.FindVm(vms[1].Id), harness.Inventory.Current.FindVm(vms[1].Id));
        }
    }

    [Fact]
    public async Task Refresh_SettingChanged_FullReadShowsIt()
    {
        var (harness, host, vms) = await StartAsync();
        await using (harness)
        {
            host.Locked(() => vms[1].UserSnapshotType = 5);

            await RefreshAsync(harness, full: false);

            Assert.Equal(CheckpointType.Standard, harness.Inventory.Current.FindVm(vms[1].Id)!.CheckpointType);
        }
    }

    [Fact]
    public async Task Refresh_VmAdded_FullReadShowsIt()
    {
        var (harness, host, _) = await StartAsync();
        await using (harness)
        {
            var requests = host.Requests;
            SimulatedFleetBuilder.AddVms(host, 1, "NEW-");

            await RefreshAsync(harness, full: false);

            Assert.Equal(3, host.Requests - requests);
            Assert.Equal(5, harness.Inventory.Current.Vms.Length);
        }
    }

    [Fact]
    public async Task Refresh_AskedByAnOperator_AlwaysFull()
    {
        var (harness, host, _) = await StartAsync();
        await using (harness)
        {
            var requests = host.Requests;

            var before = harness.Inventory.Current;

            await RefreshAsync(harness, full: true);

            Assert.Equal(3, host.Requests - requests);
            // Read in full and found unchanged: the inventory keeps its objects instead of a second copy of each.
            Assert.All(harness.Inventory.Current.Vms, vm => Assert.Same(before.FindVm(vm.Id), vm));
        }
    }

    [Fact]
    public async Task Refresh_BaselineOlderThanFullReadInterval_FullRead()
    {
        var (harness, host, _) = await StartAsync();
        await using (harness)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            var requests = host.Requests;

            await RefreshAsync(harness, full: false);
            Assert.Equal(3, host.Requests - requests);

            await RefreshAsync(harness, full: false);
            Assert.Equal(4, host.Requests - requests);
        }
    }

    [Fact]
    public async Task Refresh_FullReadIntervalZero_NeverIncremental()
    {
        var (harness, host, _) = await StartAsync(fullReadInterval: TimeSpan.Zero);
        await using (harness)
        {
            var requests = host.Requests;

            await RefreshAsync(harness, full: false);

            Assert.Equal(3, host.Requests - requests);
        }
    }

    private async Task<(InventoryHarness Harness, SimulatedHost Host, IReadOnlyList<SimulatedVm> Vms)> StartAsync(TimeSpan? fullReadInterval = null)
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        var vms = SimulatedFleetBuilder.AddVms(host, 4, "VM");
        var options = InventoryHarness.FastOptions();
        options.FullReadInterval = fullReadInterval ?? TimeSpan.FromMinutes(5);
        options.RefreshInterval = TimeSpan.FromHours(1); // only the test's refreshes, even when it moves the clock
        var harness = InventoryHarness.Start(fleet, options);
        await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Online);
        return (harness, host, vms);
    }

    private static Task RefreshAsync(InventoryHarness harness, bool full) =>
        harness.Inventory.RefreshAsync("HV-A", full, TestContext.Current.CancellationToken)
            .WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
}

/// <summary>The publish window grows with what a snapshot costs to build, so a large fleet's refresh is not spent rebuilding snapshots.</summary>
public sealed class PublishCoalescingTests
{
    [Theory]
    [InlineData(100, 2, 100)]
    [InlineData(100, 30, 300)]
    [InlineData(100, 400, 1000)]
    [InlineData(1500, 400, 1500)]
    public void CoalescingWindow_TenTimesTheLastBuild_WithinConfiguredAndOneSecond(int configuredMs, int lastBuildMs, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            FleetInventory.CoalescingWindow(TimeSpan.FromMilliseconds(configuredMs), TimeSpan.FromMilliseconds(lastBuildMs)));
}
