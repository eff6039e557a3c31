using CheckpointDashboard.HostConnector.Cim;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.Wql.WqlTestData;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

public class WqlExpressionTests
{
    private static readonly object?[] s_mixedArray = ["a", "1", true];
    private static readonly string[] s_stringArray = ["a"];

    // ---- Strings ----

    [Theory]
    [InlineData("P = 'virtual machine'", "Virtual Machine", true)]
    [InlineData("P = 'VIRTUAL MACHINE'", "Virtual Machine", true)]
    [InlineData("P = 'Virtual Machine '", "Virtual Machine", false)]
    [InlineData("P <> 'virtual machine'", "Virtual Machine", false)]
    [InlineData("P != 'Host'", "Virtual Machine", true)]
    [InlineData("P < 'b'", "A", true)]
    [InlineData("P > 'b'", "A", false)]
    [InlineData("P >= 'a'", "A", true)]
    [InlineData("P <= 'a'", "A", true)]
    public void Evaluate_StringComparison_IsCaseInsensitive(string condition, string value, bool expected)
    {
        Assert.Equal(expected, WhereP(condition, value));
    }

    [Fact]
    public void Evaluate_PropertyName_IsCaseInsensitive()
    {
        Assert.True(Where("caption = 'x'", Instance("C", ("Caption", "X"))));
    }

    [Fact]
    public void Evaluate_ConstantOnTheLeft_ComparesLikePropertyOnTheLeft()
    {
        var instance = Instance("C", ("Name", "abc"), ("Size", 10));

        Assert.True(Where("'ABC' = Name", instance));
        Assert.True(Where("5 < Size", instance));
        Assert.False(Where("20 <= Size", instance));
    }

    // ---- Numbers ----

    [Theory]
    [InlineData("31")]
    [InlineData(" 31 ")]
    [InlineData((ushort)31)]
    [InlineData(31)]
    [InlineData(31L)]
    [InlineData(31UL)]
    [InlineData((byte)31)]
    [InlineData(31.0)]
    public void Evaluate_IntegerConstant_MatchesTextAndTypedIntegers(object value)
    {
        Assert.True(WhereP("P = 31", value));
        Assert.False(WhereP("P = 32", value));
        Assert.True(WhereP("P <> 32", value));
    }

    [Theory]
    [InlineData("P > 9", "10", true)]
    [InlineData("P < 9", "10", false)]
    [InlineData("P >= 10", "10", true)]
    [InlineData("P <= -1", "-5", true)]
    [InlineData("P > -10", "-5", true)]
    [InlineData("P = 1.5", "1.5", true)]
    [InlineData("P > 1.25", "1.5", true)]
    [InlineData("P > 1", "1.5", true)]
    [InlineData("P = 0", "-0", true)]
    public void Evaluate_NumericConstant_ComparesNumericallyNotAsText(string condition, string value, bool expected)
    {
        Assert.Equal(expected, WhereP(condition, value));
    }

    [Fact]
    public void Evaluate_UInt64Extremes_CompareExactly()
    {
        Assert.True(WhereP("P = 18446744073709551615", ulong.MaxValue));
        Assert.True(WhereP("P > 18446744073709551614", "18446744073709551615"));
        Assert.True(WhereP("P > 9223372036854775807", ulong.MaxValue));
        Assert.False(WhereP("P = 18446744073709551614", ulong.MaxValue));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("31abc")]
    [InlineData("0x1F")]
    public void Evaluate_NumericConstantAgainstUnparseableText_IsFalseForEveryOperator(string value)
    {
        Assert.False(WhereP("P = 31", value));
        Assert.False(WhereP("P <> 31", value));
        Assert.False(WhereP("P < 31", value));
        Assert.False(WhereP("P > 31", value));
    }

    [Fact]
    public void Evaluate_StringConstantAgainstTypedNumber_ParsesTheConstant()
    {
        Assert.True(WhereP("P = '31'", (ushort)31));
        Assert.True(WhereP("P > '9'", 10));
        Assert.False(WhereP("P = 'thirty-one'", (ushort)31));
        Assert.False(WhereP("P <> 'thirty-one'", (ushort)31));
    }

    [Fact]
    public void Evaluate_StringConstantAgainstNumericText_ComparesAsText()
    {
        // Text against text is a string comparison, as in WMI when the property is a string.
        Assert.True(WhereP("P < '9'", "10"));
    }

    // ---- Booleans ----

