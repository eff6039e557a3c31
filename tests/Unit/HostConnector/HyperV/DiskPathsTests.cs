using CheckpointDashboard.HostConnector.HyperV;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

public class DiskPathsTests
{
    [Theory]
    [InlineData(@"C:\VMs\DC01\DC01.vhdx", @"C:\VMs\DC01\DC01.vhdx")]
    [InlineData("C:/VMs/DC01/DC01.vhdx", @"C:\VMs\DC01\DC01.vhdx")]
    [InlineData(@"C:\VMs/DC01\\DC01.vhdx", @"C:\VMs\DC01\DC01.vhdx")]
    [InlineData(@"C:\VMs\DC01\", @"C:\VMs\DC01")]
    [InlineData(@"C:\VMs\DC01\\\", @"C:\VMs\DC01")]
    [InlineData(@"  C:\VMs\DC01  ", @"C:\VMs\DC01")]
    [InlineData(@"\\nas01\vms\DC01\", @"\\nas01\vms\DC01")]
    [InlineData("//nas01/vms//DC01/DC01.vhdx", @"\\nas01\vms\DC01\DC01.vhdx")]
    [InlineData(@"\\\nas01\vms", @"\\nas01\vms")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData("C:", @"C:\")]
    [InlineData("C:/", @"C:\")]
    [InlineData("", "")]
    public void Normalize_MixedSeparatorsTrailingSlashUncAndRoot_GivesCanonicalPath(string path, string expected)
    {
        Assert.Equal(expected, DiskPaths.Normalize(path));
    }

    [Fact]
    public void Normalize_IsIdempotent()
    {
        foreach (var path in new[] { "C:/VMs//DC01/", @"\\nas01\vms\", "D:", @"E:\a\b.avhdx" })
        {
            var once = DiskPaths.Normalize(path);
            Assert.Equal(once, DiskPaths.Normalize(once));
        }
    }

    [Fact]
    public void Normalize_AgreesWithTheRuleOnRandomPaths_AndReturnsANormalisedPathItself()
    {
        // The rule, spelled the slow way: trim, one kind of separator, runs of separators collapsed (a UNC prefix keeps
        // its two), no trailing separator, and a bare drive gets its root back.
        static string Rule(string path)
        {
            var text = path.Trim().Replace('/', '\\');
            var unc = text.StartsWith(@"\\", StringComparison.Ordinal);
            var body = System.Text.RegularExpressions.Regex.Replace(unc ? text[2..] : text, @"\\+", @"\");
            if (unc)
            {
                body = body.TrimStart('\\');
            }

            var result = (unc ? @"\\" : string.Empty) + body.TrimEnd('\\');
            return result.Length == 2 && result[1] == ':' ? result + @"\" : result;
        }

#pragma warning disable CA5394 // Reproducible test input, not security.
        var random = new Random(8);
        const string alphabet = @"C:\/ a";
        for (var i = 0; i < 20_000; i++)
        {
            var path = new string([.. Enumerable.Range(0, random.Next(9)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = Rule(path);
            var normalized = DiskPaths.Normalize(path);
            Assert.True(expected == normalized, $"'{path}' became '{normalized}', expected '{expected}'");
            if (expected == path)
            {
                Assert.True(ReferenceEquals(path, normalized), $"'{path}' is normalised already but was copied");
            }
        }
#pragma warning restore CA5394
    }

    [Theory]
    [InlineData(@"C:\VMs\DC01\DC01.vhdx", @"C:\VMs\DC01")]
    [InlineData(@"\\nas01\vms\DC01.vhdx", @"\\nas01\vms")]
    [InlineData("DC01.vhdx", "")]
    [InlineData(@"\DC01.vhdx", "")]
    public void FolderOf_NormalizedPath_IsEverythingBeforeTheLastSeparator(string path, string expected)
    {
        Assert.Equal(expected, DiskPaths.FolderOf(path));
    }

    [Fact]
    public void FolderOf_FileAtDriveRoot_IsTheNormalizedRoot()
    {
        // The root folder must look the same whether it comes from a file's path or from Normalize, or a
        // scan recorded under one spelling is never found under the other.
        var folder = DiskPaths.FolderOf(DiskPaths.Normalize(@"D:\DC01.vhdx"));

        Assert.Equal(DiskPaths.Normalize("D:"), folder);
        Assert.Equal(@"D:\", folder);
    }

    [Theory]
    [InlineData(@"C:\VMs", true)]
    [InlineData(@"d:\VMs\DC01", true)]
    [InlineData(@"C:\", true)]
    [InlineData("C:", true)]
    [InlineData(@"\\nas01\vms", false)]
    [InlineData(@"\VMs", false)]
    [InlineData("VMs", false)]
    [InlineData(@"1:\VMs", false)]
    [InlineData("", false)]
    public void IsScannable_OnlyLocalDriveFolders(string folder, bool expected)
    {
        Assert.Equal(expected, DiskPaths.IsScannable(folder));
    }

    [Theory]
    [InlineData(@"C:\a.vhdx", true)]
    [InlineData(@"C:\a.AVHDX", true)]
    [InlineData(@"C:\a.vhd", true)]
    [InlineData(@"C:\a.avhd", true)]
    [InlineData(@"C:\a.iso", false)]
    [InlineData(@"C:\a.vhdx.tmp", false)]
    [InlineData(@"C:\avhdx", false)]
    public void IsDiskFile_ByExtension(string path, bool expected)
    {
        Assert.Equal(expected, DiskPaths.IsDiskFile(path));
    }

    [Fact]
    public void FolderQuery_Folder_PinsDriveAndPathWithDoubledBackslashes()
    {
        var query = DiskPaths.FolderQuery(@"C:\VMs\DC01\Virtual Hard Disks");

        Assert.Equal(
            @"SELECT Name, FileSize, LastModified FROM CIM_DataFile WHERE Drive = 'C:' AND Path = '\\VMs\\DC01\\Virtual Hard Disks\\' AND (Extension = 'vhdx' OR Extension = 'avhdx' OR Extension = 'vhd' OR Extension = 'avhd')",
            query);
    }

    [Fact]
    public void FolderQuery_QuoteInFolderName_IsEscaped()
    {
        var query = DiskPaths.FolderQuery(@"E:\Bob's VMs");

        Assert.Contains(@"Drive = 'E:' AND Path = '\\Bob\'s VMs\\'", query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"C:\", @"Path = '\\'")]
    [InlineData("C:", @"Path = '\\'")]
    [InlineData(@"C:\VMs\", @"Path = '\\VMs\\'")]
    public void FolderQuery_RootAndTrailingSeparator_GiveOneTrailingBackslash(string folder, string expected)
    {
        Assert.Contains(expected, DiskPaths.FolderQuery(folder), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"\\nas01\vms")]
    [InlineData(@"\VMs")]
    [InlineData("")]
    public void FolderQuery_NotALocalFolder_Throws(string folder)
    {
        Assert.Throws<ArgumentException>(() => DiskPaths.FolderQuery(folder));
    }

    [Theory]
    [InlineData(@"C:\VMs", @"C:\\VMs")]
    [InlineData("it's", @"it\'s")]
    [InlineData("plain", "plain")]
    public void Escape_BackslashesAndQuotes_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, DiskPaths.Escape(value));
    }
}
