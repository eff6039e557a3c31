using CheckpointDashboard.HostConnector.Cim;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cim;

public class CimReferenceTests
{
    private const string SettingGuid = "Microsoft:0EC082D5-6827-457A-BAE2-F986E1B94851";

    private static CimReference Parse(string path, string defaultNamespace = CimNamespaces.Virtualization)
    {
        Assert.True(CimReference.TryParseWmiPath(path, defaultNamespace, out var reference), $"'{path}' should parse");
        return reference!;
    }

    [Fact]
    public void TryParseWmiPath_HyperVParentPathWithServer_GivesNamespaceClassAndKey()
    {
        var reference = Parse($"\\\\HV01\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"{SettingGuid}\"", CimNamespaces.Cimv2);

        Assert.Equal(CimNamespaces.Virtualization, reference.Namespace);
        Assert.Equal("Msvm_VirtualSystemSettingData", reference.ClassName);
        var selector = Assert.Single(reference.Selectors);
        Assert.Equal("InstanceID", selector.Key);
        Assert.Equal(SettingGuid, selector.Value);
    }

    [Fact]
    public void TryParseWmiPath_ForwardSlashServerAndNamespace_AreAccepted()
    {
        var reference = Parse("//HV01/root/cimv2:Win32_X.Name=\"a\"");

        Assert.Equal(CimNamespaces.Cimv2, reference.Namespace);
        Assert.Equal("Win32_X", reference.ClassName);
        Assert.Equal("a", reference["Name"]);
    }

    [Fact]
    public void TryParseWmiPath_WithoutNamespace_UsesDefaultNamespace()
    {
        var reference = Parse("MSCluster_Node.Name='HV01'", CimNamespaces.Cluster);

        Assert.Equal(CimNamespaces.Cluster, reference.Namespace);
        Assert.Equal("HV01", reference["name"]);
    }

    [Fact]
    public void TryParseWmiPath_SingleQuotes_AreValueDelimiters()
    {
        var reference = Parse(@"Msvm_X.Name='it\'s',Other='say ""hi""'");

        Assert.Equal("it's", reference["Name"]);
        Assert.Equal("say \"hi\"", reference["Other"]);
    }

    [Fact]
    public void TryParseWmiPath_EscapedQuotesAndBackslashes_AreUnescaped()
    {
        var reference = Parse(@"Msvm_X.A=""say \""hi\"""",B=""C:\\VMs\\DC01""");

        Assert.Equal("say \"hi\"", reference["A"]);
        Assert.Equal(@"C:\VMs\DC01", reference["B"]);
    }

    [Fact]
    public void TryParseWmiPath_DoubledBackslashesInInstanceId_BecomeSingle()
    {
        var reference = Parse(@"\\HV01\root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""Microsoft:X\\83F8\\0\\0\\D""");

        Assert.Equal(@"Microsoft:X\83F8\0\0\D", reference["InstanceID"]);
    }

    [Fact]
    public void TryParseWmiPath_ColonsAndDotsInsideQuotedValue_DoNotSplitThePath()
    {
        var reference = Parse("Msvm_X.Name=\"a.b:c=d,e\"");

        Assert.Equal(CimNamespaces.Virtualization, reference.Namespace);
        Assert.Equal("a.b:c=d,e", reference["Name"]);
    }

    [Theory]
    [InlineData("Msvm_X.Id=42", "42")]
    [InlineData("Msvm_X.Id=0x10", "16")]
    [InlineData("Msvm_X.Id=0XFF", "255")]
    [InlineData("Msvm_X.Id=0xZZ", "0xZZ")]
    [InlineData("Msvm_X.Id = -7 ", "-7")]
    public void TryParseWmiPath_BareValues_AreTrimmedAndHexBecomesDecimal(string path, string expected)
    {
        Assert.Equal(expected, Parse(path)["Id"]);
    }

    [Fact]
    public void TryParseWmiPath_MultipleKeysWithSpaces_KeepsOrder()
    {
        var reference = Parse("root\\cimv2:Msvm_VirtualSystemSnapshotService.CreationClassName = \"Msvm_VirtualSystemSnapshotService\" , Name= \"vssnapsvc\",SystemName =\"HV01\"");

        Assert.Equal(["CreationClassName", "Name", "SystemName"], reference.Selectors.Select(s => s.Key));
        Assert.Equal(["Msvm_VirtualSystemSnapshotService", "vssnapsvc", "HV01"], reference.Selectors.Select(s => s.Value));
    }

    [Fact]
    public void TryParseWmiPath_Singleton_HasNoSelectors()
    {
        var reference = Parse(@"root\cimv2:Win32_WmiSetting=@");

        Assert.Equal("Win32_WmiSetting", reference.ClassName);
        Assert.Empty(reference.Selectors);
    }

    [Fact]
    public void TryParseWmiPath_ClassOnly_HasNoSelectors()
    {
        var reference = Parse("Msvm_ComputerSystem");

        Assert.Equal("Msvm_ComputerSystem", reference.ClassName);
        Assert.Empty(reference.Selectors);
    }

