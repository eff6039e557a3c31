using System.Collections.Frozen;
using CheckpointDashboard.HostConnector.HyperV;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

public class DiskSizeCacheTests
{
    private static readonly DateTimeOffset s_now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_maxAge = TimeSpan.FromMinutes(10);

    private const string Dc01 = @"C:\VMs\DC01\Virtual Hard Disks";
    private const string Fs01 = @"D:\VMs\FS01";
    private const string Sql01 = @"E:\SQL01";

    /// <summary>A scan as the inventory reader records it: normalised folder, files keyed case-insensitively.</summary>
    private static FolderScan Scan(string folder, DateTimeOffset at, params (string Name, long Size)[] files) => new(
        DiskPaths.Normalize(folder),
        at,
        files.ToFrozenDictionary(
            f => DiskPaths.Normalize($@"{folder}\{f.Name}"),
            f => new ScannedFile(DiskPaths.Normalize($@"{folder}\{f.Name}"), f.Size, at),
            StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void SizeOf_ScannedFile_IgnoresCaseAndSeparators()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now, ("DC01.vhdx", 40_000), ("DC01_A.avhdx", 1_500)));

        Assert.Equal(40_000, cache.SizeOf(@"C:\VMs\DC01\Virtual Hard Disks\DC01.vhdx"));
        Assert.Equal(1_500, cache.SizeOf(@"c:\vms\dc01\VIRTUAL HARD DISKS\dc01_a.AVHDX"));
        Assert.Equal(1_500, cache.SizeOf("C:/VMs/DC01//Virtual Hard Disks/DC01_A.avhdx"));
    }

    [Fact]
    public void SizeOf_NotScannedOrNotFound_IsNull()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now, ("DC01.vhdx", 40_000)));

        Assert.Null(cache.SizeOf($@"{Dc01}\DC01_B.avhdx"));
        Assert.Null(cache.SizeOf($@"{Fs01}\FS01.vhdx"));
    }

    [Fact]
    public void SizeOf_FileAtDriveRoot_IsFoundAfterScanningTheRoot()
    {
        var cache = new DiskSizeCache();
        var folder = Assert.Single(cache.FoldersToScan([@"D:\DC01.vhdx"], s_now, s_maxAge, 16));
        cache.Record(Scan(folder, s_now, ("DC01.vhdx", 7_000)));

        Assert.Equal(7_000, cache.SizeOf(@"D:\DC01.vhdx"));
        Assert.Empty(cache.FoldersToScan([@"D:\DC01.vhdx"], s_now, s_maxAge, 16));
    }

    [Fact]
    public void Record_SameFolderAgain_ReplacesTheEarlierScan()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now.AddMinutes(-5), ("DC01.vhdx", 1)));
        cache.Record(Scan(Dc01.ToUpperInvariant(), s_now, ("DC01.vhdx", 2)));

        Assert.Equal(2, cache.SizeOf($@"{Dc01}\DC01.vhdx"));
        Assert.Single(cache.Folders);
    }

    [Fact]
    public void FoldersToScan_NeverScanned_AreListedOncePerFolder()
    {
        var cache = new DiskSizeCache();

        var folders = cache.FoldersToScan([$@"{Dc01}\DC01.vhdx", $@"{Dc01}\DC01_A.avhdx", $@"{Fs01}\FS01.vhdx", $@"{Dc01.ToLowerInvariant()}\x.avhdx"], s_now, s_maxAge, 16);

        Assert.Equal([Dc01, Fs01], folders);
    }

    [Fact]
    public void FoldersToScan_NetworkSharesAndBareNames_AreSkipped()
    {
        var cache = new DiskSizeCache();

        var folders = cache.FoldersToScan([@"\\nas01\vms\DC01.vhdx", "//nas01/vms/FS01.vhdx", "DC01.vhdx", $@"{Fs01}\FS01.vhdx"], s_now, s_maxAge, 16);

        Assert.Equal([Fs01], folders);
    }

    [Fact]
    public void FoldersToScan_FreshScanWithEveryReferencedFile_IsNotDue()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now.AddMinutes(-9), ("DC01.vhdx", 1), ("DC01_A.avhdx", 2)));

        Assert.Empty(cache.FoldersToScan([$@"{Dc01}\DC01.vhdx", $@"{Dc01}\dc01_a.avhdx"], s_now, s_maxAge, 16));
    }

    [Fact]
    public void FoldersToScan_ReferencedFileMissingFromFreshScan_IsDue()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now.AddMinutes(-1), ("DC01.vhdx", 1)));

        var folders = cache.FoldersToScan([$@"{Dc01}\DC01.vhdx", $@"{Dc01}\DC01_NEW.avhdx"], s_now, s_maxAge, 16);

        Assert.Equal([Dc01], folders);
    }

    [Fact]
    public void FoldersToScan_ScanOlderThanMaxAge_IsDue()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now - s_maxAge, ("DC01.vhdx", 1)));
        cache.Record(Scan(Fs01, s_now - s_maxAge + TimeSpan.FromSeconds(1), ("FS01.vhdx", 1)));

        var folders = cache.FoldersToScan([$@"{Dc01}\DC01.vhdx", $@"{Fs01}\FS01.vhdx"], s_now, s_maxAge, 16);

        Assert.Equal([Dc01], folders);
    }

    [Fact]
    public void FoldersToScan_NeverScannedFirstThenStalestFirst()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now.AddHours(-1), ("DC01.vhdx", 1)));
        cache.Record(Scan(Fs01, s_now.AddHours(-3), ("FS01.vhdx", 1)));

        var folders = cache.FoldersToScan([$@"{Dc01}\DC01.vhdx", $@"{Fs01}\FS01.vhdx", $@"{Sql01}\SQL01.vhdx"], s_now, s_maxAge, 16);

        Assert.Equal([Sql01, Fs01, Dc01], folders);
    }

    [Fact]
    public void FoldersToScan_Limit_KeepsTheMostDue()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now.AddHours(-1), ("DC01.vhdx", 1)));
        cache.Record(Scan(Fs01, s_now.AddHours(-3), ("FS01.vhdx", 1)));
        string[] referenced = [$@"{Dc01}\DC01.vhdx", $@"{Fs01}\FS01.vhdx", $@"{Sql01}\SQL01.vhdx"];

        Assert.Equal([Sql01, Fs01], cache.FoldersToScan(referenced, s_now, s_maxAge, 2));
        Assert.Empty(cache.FoldersToScan(referenced, s_now, s_maxAge, 0));
    }

    [Fact]
    public void FoldersToScan_DisabledPolicy_ScansNothing()
    {
        var cache = new DiskSizeCache();

        var folders = cache.FoldersToScan([$@"{Dc01}\DC01.vhdx"], s_now, DiskScanPolicy.Disabled.MaxAge, DiskScanPolicy.Disabled.MaxFoldersPerRefresh);

        Assert.Empty(folders);
    }

    [Fact]
    public void FoldersToScan_FolderTheHostRefused_IsNotAskedAgainUntilItsScanIsOld()
    {
        var cache = new DiskSizeCache();
        cache.Record(Scan(Dc01, s_now) with { Error = "Access denied" });
        string[] referenced = [$@"{Dc01}\DC01.vhdx"];

        Assert.Empty(cache.FoldersToScan(referenced, s_now.AddMinutes(5), s_maxAge, 16));
        Assert.Equal([DiskPaths.Normalize(Dc01)], cache.FoldersToScan(referenced, s_now.Add(s_maxAge), s_maxAge, 16));
    }
}