    [Theory]
    [InlineData(true, "P = TRUE", true)]
    [InlineData(true, "P = FALSE", false)]
    [InlineData(false, "P <> TRUE", true)]
    [InlineData("true", "P = TRUE", true)]
    [InlineData("True", "P = true", true)]
    [InlineData("FALSE", "P = FALSE", true)]
    [InlineData("1", "P = TRUE", true)]
    [InlineData("0", "P = FALSE", true)]
    [InlineData("0", "P = TRUE", false)]
    [InlineData(1, "P = TRUE", true)]
    [InlineData(0, "P != TRUE", true)]
    [InlineData(2, "P = TRUE", false)]
    [InlineData(true, "P = 1", true)]
    [InlineData(false, "P = 0", true)]
    [InlineData(true, "P = 'TRUE'", true)]
    [InlineData(false, "P = 'true'", false)]
    [InlineData(true, "P = '1'", true)]
    public void Evaluate_BooleanComparisons_FollowWmi(object value, string condition, bool expected)
    {
        Assert.Equal(expected, WhereP(condition, value));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("2")]
    public void Evaluate_BooleanConstantAgainstNonBooleanText_IsFalseForBothOperators(string value)
    {
        Assert.False(WhereP("P = TRUE", value));
        Assert.False(WhereP("P <> TRUE", value));
    }

    [Fact]
    public void Evaluate_OrderingAgainstBooleanProperty_IsFalse()
    {
        Assert.False(WhereP("P > 'false'", true));
        Assert.False(WhereP("P < 'true'", false));
    }

    // ---- Date-times and intervals ----

