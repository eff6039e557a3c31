using System.Collections.Immutable;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

/// <summary>A new read keeps the previous read's objects for what did not change, and only for that.</summary>
public sealed class InventorySharingTests
{
    private static readonly VirtualMachine s_app = Chain("APP01", 3) with { Disks = [Disk(@"C:\VMs\APP01\APP01_3.avhdx", GiB)] };
    private static readonly VirtualMachine s_db = Chain("DB01", 2);

    [Fact]
    public void KeepUnchanged_SameContentReadAgain_GivesThePreviousInstances()
    {
        var now = InventorySharing.KeepUnchanged([s_app, s_db], [Reread(s_app), Reread(s_db)]);

        Assert.Same(s_app, now[0]);
        Assert.Same(s_db, now[1]);
    }

    [Fact]
    public void KeepUnchanged_CheckpointRenamed_NewVmWithTheNewName_AndTheOtherCheckpointsShared()
    {
        var reread = Reread(s_app);
        var renamed = reread with { Checkpoints = reread.Checkpoints.SetItem(1, reread.Checkpoints[1] with { Name = "before patch" }) };

        var now = InventorySharing.KeepUnchanged([s_app], [renamed])[0];

        Assert.NotSame(s_app, now);
        Assert.Equal("before patch", now.Checkpoints[1].Name);
        Assert.Same(s_app.Checkpoints[0], now.Checkpoints[0]);
        Assert.Same(s_app.Checkpoints[2], now.Checkpoints[2]);
        Assert.True(now.Disks == s_app.Disks, "the running disks did not change and are shared");
        Assert.Equal(renamed, now with { Checkpoints = renamed.Checkpoints, Disks = renamed.Disks });
    }

    [Fact]
    public void KeepUnchanged_DiskGrew_NewDisksAndNewVm_CheckpointsShared()
    {
        var reread = Reread(s_app);
        var grown = reread with { Disks = [Disk(@"C:\VMs\APP01\APP01_3.avhdx", 2 * GiB)] };

        var now = InventorySharing.KeepUnchanged([s_app], [grown])[0];

        Assert.NotSame(s_app, now);
        Assert.Equal(2 * GiB, now.Disks[0].SizeBytes);
        Assert.True(now.Checkpoints == s_app.Checkpoints, "the checkpoints did not change and are shared");
    }

    [Fact]
    public void KeepUnchanged_PowerStateChanged_NewVmWithTheNewState()
    {
        var now = InventorySharing.KeepUnchanged([s_app], [Reread(s_app) with { State = VmState.Off }])[0];

        Assert.NotSame(s_app, now);
        Assert.Equal(VmState.Off, now.State);
        Assert.True(now.Checkpoints == s_app.Checkpoints);
    }

    [Fact]
    public void KeepUnchanged_CheckpointAddedAndRemoved_OnlyTheSurvivorsShared()
    {
        var reread = Reread(s_app);
        var added = reread.Checkpoints[0] with { Id = G(999_999), Name = "new" };
        var changed = reread with { Checkpoints = [reread.Checkpoints[2], added, reread.Checkpoints[0]] };

        var now = InventorySharing.KeepUnchanged([s_app], [changed])[0];

        Assert.Equal([s_app.Checkpoints[2].Id, G(999_999), s_app.Checkpoints[0].Id], now.Checkpoints.Select(c => c.Id));
        Assert.Same(s_app.Checkpoints[2], now.Checkpoints[0]);
        Assert.Same(added, now.Checkpoints[1]);
        Assert.Same(s_app.Checkpoints[0], now.Checkpoints[2]);
    }

    [Fact]
    public void KeepUnchanged_NewVmAndGoneVm_TheNewOneAsReadAndTheGoneOneNotBack()
    {
        var fresh = Chain("WEB01", 1);

        var now = InventorySharing.KeepUnchanged([s_app, s_db], [Reread(s_db), fresh]);

        Assert.Equal([s_db, fresh], now);
        Assert.Same(s_db, now[0]);
        Assert.Same(fresh, now[1]);
    }

    [Fact]
    public void KeepUnchanged_NoPreviousRead_GivesTheReadItself()
    {
        ImmutableArray<VirtualMachine> read = [s_app];

        Assert.True(InventorySharing.KeepUnchanged([], read) == read);
        Assert.True(InventorySharing.KeepUnchanged(default, read) == read);
    }

    [Fact]
    public void SharePaths_APathAKeptDiskHolds_BecomesThatDisksString()
    {
        var checkpointDisk = s_app.Checkpoints[0].Disks[0].Path;
        var runningDisk = s_app.Disks[0].Path;
        const string iso = @"C:\VMs\ISO\tools.iso";

        var shared = InventorySharing.SharePaths(
            [new string(checkpointDisk.AsSpan()), new string(runningDisk.AsSpan()), iso], [s_app, s_db]);

        Assert.Same(checkpointDisk, shared[0]);
        Assert.Same(runningDisk, shared[1]);
        Assert.Same(iso, shared[2]);
    }

    /// <summary>The same VM as a new read maps it: equal content, every object and string new.</summary>
    private static VirtualMachine Reread(VirtualMachine vm) => vm with
    {
        Name = new string(vm.Name.AsSpan()),
        Disks = [.. vm.Disks.Select(Copy)],
        Checkpoints = [.. vm.Checkpoints.Select(c => c with
        {
            Name = new string(c.Name.AsSpan()),
            Disks = [.. c.Disks.Select(Copy)],
            HeldDisks = [.. c.HeldDisks.Select(Copy)],
        })],
        Stats = vm.Stats with { },
    };

    private static DiskFile Copy(DiskFile disk) => new(new string(disk.Path.AsSpan()), disk.SizeBytes);
}
