using CheckpointDashboard.HostConnector.Cim;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cim;

/// <summary>
/// The CIM-XML codec of embedded instances: round trips with and without declared types, arrays with nulls, nested
/// embedded objects, references, what MI's serializer writes, and hostile text.
/// </summary>
public sealed class CimXmlTests
{
    private const string Ns = CimNamespaces.Virtualization;

    [Fact]
    public void WriteThenParse_TypedValues_RoundTripWithTheirTypes()
    {
        var created = new DateTimeOffset(2024, 1, 31, 9, 0, 0, 123, TimeSpan.Zero);
        var instance = Instance("Msvm_Test",
            ("Name", "PRD-SQL01"),
            ("Enabled", true),
            ("Level", (byte)1),
            ("State", (ushort)3),
            ("Count", 70_000u),
            ("Bytes", 40_000_000_000UL),
            ("Offset", -5L),
            ("Ratio", 0.25d),
            ("Created", created),
            ("Elapsed", TimeSpan.FromSeconds(3.5)),
            ("Missing", null));

        var text = CimXml.Write(instance);
        var parsed = CimXml.Parse(text, Ns);

        Assert.Equal("Msvm_Test", parsed.ClassName);
        Assert.Equal(Ns, parsed.Namespace);
        Assert.Equal("PRD-SQL01", parsed["Name"]);
        Assert.Equal(true, parsed["Enabled"]);
        Assert.Equal((byte)1, parsed["Level"]);
        Assert.Equal((ushort)3, parsed["State"]);
        Assert.Equal(70_000u, parsed["Count"]);
        Assert.Equal(40_000_000_000UL, parsed["Bytes"]);
        Assert.Equal(-5L, parsed["Offset"]);
        Assert.Equal(0.25d, parsed["Ratio"]);
        Assert.Equal(created, parsed["Created"]);
        Assert.Equal(TimeSpan.FromSeconds(3.5), parsed["Elapsed"]);
        Assert.True(parsed.HasProperty("Missing"));
        Assert.Null(parsed["Missing"]);
        Assert.Contains("<PROPERTY NAME=\"State\" TYPE=\"uint16\"><VALUE>3</VALUE></PROPERTY>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TextValuesWithATypeResolver_WritesTheDeclaredTypes()
    {
        // Values read over WS-Management are text; the resolver knows what the schema declares.
        var instance = Instance("Msvm_VirtualSystemSettingData",
            ("UserSnapshotType", "3"),
            ("AutomaticSnapshotsEnabled", "True"),
            ("CreationTime", "2024-01-31T09:00:00Z"),
            ("ElementName", "PRD-SQL01"));
        CimType? Types(string className, string property) => property switch
        {
            "UserSnapshotType" => CimType.UInt16,
            "AutomaticSnapshotsEnabled" => CimType.Boolean,
            "CreationTime" => CimType.DateTime,
            _ => null,
        };

        var text = CimXml.Write(instance, Types);
        var parsed = CimXml.Parse(text, Ns);

        Assert.Contains("<PROPERTY NAME=\"UserSnapshotType\" TYPE=\"uint16\"><VALUE>3</VALUE>", text, StringComparison.Ordinal);
        Assert.Contains("<PROPERTY NAME=\"AutomaticSnapshotsEnabled\" TYPE=\"boolean\"><VALUE>true</VALUE>", text, StringComparison.Ordinal);
        Assert.Contains("<PROPERTY NAME=\"CreationTime\" TYPE=\"datetime\"><VALUE>20240131090000.000000+000</VALUE>", text, StringComparison.Ordinal);
        Assert.Equal((ushort)3, parsed["UserSnapshotType"]);
        Assert.Equal(true, parsed["AutomaticSnapshotsEnabled"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 9, 0, 0, TimeSpan.Zero), parsed["CreationTime"]);
        Assert.Equal("PRD-SQL01", parsed["ElementName"]);
    }

    [Fact]
    public void WriteThenParse_ArrayWithNulls_KeepsEveryPosition()
    {
        var instance = Instance("Msvm_Test", ("Codes", new object?[] { 1u, null, 3u }), ("Names", new object?[] { "a", null }));

        var text = CimXml.Write(instance);
        var parsed = CimXml.Parse(text, Ns);

        Assert.Contains("<VALUE.NULL />", text, StringComparison.Ordinal);
        Assert.Equal(new object?[] { 1u, null, 3u }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(parsed["Codes"]));
        Assert.Equal(new object?[] { "a", null }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(parsed["Names"]));
    }

    [Fact]
    public void WriteThenParse_TypedClrArray_IsWrittenAsAnArray()
    {
        var instance = Instance("Msvm_Test", ("OperationalStatus", new ushort[] { 2, 32772 }));

        var parsed = CimXml.Parse(CimXml.Write(instance), Ns);

        Assert.Equal([(ushort)2, (ushort)32772], parsed.GetUInt16Array("OperationalStatus"));
    }

    [Fact]
    public void WriteThenParse_NestedEmbeddedObjects_RoundTripAsInstances()
    {
        var innermost = Instance("Msvm_Inner", ("Depth", 2u));
        var inner = Instance("Msvm_Middle", ("Child", innermost), ("Depth", 1u));
        var outer = Instance("Msvm_Outer", ("Child", inner), ("Items", new object?[] { Instance("Msvm_Item", ("N", 1u)), Instance("Msvm_Item", ("N", 2u)) }));

        var parsed = CimXml.Parse(CimXml.Write(outer), Ns);

        var middle = parsed.GetInstance("Child");
        Assert.NotNull(middle);
        Assert.Equal("Msvm_Middle", middle.ClassName);
        Assert.Equal(1u, middle["Depth"]);
        Assert.Equal("Msvm_Inner", middle.GetInstance("Child")?.ClassName);
        Assert.Equal(2u, middle.GetInstance("Child")?["Depth"]);
        var items = Assert.IsAssignableFrom<IReadOnlyList<object?>>(parsed["Items"]);
        Assert.Equal([1u, 2u], items.Cast<CimInstance>().Select(i => i["N"]));
    }

    [Fact]
    public void WriteThenParse_Reference_RoundTripsAsAReferenceWithItsNamespace()
    {
        var vm = CimReference.Create("Msvm_ComputerSystem", Ns, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10"));
        var instance = Instance("Msvm_Test", ("System", vm), ("Parent", null));

        var text = CimXml.Write(instance, (_, property) => property == "Parent" ? CimType.Reference : null);
        var parsed = CimXml.Parse(text, "root\\cimv2");

        Assert.Contains("<PROPERTY.REFERENCE NAME=\"System\" REFERENCECLASS=\"Msvm_ComputerSystem\">", text, StringComparison.Ordinal);
        Assert.Equal(vm, parsed["System"]);
        Assert.Equal(Ns, parsed.GetReference("System")?.Namespace);
        Assert.True(parsed.HasProperty("Parent"));
        Assert.Null(parsed["Parent"]);
    }

    [Fact]
    public void Parse_PropertyReferenceInDsp0201Form_IsAReference()
    {
        const string Text = """
            <INSTANCE CLASSNAME="Msvm_SettingsDefineState">
              <PROPERTY.REFERENCE NAME="ManagedElement" REFERENCECLASS="CIM_ManagedElement">
                <VALUE.REFERENCE>
                  <INSTANCEPATH>
                    <NAMESPACEPATH>
                      <HOST>HV01</HOST>
                      <LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="virtualization"/><NAMESPACE NAME="v2"/></LOCALNAMESPACEPATH>
                    </NAMESPACEPATH>
                    <INSTANCENAME CLASSNAME="Msvm_ComputerSystem">
                      <KEYBINDING NAME="CreationClassName"><KEYVALUE VALUETYPE="string">Msvm_ComputerSystem</KEYVALUE></KEYBINDING>
                      <KEYBINDING NAME="Name"><KEYVALUE VALUETYPE="string">6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10</KEYVALUE></KEYBINDING>
                    </INSTANCENAME>
                  </INSTANCEPATH>
                </VALUE.REFERENCE>
              </PROPERTY.REFERENCE>
              <PROPERTY.REFERENCE NAME="SettingData" REFERENCECLASS="CIM_SettingData"/>
            </INSTANCE>
            """;

        var parsed = CimXml.Parse(Text, "root\\cimv2");

        Assert.Equal(
            CimReference.Create("Msvm_ComputerSystem", Ns, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")),
            parsed.GetReference("ManagedElement"));
        Assert.Equal(Ns, parsed.GetReference("ManagedElement")?.Namespace);
        Assert.Null(parsed["SettingData"]);
    }

    [Fact]
    public void Parse_MiSerializerOutputWithUtf16DeclarationAndQualifiers_ReadsTheValues()
    {
        // What CimSerializer.Create("MI_XML", 0) writes, decoded from UTF-16 (hyperv-wmi.md §3.4).
        const string Text = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-16\"?>" +
            "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">" +
            "<QUALIFIER NAME=\"dynamic\" PROPAGATED=\"true\" TYPE=\"boolean\" TOSUBCLASS=\"false\"><VALUE>true</VALUE></QUALIFIER>" +
            "<PROPERTY NAME=\"ElementName\" TYPE=\"string\" PROPAGATED=\"true\">" +
            "<QUALIFIER NAME=\"Description\" TYPE=\"string\"><VALUE>Qualifier text, not the value</VALUE></QUALIFIER>" +
            "<VALUE>PRD-SQL01</VALUE></PROPERTY>" +
            "<PROPERTY NAME=\"UserSnapshotType\" TYPE=\"uint16\"><QUALIFIER NAME=\"ValueMap\" TYPE=\"string\"><VALUE.ARRAY><VALUE>2</VALUE></VALUE.ARRAY></QUALIFIER><VALUE>3</VALUE></PROPERTY>" +
            "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>first</VALUE><VALUE>  </VALUE></VALUE.ARRAY></PROPERTY.ARRAY>" +
            "<PROPERTY NAME=\"CreationTime\" TYPE=\"datetime\"><VALUE>20240131100000.000000+060</VALUE></PROPERTY>" +
            "<PROPERTY NAME=\"Parent\" TYPE=\"string\"></PROPERTY>" +
            "</INSTANCE>";

        var parsed = CimXml.Parse(Text, Ns);

        Assert.Equal("Msvm_VirtualSystemSettingData", parsed.ClassName);
        Assert.Equal("PRD-SQL01", parsed["ElementName"]);
        Assert.Equal((ushort)3, parsed["UserSnapshotType"]);
        Assert.Equal(new object?[] { "first", "  " }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(parsed["Notes"]));
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 9, 0, 0, TimeSpan.Zero), parsed["CreationTime"]);
        Assert.Null(parsed["Parent"]);
        Assert.Equal(5, parsed.Properties.Count);
    }

    [Fact]
    public void Parse_Dtd_IsRefusedAsMalformed()
    {
        const string Text = """<!DOCTYPE INSTANCE [<!ENTITY e SYSTEM "file:///etc/passwd">]><INSTANCE CLASSNAME="X"><PROPERTY NAME="P" TYPE="string"><VALUE>&e;</VALUE></PROPERTY></INSTANCE>""";

        var error = Assert.Throws<CimException>(() => CimXml.Parse(Text, Ns));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OversizedText_IsRefusedBeforeParsing()
    {
        var text = "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>" + new string('x', CimXml.MaxCharacters) + "</VALUE></PROPERTY></INSTANCE>";

        var error = Assert.Throws<CimException>(() => CimXml.Parse(text, Ns));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmbeddedObjectsNestedTooDeep_AreRefused()
    {
        var nested = Instance("Level9", ("P", "x"));
        for (var level = 8; level >= 0; level--)
        {
            nested = Instance($"Level{level}", ("Child", nested));
        }

        var error = Assert.Throws<CimException>(() => CimXml.Parse(CimXml.Write(nested), Ns));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("nested deeper than 8 levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<INSTANCE CLASSNAME="X"><PROPERTY NAME="Count" TYPE="uint16"><VALUE>70000</VALUE></PROPERTY></INSTANCE>""", "property Count: '70000' is not a valid uint16")]
    [InlineData("""<CLASS NAME="X"/>""", "expected an INSTANCE element, found 'CLASS'")]
    [InlineData("""<INSTANCE><PROPERTY NAME="P" TYPE="string"/></INSTANCE>""", "an INSTANCE element has no CLASSNAME")]
    [InlineData("""<INSTANCE CLASSNAME="X"><PROPERTY NAME="P" TYPE="string"><VALUE>cut""", "not well-formed")]
    public void Parse_BrokenText_IsMalformedNamingTheProblem(string text, string problem)
    {
        var error = Assert.Throws<CimException>(() => CimXml.Parse(text, Ns));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static CimInstance Instance(string className, params (string Name, object? Value)[] properties) =>
        new(className, Ns, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)));
}