    [Theory]
    [InlineData("P = '20240301120000.000000+000'", true)]
    [InlineData("P = '20240301130000.000000+060'", true)]
    [InlineData("P = '2024-03-01T12:00:00Z'", true)]
    [InlineData("P > '20240301115959.000000+000'", true)]
    [InlineData("P < '20240301115959.000000+000'", false)]
    [InlineData("P >= '2024-03-01T12:00:00Z'", true)]
    [InlineData("P <= '2024-03-01T11:00:00Z'", false)]
    [InlineData("P < '2025-01-01'", true)]
    [InlineData("P = 'not a date'", false)]
    [InlineData("P <> 'not a date'", false)]
    public void Evaluate_DateTimeProperty_ParsesTheStringConstant(string condition, bool expected)
    {
        var value = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, WhereP(condition, value));
    }

    [Fact]
    public void Evaluate_DateTimePropertyInOtherOffset_ComparesTheInstant()
    {
        var value = new DateTimeOffset(2024, 3, 1, 14, 0, 0, TimeSpan.FromHours(2));

        Assert.True(WhereP("P = '20240301120000.000000+000'", value));
    }

    [Fact]
    public void Evaluate_DateTimePropertyAgainstNumber_IsFalse()
    {
        Assert.False(WhereP("P > 0", new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Evaluate_IntervalProperty_ParsesDmtfAndXmlIntervals()
    {
        var value = TimeSpan.FromMinutes(90);

        Assert.True(WhereP("P = '00000000013000.000000:000'", value));
        Assert.True(WhereP("P > 'PT1H'", value));
        Assert.False(WhereP("P > 'PT2H'", value));
        Assert.False(WhereP("P = 'ninety minutes'", value));
    }

    // ---- NULL, missing, arrays, embedded instances, references ----

    [Theory]
    [InlineData("P = NULL")]
    [InlineData("P <> NULL")]
    [InlineData("NULL = P")]
    public void Evaluate_ComparisonWithNullConstant_IsFalseEvenForNullProperty(string condition)
    {
        Assert.False(WhereP(condition, null));
        Assert.False(WhereP(condition, "x"));
    }

    [Theory]
    [InlineData("Missing = 'x'")]
    [InlineData("Missing <> 'x'")]
    [InlineData("Missing < 5")]
    [InlineData("Missing = FALSE")]
    [InlineData("Missing LIKE '%'")]
    public void Evaluate_MissingOrNullProperty_NeverMatchesAComparison(string condition)
    {
        Assert.False(Where(condition, Instance("C", ("P", "x"))));
        Assert.False(Where(condition, Instance("C", ("Missing", null))));
    }

    [Fact]
    public void Evaluate_IsNull_TrueForMissingAndNullFalseForValues()
    {
        var instance = Instance("C", ("Nothing", null), ("Empty", ""), ("Array", Array.Empty<object?>()), ("Zero", 0));

        Assert.True(Where("Nothing IS NULL", instance));
        Assert.True(Where("Missing IS NULL", instance));
        Assert.False(Where("Empty IS NULL", instance));
        Assert.False(Where("Array IS NULL", instance));
        Assert.False(Where("Zero IS NULL", instance));
        Assert.True(Where("Array IS NOT NULL", instance));
        Assert.False(Where("Missing IS NOT NULL", instance));
    }

    [Theory]
    [InlineData("P = 'a'")]
    [InlineData("P <> 'a'")]
    [InlineData("P = 1")]
    [InlineData("P <> 7")]
    [InlineData("P = TRUE")]
    [InlineData("P LIKE '%'")]
    public void Evaluate_ArrayProperty_NeverMatchesAScalarComparison(string condition)
    {
        Assert.False(WhereP(condition, s_mixedArray));
        Assert.False(WhereP(condition, new List<object?> { "a" }));
        Assert.False(WhereP(condition, s_stringArray));
    }

    [Fact]
    public void Evaluate_DottedPath_ReadsEmbeddedInstance()
    {
        var privateProperties = Instance("MSCluster_Property", ("VmID", VmGuid.ToLowerInvariant()));
        var resource = Instance("MSCluster_Resource", ("Type", "Virtual Machine"), ("PrivateProperties", privateProperties));

        Assert.True(Where($"PrivateProperties.VmID = '{VmGuid}'", resource));
        Assert.False(Where("PrivateProperties.VmID = 'other'", resource));
        Assert.True(Where("PrivateProperties.Missing IS NULL", resource));
        Assert.True(Where("PrivateProperties.__CLASS = 'mscluster_property'", resource));
    }

    [Fact]
    public void Evaluate_DottedPathThroughNonInstance_IsNull()
    {
        var instance = Instance("C", ("Text", "abc"), ("Nothing", null));

        Assert.True(Where("Text.Length IS NULL", instance));
        Assert.True(Where("Nothing.Field IS NULL", instance));
        Assert.False(Where("Text.Length = 3", instance));
    }

    [Fact]
    public void Evaluate_EmbeddedInstanceProperty_NeverMatchesAScalarComparison()
    {
        var instance = Instance("C", ("P", Instance("Embedded", ("Name", "x"))));

        Assert.False(Where("P = 'x'", instance));
        Assert.False(Where("P <> 'x'", instance));
        Assert.False(Where("P LIKE '%'", instance));
        Assert.True(Where("P IS NOT NULL", instance));
    }

    [Fact]
    public void Evaluate_ClassSystemProperty_ComparesClassNameCaseInsensitively()
    {
        var instance = Instance("Msvm_ComputerSystem", ("Name", "x"));

        Assert.True(Where("__CLASS = 'msvm_computersystem'", instance));
        Assert.True(Where("__CLASS LIKE 'Msvm[_]%'", instance));
        Assert.False(Where("__CLASS = 'Msvm_VirtualSystemSettingData'", instance));
        Assert.True(Where(@"__NAMESPACE = 'ROOT\\virtualization\\v2'", instance));
    }

    [Fact]
    public void Evaluate_Isa_MatchesEmbeddedInstanceOrInstanceClass()
    {
        var instance = Instance("Msvm_ComputerSystem", ("Settings", Instance("Msvm_VirtualSystemSettingData")), ("Name", "x"));

        Assert.True(Where("Settings ISA 'msvm_virtualsystemsettingdata'", instance));
        Assert.False(Where("Settings ISA 'Msvm_ComputerSystem'", instance));
        Assert.True(Where("__this ISA 'MSVM_COMPUTERSYSTEM'", instance));
        Assert.True(Where("__CLASS ISA 'Msvm_ComputerSystem'", instance));
        Assert.False(Where("Name ISA 'x'", Instance("C", ("Name", 5))));
        Assert.False(Where("Missing ISA 'Msvm_ComputerSystem'", instance));
    }

    [Fact]
    public void Evaluate_ReferenceProperty_ComparesPathsByClassAndKeysCaseInsensitively()
    {
        var reference = CimReference.Create("Msvm_ComputerSystem", CimNamespaces.Virtualization, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", VmGuid));
        var instance = Instance("Msvm_SnapshotOfVirtualSystem", ("Antecedent", reference));

        Assert.True(Where($"Antecedent = 'Msvm_ComputerSystem.Name=\"{VmGuid.ToLowerInvariant()}\",CreationClassName=\"Msvm_ComputerSystem\"'", instance));
        Assert.True(Where($@"Antecedent = '\\\\HV01\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=""Msvm_ComputerSystem"",Name=""{VmGuid}""'", instance));
        Assert.False(Where("Antecedent = 'Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"other\"'", instance));
        Assert.True(Where("Antecedent <> 'Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"other\"'", instance));
        Assert.False(Where("Antecedent = 'not a path at all'", instance));
        Assert.False(Where("Antecedent < 'Msvm_ComputerSystem.Name=\"x\"'", instance));
    }

    [Fact]
    public void Evaluate_PathSystemProperty_UsesInstancePath()
    {
        var path = CimReference.Create("Msvm_ConcreteJob", CimNamespaces.Virtualization, ("InstanceID", "JOB-1"));
        var withPath = new CimInstance("Msvm_ConcreteJob", CimNamespaces.Virtualization,
            [KeyValuePair.Create<string, object?>("InstanceID", "JOB-1")], ["InstanceID"], path);
        var withoutKeys = Instance("Msvm_ConcreteJob", ("InstanceID", "JOB-1"));

        Assert.True(Where("__RELPATH = 'Msvm_ConcreteJob.InstanceID=\"job-1\"'", withPath));
        Assert.True(Where(@"__PATH = 'root\\virtualization\\v2:Msvm_ConcreteJob.InstanceID=""JOB-1""'", withPath));
        Assert.True(Where("__PATH IS NULL", withoutKeys));
    }

    // ---- Logic ----

    [Theory]
    [InlineData(1, 0, 0, true)]
    [InlineData(0, 1, 1, true)]
    [InlineData(0, 1, 0, false)]
    [InlineData(0, 0, 1, false)]
    public void Evaluate_AndBindsTighterThanOr(int a, int b, int c, bool expected)
    {
        // Means A = 1 OR (B = 1 AND C = 1); reading left to right, (A = 1 OR B = 1) AND C = 1, would reject (1, 0, 0).
        var instance = Instance("C", ("A", a), ("B", b), ("C", c));

        Assert.Equal(expected, Where("A = 1 OR B = 1 AND C = 1", instance));
    }

    [Fact]
    public void Evaluate_AndBeforeOr_DiffersFromLeftToRight()
    {
        var instance = Instance("C", ("A", 1), ("B", 0), ("C", 0));

        Assert.True(Where("A = 1 OR B = 1 AND C = 1", instance));
        Assert.False(Where("(A = 1 OR B = 1) AND C = 1", instance));
    }

    [Fact]
    public void Evaluate_NotBindsTighterThanAnd()
    {
        var instance = Instance("C", ("A", 1), ("B", 1));

        Assert.False(Where("NOT A = 1 AND B = 1", instance));
        Assert.True(Where("NOT A = 2 AND B = 1", instance));
        Assert.False(Where("NOT (A = 2 OR B = 1)", instance));
        Assert.True(Where("NOT NOT A = 1", instance));
    }

    [Fact]
    public void Evaluate_NotOfUndecidableComparison_IsTrue()
    {
        // Two-valued logic: the comparison is false, so NOT makes it true (documented on WqlExpression).
        var instance = Instance("C", ("Other", 1));

        Assert.True(Where("NOT Missing = 'x'", instance));
        Assert.False(Where("Missing <> 'x'", instance));
    }

    [Fact]
    public void Evaluate_OddValues_NeverThrow()
    {
        var odd = new object?[]
        {
            null, "", "   ", "NaN", "1e999", "-", double.NaN, double.PositiveInfinity, float.NaN, decimal.MaxValue, 0.5m,
            Guid.Empty, new object(), new byte[] { 1, 2 }, new object?[] { null }, char.MinValue, DateTime.MinValue,
            DateTimeOffset.MaxValue, TimeSpan.MinValue, long.MinValue, ulong.MaxValue, DayOfWeek.Friday,
            Instance("Embedded"), CimReference.Create("X", CimNamespaces.Cimv2),
        };
        var conditions = new[]
        {
            "P = 1", "P < -1", "P >= 1.5", "P = 'x'", "P > '2024-01-01'", "P = TRUE", "P <> FALSE", "P = NULL", "P LIKE '[a-c]%'",
            "P IS NULL", "P ISA 'X'", "P.Q = 1", "P.__CLASS = 'X'", "__PATH = 'X.Name=1'", "NOT P = 'x'",
        };

        foreach (var value in odd)
        {
            var instance = Instance("C", ("P", value));
            foreach (var condition in conditions)
            {
                var error = Record.Exception(() => Where(condition, instance));
                Assert.True(error is null, $"'{condition}' with {value?.GetType().Name ?? "null"} threw {error}");
            }
        }
    }
}
