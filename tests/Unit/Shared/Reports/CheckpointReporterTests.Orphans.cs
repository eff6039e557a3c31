using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    private static FolderListing Listing(string host, string folder, params FileEntry[] files) => new(host, folder, [.. files]);

    private static FileEntry File(string path, long size = GiB, DateTimeOffset? modified = null) => new(path, size, modified ?? Now.AddDays(-3));

    [Fact]
    public void Build_UnreferencedDifferencingDisk_IsAnOrphan()
    {
        var vm = Chain("APP01", 1);
        var listing = Listing("HV01", @"C:\VMs\APP01",
            File(@"C:\VMs\APP01\APP01.vhdx"),
            File(@"C:\VMs\APP01\APP01_now.avhdx"),
            File(@"C:\VMs\APP01\APP01_LOST.avhdx", 3 * GiB),
            File(@"C:\VMs\APP01\APP01_spare.vhdx"));

        var report = Report([vm], Only(ReportRuleIds.OrphanDisk), folders: [listing]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(@"C:\VMs\APP01\APP01_LOST.avhdx", finding.FilePath);
        Assert.Equal(("HV01", (string?)null, @"C:\", 3.0 * GiB), (finding.Host, finding.Cluster, finding.Storage, finding.Value));
        Assert.Null(finding.VmId);
        Assert.Equal((1, 3 * GiB), (report.Fleet.OrphanFiles, report.Fleet.OrphanBytes));
        Assert.Equal((1, 3 * GiB), (report.ByHost.Single().OrphanFiles, report.ByStorage.Single().OrphanBytes));
        Assert.True(report.FoldersListed);
    }

    [Theory]
    [InlineData(@"c:\vms\app01\APP01_NOW.AVHDX")]
    [InlineData(@"C:/VMs/APP01/APP01_now.avhdx")]
    [InlineData(@"C:\\VMs\APP01\\\APP01_now.avhdx")]
    [InlineData(@"C:\VMs/APP01//app01_now.avhdx")]
    public void Build_ReferencedDiskSpelledDifferently_IsNotAnOrphan(string listed)
    {
        var report = Report([Chain("APP01", 1)], Only(ReportRuleIds.OrphanDisk), folders: [Listing("HV01", @"C:\VMs\APP01", File(listed))]);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Build_DiskHeldByACheckpointOfAnotherHostsVm_IsNotAnOrphan()
    {
        var report = Report([Chain("APP01", 2, host: "HV02")], Only(ReportRuleIds.OrphanDisk),
            folders: [Listing("HV01", @"C:\VMs\APP01", File(@"C:\VMs\APP01\APP01_2.avhdx"))]);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Build_BareFileNameInListing_IsResolvedInItsFolder()
    {
        var report = Report([Chain("APP01", 1)], Only(ReportRuleIds.OrphanDisk),
            folders: [Listing("HV01", @"C:\VMs\APP01\", File("APP01_now.avhdx"), File("stray.AVHD"))]);

        Assert.Equal(@"C:\VMs\APP01\stray.AVHD", Assert.Single(report.Findings).FilePath);
    }

    [Fact]
    public void Build_RecentlyModifiedUnreferencedDisk_IsWithinTheGrace()
    {
        var listing = Listing("HV01", @"C:\VMs", File(@"C:\VMs\new.avhdx", modified: Now.AddMinutes(-59)), File(@"C:\VMs\old.avhdx", modified: Now.AddMinutes(-60)));

        var report = Report([Chain("APP01", 1)], Only(ReportRuleIds.OrphanDisk), folders: [listing]);

        Assert.Equal(@"C:\VMs\old.avhdx", Assert.Single(report.Findings).FilePath);
    }

    [Fact]
    public void Build_CsvListedByTwoNodes_ReportsTheOrphanOnce()
    {
        var vm = Chain("APP01", 1, host: "N1", cluster: "PROD", folder: @"C:\ClusterStorage\Volume1");
        var lost = @"C:\ClusterStorage\Volume1\APP01\lost.avhdx";

        var report = Report([vm], Only(ReportRuleIds.OrphanDisk), hosts: [Host("N1", "PROD"), Host("N2", "PROD")], folders:
        [
            Listing("N2", @"c:\clusterstorage\volume1\app01", File(lost.ToUpperInvariant())),
            Listing("N1", @"C:\ClusterStorage\Volume1\APP01", File(lost)),
        ]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("PROD", @"C:\ClusterStorage\Volume1"), (finding.Cluster, finding.Storage));
        Assert.Equal(1, report.ByCluster.Single().OrphanFiles);
    }

    [Fact]
    public void Build_NoListings_SaysSoAndFindsNoOrphans()
    {
        var report = Report([Chain("APP01", 1)], Only(ReportRuleIds.OrphanDisk));

        Assert.False(report.FoldersListed);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Build_OrphansOnExcludedHost_AreNotReported()
    {
        var rules = Only(ReportRuleIds.OrphanDisk) with { Exclude = new ReportExclusion { Hosts = ["hv01"] } };

        var report = Report([Chain("APP01", 1)], rules, folders: [Listing("HV01", @"C:\VMs", File(@"C:\VMs\lost.avhdx"))]);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Build_VmRunningOnDifferencingDiskWithoutCheckpoints_IsUnregistered()
    {
        var broken = Vm("APP01", disks: [Disk(@"C:\VMs\APP01\APP01_8F2A.avhdx", 5 * GiB)]);
        var healthy = Chain("APP02", 2);

        var report = Report([broken, healthy], Only(ReportRuleIds.UnregisteredDifferencing));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("APP01", @"C:\VMs\APP01\APP01_8F2A.avhdx", 5.0 * GiB), (finding.VmName, finding.FilePath, finding.Value));
    }

    [Fact]
    public void Build_VmRunningOnDiskNoCheckpointAccountsFor_IsUnregisteredEvenWithCheckpoints()
    {
        // The running disk should derive from checkpoint 1, whose held disks are its children's; this one is not among them.
        var vm = Vm("APP01", [Cp(1, null, Days(1), disks: Disk(@"C:\VMs\APP01.vhdx"))], current: null,
            disks: [Disk(@"C:\VMs\APP01_stray.avhdx")]);

        Assert.Single(Report([vm], Only(ReportRuleIds.UnregisteredDifferencing)).Findings);
    }
}
