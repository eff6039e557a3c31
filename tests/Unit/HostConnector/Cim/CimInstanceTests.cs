using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cim;

public class CimInstanceTests
{
    private const string ClassName = "Msvm_ComputerSystem";
    private static readonly string[] s_typedStrings = ["a", "b"];

    private static CimInstance With(object? value) => Instance(("P", value));

    private static CimInstance Instance(params (string Name, object? Value)[] properties) =>
        new(ClassName, CimNamespaces.Virtualization, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    /// <summary>Asserts the getter throws a mapping error that names class, property and the bad value.</summary>
    private static CimMappingException AssertBad(Func<CimInstance, object?> getter, object? value, string expectedInMessage)
    {
        var error = Assert.Throws<CimMappingException>(() => getter(With(value)));
        Assert.Equal(ClassName, error.ClassName);
        Assert.Equal("P", error.PropertyName);
        Assert.StartsWith($"{ClassName}.P: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        return error;
    }

    // ---- Names, strings ----

    [Fact]
    public void Indexer_PropertyNames_AreCaseInsensitiveAndMissingIsNull()
    {
        var instance = Instance(("ElementName", "DC01"));

        Assert.Equal("DC01", instance["elementname"]);
        Assert.True(instance.HasProperty("ELEMENTNAME"));
        Assert.False(instance.HasProperty("Name"));
        Assert.Null(instance["Name"]);
        Assert.Null(instance.GetString("Name"));
    }

    [Fact]
    public void Constructor_NamespaceSpelling_IsNormalized()
    {
        var instance = new CimInstance("C", "ROOT/virtualization/v2", []);

        Assert.Equal(CimNamespaces.Virtualization, instance.Namespace);
        Assert.Equal(@"root\virtualization\v2:C", instance.ToString());
    }

    [Theory]
    [InlineData("text", "text")]
    [InlineData((ushort)5, "5")]
    [InlineData(-12L, "-12")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    [InlineData(1.5, "1.5")]
    public void GetString_Scalars_AreFormattedAsCimText(object value, string expected)
    {
        Assert.Equal(expected, With(value).GetString("P"));
    }

    [Fact]
    public void GetString_Array_Throws()
    {
        AssertBad(i => i.GetString("P"), new object?[] { "a", "b" }, "array");
    }

    [Fact]
    public void GetString_EmbeddedInstance_Throws()
    {
        AssertBad(i => i.GetString("P"), new CimInstance("MSCluster_Property", CimNamespaces.Cluster, []), "embedded instance");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void RequireString_MissingOrEmpty_Throws(string? value)
    {
        AssertBad(i => i.RequireString("P"), value, "missing or empty");
    }

    [Fact]
    public void RequireString_Present_ReturnsIt()
    {
        Assert.Equal("HV01", With("HV01").RequireString("P"));
    }

    // ---- Booleans ----

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" False ", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void GetBoolean_TypedAndText_AreRead(object value, bool expected)
    {
        Assert.Equal(expected, With(value).GetBoolean("P"));
    }

    [Fact]
    public void GetBoolean_Null_IsNull()
    {
        Assert.Null(With(null).GetBoolean("P"));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData(1)]
    public void GetBoolean_NotABoolean_ThrowsNamingTheValue(object value)
    {
        AssertBad(i => i.GetBoolean("P"), value, $"'{CimInstance.FormatScalar(value)}' is not a boolean");
    }

    // ---- Integers ----

    [Theory]
    [InlineData((ushort)32768)]
    [InlineData(32768)]
    [InlineData(32768L)]
    [InlineData(32768u)]
    [InlineData(32768UL)]
    [InlineData("32768")]
    [InlineData(" 32768 ")]
    public void GetUInt16_TypedAndText_AreRead(object value)
    {
        Assert.Equal((ushort)32768, With(value).GetUInt16("P"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void GetUInt16_NullOrBlank_IsNull(object? value)
    {
        Assert.Null(With(value).GetUInt16("P"));
    }

    [Theory]
    [InlineData(65536, "65536 is out of range")]
    [InlineData("-1", "-1 is out of range")]
    [InlineData("abc", "'abc' is not an integer")]
    [InlineData("1.5", "'1.5' is not an integer")]
    [InlineData(2.0, "'2' is not an integer")]
    [InlineData("0x10", "'0x10' is not an integer")]
    public void GetUInt16_BadValue_ThrowsNamingTheValue(object value, string expected)
    {
        AssertBad(i => i.GetUInt16("P"), value, expected);
    }

    [Theory]
    [InlineData(4294967295u)]
    [InlineData(4294967295L)]
    [InlineData("4294967295")]
    public void GetUInt32_MaxValue_IsRead(object value)
    {
        Assert.Equal(uint.MaxValue, With(value).GetUInt32("P"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData("4294967296")]
    public void GetUInt32_OutOfRange_Throws(object value)
    {
        AssertBad(i => i.GetUInt32("P"), value, "out of range");
    }

    [Theory]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData(-5, -5L)]
    public void GetInt64_FullRange_IsRead(object value, long expected)
    {
        Assert.Equal(expected, With(value).GetInt64("P"));
    }

    [Fact]
    public void GetInt64_ULongBeyondLong_Throws()
    {
        AssertBad(i => i.GetInt64("P"), ulong.MaxValue, "18446744073709551615");
    }

    [Theory]
    [InlineData(-1, -1L)]
    [InlineData("-1", -1L)]
    [InlineData(4294967295u, -1L)]
    [InlineData(4294967295L, -1L)]
    [InlineData("4294967295", -1L)]
    [InlineData(0u, 0L)]
    [InlineData("3", 3L)]
    [InlineData(4294967294u, 4294967294L)]
    public void GetSignedState_MinusOneInEitherSpelling_IsMinusOne(object value, long expected)
    {
        Assert.Equal(expected, With(value).GetSignedState("P"));
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData(-2147483649L)]
    public void GetSignedState_BeyondUInt32_Throws(object value)
    {
        AssertBad(i => i.GetSignedState("P"), value, "out of range");
    }

    [Theory]
    [InlineData(18446744073709551615UL, 18446744073709551615UL)]
    [InlineData("18446744073709551615", 18446744073709551615UL)]
    [InlineData(42L, 42UL)]
    [InlineData(42, 42UL)]
    [InlineData(42u, 42UL)]
    [InlineData((ushort)42, 42UL)]
    [InlineData((byte)42, 42UL)]
    public void GetUInt64_TypedAndText_AreRead(object value, ulong expected)
    {
        Assert.Equal(expected, With(value).GetUInt64("P"));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-1)]
    [InlineData("-1")]
    [InlineData("12 GB")]
    public void GetUInt64_NegativeOrText_Throws(object value)
    {
        AssertBad(i => i.GetUInt64("P"), value, "is not an unsigned 64-bit integer");
    }

    // ---- Date-times and intervals ----

    [Fact]
    public void GetDateTime_TypedOffset_IsConvertedToUtc()
    {
        var local = new DateTimeOffset(2024, 1, 5, 10, 20, 30, TimeSpan.FromHours(-5));

        var value = With(local).GetDateTime("P");

        Assert.Equal(local, value);
        Assert.Equal(TimeSpan.Zero, value!.Value.Offset);
    }

    [Fact]
    public void GetDateTime_UnspecifiedDateTime_IsTakenAsUtc()
    {
        var value = With(new DateTime(2024, 1, 5, 10, 20, 30, DateTimeKind.Unspecified)).GetDateTime("P");

        Assert.Equal(new DateTimeOffset(2024, 1, 5, 10, 20, 30, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("20240105102030.000000-300")]
    [InlineData("2024-01-05T15:20:30Z")]
    [InlineData("2024-01-05T16:20:30+01:00")]
    public void GetDateTime_DmtfAndIsoText_AreTheSameInstant(string text)
    {
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 15, 20, 30, TimeSpan.Zero), With(text).GetDateTime("P"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void GetDateTime_NullOrBlank_IsNull(string? text)
    {
        Assert.Null(With(text).GetDateTime("P"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("20241305102030.000000+000")]
    [InlineData(12345)]
    public void GetDateTime_Garbage_ThrowsNamingTheValue(object value)
    {
        AssertBad(i => i.GetDateTime("P"), value, $"'{CimInstance.FormatScalar(value)}' is not a CIM date-time");
    }

    [Theory]
    [InlineData("00000000000500.000000:000")]
    [InlineData("PT5M")]
    public void GetInterval_DmtfAndDurationText_AreRead(string text)
    {
        Assert.Equal(TimeSpan.FromMinutes(5), With(text).GetInterval("P"));
    }

    [Fact]
    public void GetInterval_TypedAndNull_AreRead()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), With(TimeSpan.FromSeconds(3)).GetInterval("P"));
        Assert.Null(With(null).GetInterval("P"));
    }

    [Theory]
    [InlineData("five minutes")]
    [InlineData("99999999235959.999999:000")]
    public void GetInterval_BadOrUnrepresentableText_ThrowsMappingError(string text)
    {
        AssertBad(i => i.GetInterval("P"), text, $"'{text}' is not a CIM interval");
    }

    // ---- Embedded instances and references ----

    [Fact]
    public void GetInstance_Embedded_IsReturned()
    {
        var embedded = new CimInstance("MSCluster_Property", CimNamespaces.Cluster, [KeyValuePair.Create<string, object?>("VmID", "x")]);

        Assert.Same(embedded, With(embedded).GetInstance("P"));
        Assert.Null(With(null).GetInstance("P"));
    }

    [Fact]
    public void GetInstance_Text_Throws()
    {
        AssertBad(i => i.GetInstance("P"), "<INSTANCE/>", "'<INSTANCE/>' is not an embedded instance");
    }

    [Fact]
    public void GetReference_WmiPathText_IsParsedInTheInstanceNamespace()
    {
        var reference = With("Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:1\"").GetReference("P");

        Assert.Equal(CimReference.Create("Msvm_VirtualSystemSettingData", CimNamespaces.Virtualization, ("InstanceID", "Microsoft:1")), reference);
    }

    [Fact]
    public void GetReference_Typed_IsReturned()
    {
        var reference = CimReference.Create("Msvm_ConcreteJob", CimNamespaces.Virtualization, ("InstanceID", "J1"));

        Assert.Same(reference, With(reference).GetReference("P"));
        Assert.Null(With(null).GetReference("P"));
    }

    [Theory]
    [InlineData("not a path")]
    [InlineData("Msvm_X.A=\"unterminated")]
    public void GetReference_Garbage_ThrowsNamingTheValue(string text)
    {
        AssertBad(i => i.GetReference("P"), text, $"'{text}' is not a reference");
    }

    [Fact]
    public void BadValue_LongText_IsShortenedInMessage()
    {
        var text = new string('x', 200);

        var error = AssertBad(i => i.GetUInt16("P"), text, new string('x', 80) + "…");

        Assert.DoesNotContain(new string('x', 81), error.Message, StringComparison.Ordinal);
    }

    // ---- Arrays ----

    [Fact]
    public void GetStringArray_MixedElements_AreFormatted()
    {
        var values = With(new object?[] { "C:\\a.vhdx", (ushort)2, null, true }).GetStringArray("P");

        Assert.Equal(["C:\\a.vhdx", "2", null, "true"], values);
    }

    [Fact]
    public void GetStringArray_TypedStringArray_IsRead()
    {
        Assert.Equal(s_typedStrings, With(s_typedStrings).GetStringArray("P"));
    }

    [Fact]
    public void GetStringArray_SingleValueOrNull_IsOneOrNoElements()
    {
        Assert.Equal(["C:\\a.vhdx"], With("C:\\a.vhdx").GetStringArray("P"));
        Assert.Equal(["7"], With(7).GetStringArray("P"));
        Assert.Empty(With(null).GetStringArray("P"));
    }

    [Fact]
    public void GetUInt16Array_TypedAndText_GiveTheSameValues()
    {
        var typed = With(new object?[] { (ushort)2, (ushort)32772 }).GetUInt16Array("P");
        var text = With(new object?[] { "2", " 32772 " }).GetUInt16Array("P");
        var mixed = With(new object?[] { 2, 32772L }).GetUInt16Array("P");

        Assert.Equal(new ushort[] { 2, 32772 }, typed);
        Assert.Equal(typed, text);
        Assert.Equal(typed, mixed);
    }

    [Fact]
    public void GetUInt16Array_SingleValueOrNull_IsOneOrNoElements()
    {
        Assert.Equal(new ushort[] { 2 }, With((ushort)2).GetUInt16Array("P"));
        Assert.Equal(new ushort[] { 2 }, With("2").GetUInt16Array("P"));
        Assert.Empty(With(null).GetUInt16Array("P"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("70000")]
    [InlineData(-1)]
    [InlineData(null)]
    public void GetUInt16Array_BadElement_ThrowsNamingItsIndex(object? bad)
    {
        AssertBad(i => i.GetUInt16Array("P"), new object?[] { (ushort)2, bad }, "element 1");
    }

    // ---- ToReference, FormatScalar ----

    [Fact]
    public void ToReference_WithoutPath_IsBuiltFromKeyValues()
    {
        var instance = new CimInstance(
            "Msvm_ComputerSystem",
            CimNamespaces.Virtualization,
            [KeyValuePair.Create<string, object?>("CreationClassName", "Msvm_ComputerSystem"), KeyValuePair.Create<string, object?>("Name", "VM-GUID"), KeyValuePair.Create<string, object?>("ElementName", "DC01")],
            ["CreationClassName", "Name"]);

        var reference = instance.ToReference();

        Assert.Equal(CimReference.Create("Msvm_ComputerSystem", CimNamespaces.Virtualization, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", "VM-GUID")), reference);
        Assert.Equal(CimReference.Create("Msvm_ComputerSystem", CimNamespaces.Virtualization, ("ElementName", "DC01")), instance.ToReference("ElementName"));
    }

    [Fact]
    public void ToReference_WithPath_IsThePath()
    {
        var path = CimReference.Create("Msvm_ConcreteJob", CimNamespaces.Virtualization, ("InstanceID", "J1"));
        var instance = new CimInstance("Msvm_ConcreteJob", CimNamespaces.Virtualization, [], ["InstanceID"], path);

        Assert.Same(path, instance.ToReference());
    }

    [Fact]
    public void FormatScalar_EachType_UsesCimText()
    {
        Assert.Null(CimInstance.FormatScalar(null));
        Assert.Equal("x", CimInstance.FormatScalar("x"));
        Assert.Equal("true", CimInstance.FormatScalar(true));
        Assert.Equal("false", CimInstance.FormatScalar(false));
        Assert.Equal("4294967295", CimInstance.FormatScalar(uint.MaxValue));
        Assert.Equal("20240105152030.000000+000", CimInstance.FormatScalar(new DateTimeOffset(2024, 1, 5, 10, 20, 30, TimeSpan.FromHours(-5))));
        Assert.Equal("00000001000000.000000:000", CimInstance.FormatScalar(TimeSpan.FromDays(1)));
        Assert.Equal(@"root\cimv2:C.K=""v""", CimInstance.FormatScalar(CimReference.Create("C", CimNamespaces.Cimv2, ("K", "v"))));
        Assert.Equal("6f0c8b1e-3a47-4d2b-9c51-0e2f7a9b4c10", CimInstance.FormatScalar(new Guid("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")));
    }

    [Fact]
    public void FormatScalar_UnderCommaDecimalCulture_StaysInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = commaCulture;
        try
        {
            Assert.Equal("1.5", CimInstance.FormatScalar(1.5));
            Assert.Equal("1234567", CimInstance.FormatScalar(1_234_567));
            Assert.Equal((ushort)12345, With("12345").GetUInt16("P"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Getters_BlankText_MeanNoValue(string blank)
    {
        var instance = new CimInstance("Msvm_X", CimNamespaces.Virtualization,
        [
            KeyValuePair.Create<string, object?>("B", blank),
            KeyValuePair.Create<string, object?>("U", blank),
            KeyValuePair.Create<string, object?>("I", blank),
            KeyValuePair.Create<string, object?>("D", blank),
            KeyValuePair.Create<string, object?>("S", blank),
        ]);

        Assert.Null(instance.GetBoolean("B"));
        Assert.Null(instance.GetUInt64("U"));
        Assert.Null(instance.GetInterval("I"));
        Assert.Null(instance.GetDateTime("D"));
        Assert.Null(instance.GetUInt16("S"));
    }
}
