using CheckpointDashboard.HostSimulator.Wql;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.Wql.WqlTestData;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

public class WqlLikeExpressionTests
{
    private static bool Like(string pattern, string text) => new WqlLikeExpression(new WqlPropertyPath("P"), pattern).IsMatch(text);

    [Theory]
    [InlineData("Microsoft:Hyper-V:Snapshot:%", "Microsoft:Hyper-V:Snapshot:Realized", true)]
    [InlineData("Microsoft:Hyper-V:Snapshot:%", "microsoft:hyper-v:snapshot:recovery", true)]
    [InlineData("Microsoft:Hyper-V:Snapshot:%", "Microsoft:Hyper-V:Snapshot:", true)]
    [InlineData("Microsoft:Hyper-V:Snapshot:%", "Microsoft:Hyper-V:System:Realized", false)]
    [InlineData("Microsoft:Hyper-V:Snapshot:%", "x Microsoft:Hyper-V:Snapshot:Realized", false)]
    public void IsMatch_SnapshotTypePattern_MatchesPrefixCaseInsensitively(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("%", "", true)]
    [InlineData("%", "anything at all", true)]
    [InlineData("%%", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc", "xabc", false)]
    [InlineData("%Win%", "Win32_Process", true)]
    [InlineData("%Win%", "Darwin", true)]
    [InlineData("%Win%", "Linux", false)]
    [InlineData("a%b%c", "aXXbYYc", true)]
    [InlineData("a%b%c", "aXXcYYb", false)]
    [InlineData("%a%a%a%a%b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void IsMatch_Percent_MatchesAnyRunIncludingEmpty(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("DC0_", "DC01", true)]
    [InlineData("DC0_", "DC0", false)]
    [InlineData("DC0_", "DC012", false)]
    [InlineData("_", "", false)]
    [InlineData("__", "ab", true)]
    [InlineData("%_", "", false)]
    [InlineData("%_", "x", true)]
    public void IsMatch_Underscore_MatchesExactlyOneCharacter(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("[abc]", "b", true)]
    [InlineData("[abc]", "B", true)]
    [InlineData("[abc]", "d", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "Cx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[A-C]", "b", true)]
    [InlineData("[0-9][0-9]", "42", true)]
    [InlineData("[0-9][0-9]", "4a", false)]
    [InlineData("[a-cx-z]", "y", true)]
    [InlineData("[a-cx-z]", "m", false)]
    [InlineData("[-a]", "-", true)]
    [InlineData("[a-]", "-", true)]
    public void IsMatch_Set_MatchesOneCharacterOfSetOrRange(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("[^x]", "y", true)]
    [InlineData("[^x]", "x", false)]
    [InlineData("[^x]", "X", false)]
    [InlineData("[^a-f]%", "g1", true)]
    [InlineData("[^a-f]%", "E1", false)]
    [InlineData("[^x]", "", false)]
    public void IsMatch_NegatedSet_MatchesOneCharacterOutsideIt(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("%[_][_]%", "__CLASS", true)]
    [InlineData("%[_][_]%", "Msvm_X", false)]
    [InlineData("100[%]", "100%", true)]
    [InlineData("100[%]", "1000", false)]
    [InlineData("[[]x]", "[x]", true)]
    [InlineData("[]]", "]", true)]
    [InlineData("a]b", "a]b", true)]
    [InlineData("[^]]", "x", true)]
    [InlineData("[^]]", "]", false)]
    public void IsMatch_LiteralBracketsAndWildcards_MatchThemselves(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Like(pattern, text));
    }

    [Theory]
    [InlineData("[abc")]
    [InlineData("%[")]
    [InlineData("[^")]
    [InlineData("[]")]
    public void Constructor_UnterminatedSet_Throws(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new WqlLikeExpression(new WqlPropertyPath("P"), pattern));
    }

    [Fact]
    public void Evaluate_SnapshotQuery_SelectsSnapshotsOnly()
    {
        var query = Select("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType LIKE 'Microsoft:Hyper-V:Snapshot:%'");

        Assert.True(query.Matches(Instance("Msvm_VirtualSystemSettingData", ("VirtualSystemType", "Microsoft:Hyper-V:Snapshot:Realized"))));
        Assert.False(query.Matches(Instance("Msvm_VirtualSystemSettingData", ("VirtualSystemType", "Microsoft:Hyper-V:System:Realized"))));
        Assert.False(query.Matches(Instance("Msvm_VirtualSystemSettingData", ("VirtualSystemType", null))));
        Assert.False(query.Matches(Instance("Msvm_VirtualSystemSettingData")));
    }

    [Fact]
    public void Evaluate_EscapedBackslashInPattern_MatchesOneBackslash()
    {
        Assert.True(WhereP(@"P LIKE '%\\DC01\\%'", @"\VMs\DC01\Disk.vhdx"));
        Assert.False(WhereP(@"P LIKE '%\\DC01\\%'", @"/VMs/DC01/Disk.vhdx"));
    }

    [Fact]
    public void Evaluate_NonTextScalar_MatchesOnItsCimText()
    {
        Assert.True(WhereP("P LIKE '3_'", (ushort)31));
        Assert.True(WhereP("P LIKE 'tr%'", true));
        Assert.True(WhereP("P LIKE '2024030112%'", new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Evaluate_NotLike_NegatesTheMatch()
    {
        Assert.True(WhereP("P NOT LIKE '%10.%'", "192.168.1.1"));
        Assert.False(WhereP("P NOT LIKE '%10.%'", "10.0.0.1"));
        Assert.True(WhereP("NOT P LIKE '%10.%'", "192.168.1.1"));
    }

    [Fact]
    public void Equals_SamePropertyAndPattern_AreEqualWithEqualHashes()
    {
        var a = new WqlLikeExpression(new WqlPropertyPath("Name"), "a[b-c]%");
        var b = new WqlLikeExpression(new WqlPropertyPath("Name"), "a[b-c]%");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new WqlLikeExpression(new WqlPropertyPath("Name"), "a[b-d]%"));
    }
}