    [Theory]
    [InlineData("Msvm_X.A=\"1\",")] // trailing comma
    [InlineData("Msvm_X.")] // no key after the dot
    [InlineData("Msvm_X.A=\"unterminated")]
    [InlineData("Msvm_X.A='unterminated\\'")] // the only closing quote is escaped
    [InlineData("Msvm_X.A=")] // no value
    [InlineData("Msvm_X.A")] // no '='
    [InlineData("Msvm_X.=\"1\"")] // no key name
    [InlineData("Msvm_X.A=\"1\" B=\"2\"")] // missing comma
    [InlineData("Msvm_X.A=\"1\"x")] // text after a quoted value
    [InlineData("root\\virt ual:Msvm_X.A=\"1\"")] // garbage namespace
    [InlineData("ro$ot:Msvm_X.A=\"1\"")]
    [InlineData(":Msvm_X.A=\"1\"")] // empty namespace
    [InlineData("\\\\HV01")] // server only
    [InlineData("Msvm X.A=\"1\"")] // space inside the class name
    [InlineData(".A=\"1\"")] // no class
    [InlineData("Msvm_X=@x")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParseWmiPath_Malformed_IsRejected(string? path)
    {
        Assert.False(CimReference.TryParseWmiPath(path, CimNamespaces.Virtualization, out var reference));
        Assert.Null(reference);
    }

    [Fact]
    public void ToWmiPath_EscapesQuotesAndBackslashes()
    {
        var reference = CimReference.Create("Msvm_X", CimNamespaces.Virtualization, ("A", "C:\\VMs"), ("B", "say \"hi\""));

        Assert.Equal(@"root\virtualization\v2:Msvm_X.A=""C:\\VMs"",B=""say \""hi\""""", reference.ToWmiPath());
    }

    [Fact]
    public void ToWmiPath_ThenTryParseWmiPath_RoundTrips()
    {
        var original = CimReference.Create(
            "Msvm_ResourceAllocationSettingData",
            CimNamespaces.Virtualization,
            ("InstanceID", @"Microsoft:0EC082D5\83F8638B\0\0\D"),
            ("Odd", "quote \" comma , dot . colon : equals = at @ apostrophe '"),
            ("Empty", string.Empty));

        var parsed = Parse(original.ToWmiPath(), CimNamespaces.Cimv2);

        Assert.Equal(original, parsed);
        Assert.Equal(original.Selectors, parsed.Selectors);
        Assert.Equal(original.Namespace, parsed.Namespace);
    }

    [Fact]
    public void ToWmiPath_WithoutSelectors_RoundTrips()
    {
        var original = new CimReference("Win32_WmiSetting", CimNamespaces.Cimv2, []);

        Assert.Equal(original, Parse(original.ToWmiPath()));
    }

    [Fact]
    public void Equals_DiffersOnlyInCaseOfClassKeyNamesAndValues_IsEqualWithSameHash()
    {
        var a = CimReference.Create("Msvm_VirtualSystemSettingData", CimNamespaces.Virtualization, ("InstanceID", SettingGuid), ("Other", "Value"));
        var b = CimReference.Create("MSVM_VIRTUALSYSTEMSETTINGDATA", "ROOT/Virtualization/V2", ("instanceid", SettingGuid.ToLowerInvariant()), ("OTHER", "vALUE"));

        Assert.True(a.Equals(b));
        Assert.True(b.Equals(a));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_KeysInAnotherOrder_IsEqualWithSameHash()
    {
        var a = CimReference.Create("C", CimNamespaces.Cimv2, ("A", "1"), ("B", "2"));
        var b = CimReference.Create("C", CimNamespaces.Cimv2, ("B", "2"), ("A", "1"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("Other_Class", CimNamespaces.Virtualization, "InstanceID", "Microsoft:1")]
    [InlineData("Msvm_X", CimNamespaces.Cimv2, "InstanceID", "Microsoft:1")]
    [InlineData("Msvm_X", CimNamespaces.Virtualization, "Name", "Microsoft:1")]
    [InlineData("Msvm_X", CimNamespaces.Virtualization, "InstanceID", "Microsoft:2")]
    public void Equals_DifferentClassNamespaceKeyOrValue_IsNotEqual(string className, string ns, string key, string value)
    {
        var a = CimReference.Create("Msvm_X", CimNamespaces.Virtualization, ("InstanceID", "Microsoft:1"));
        var b = CimReference.Create(className, ns, (key, value));

        Assert.False(a.Equals(b));
        Assert.False(b.Equals(a));
    }

    [Fact]
    public void Equals_DifferentKeyCount_IsNotEqual()
    {
        var a = CimReference.Create("C", CimNamespaces.Cimv2, ("A", "1"));
        var b = CimReference.Create("C", CimNamespaces.Cimv2, ("A", "1"), ("B", "2"));

        Assert.NotEqual(a, b);
        Assert.NotEqual(b, a);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Indexer_UnknownKey_IsNull()
    {
        var reference = CimReference.Create("C", CimNamespaces.Cimv2, ("A", "1"));

        Assert.Null(reference["B"]);
        Assert.Equal("1", reference["a"]);
    }

    [Fact]
    public void HashSet_FindsReferenceSpelledDifferently()
    {
        var set = new HashSet<CimReference> { CimReference.Create("Msvm_X", CimNamespaces.Virtualization, ("InstanceID", SettingGuid)) };

        Assert.Contains(Parse($"\\\\hv01\\ROOT\\virtualization\\v2:msvm_x.instanceid='{SettingGuid.ToUpperInvariant()}'"), set);
    }
}
