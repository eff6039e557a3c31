using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Wql;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.Wql.WqlTestData;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

public class WqlParserTests
{
    private static WqlPropertyPath P(string path) => new(path);

    [Fact]
    public void Parse_SelectStarWithCaption_GivesStarClassAndEqualityCondition()
    {
        var query = Select("SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");

        Assert.Null(query.Properties);
        Assert.Equal("Msvm_ComputerSystem", query.ClassName);
        Assert.Equal(new WqlComparisonExpression(P("Caption"), WqlComparisonOperator.Equal, new WqlLiteral("Virtual Machine")), query.Where);
    }

    [Fact]
    public void Parse_SelectStarWithoutWhere_HasNoCondition()
    {
        var query = Select("SELECT * FROM Msvm_VirtualSystemSettingData");

        Assert.Equal(new WqlSelectQuery(null, "Msvm_VirtualSystemSettingData", null), query);
    }

    [Fact]
    public void Parse_PropertyListWithIntegerCondition_KeepsOrderAndLongConstant()
    {
        var query = Select("SELECT InstanceID, HostResource, ResourceSubType FROM Msvm_StorageAllocationSettingData WHERE ResourceType = 31");

        Assert.Equal(["InstanceID", "HostResource", "ResourceSubType"], query.Properties);
        Assert.Equal("Msvm_StorageAllocationSettingData", query.ClassName);
        var comparison = Assert.IsType<WqlComparisonExpression>(query.Where);
        Assert.Equal(31L, Assert.IsType<long>(comparison.Value.Value));
    }

    [Fact]
    public void Parse_DataFileQuery_UnescapesBackslashesAndGroupsParentheses()
    {
        var query = Select(@"SELECT Name, FileSize, LastModified FROM CIM_DataFile WHERE Drive = 'C:' AND Path = '\\VMs\\DC01\\' AND (Extension = 'vhdx' OR Extension = 'avhdx')");

        var expected = new WqlAndExpression(
            new WqlAndExpression(
                new WqlComparisonExpression(P("Drive"), WqlComparisonOperator.Equal, new WqlLiteral("C:")),
                new WqlComparisonExpression(P("Path"), WqlComparisonOperator.Equal, new WqlLiteral(@"\VMs\DC01\"))),
            new WqlOrExpression(
                new WqlComparisonExpression(P("Extension"), WqlComparisonOperator.Equal, new WqlLiteral("vhdx")),
                new WqlComparisonExpression(P("Extension"), WqlComparisonOperator.Equal, new WqlLiteral("avhdx"))));
        Assert.Equal(expected, query.Where);
    }

    [Fact]
    public void Parse_DottedPropertyPath_KeepsSegments()
    {
        var query = Select($"SELECT * FROM MSCluster_Resource WHERE PrivateProperties.VmID='{VmGuid}' AND Type='Virtual Machine'");

        var and = Assert.IsType<WqlAndExpression>(query.Where);
        var left = Assert.IsType<WqlComparisonExpression>(and.Left);
        Assert.Equal(["PrivateProperties", "VmID"], left.Property.Segments);
    }

    [Fact]
    public void Parse_KeywordsInAnyCase_AreRecognised()
    {
        var query = Select("select name from Win32_Service where not State = 'Running' and StartMode like 'Auto%' or Name is not null");

        Assert.Equal(["name"], query.Properties);
        Assert.IsType<WqlOrExpression>(query.Where);
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr_GroupsAndFirst()
    {
        var query = Select("SELECT * FROM C WHERE A = 1 OR B = 2 AND C = 3");

        var or = Assert.IsType<WqlOrExpression>(query.Where);
        Assert.IsType<WqlComparisonExpression>(or.Left);
        Assert.IsType<WqlAndExpression>(or.Right);
    }

    [Fact]
    public void Parse_NotBindsTighterThanAnd_AppliesToFirstConditionOnly()
    {
        var query = Select("SELECT * FROM C WHERE NOT A = 1 AND B = 2");

        var and = Assert.IsType<WqlAndExpression>(query.Where);
        Assert.IsType<WqlNotExpression>(and.Left);
        Assert.IsType<WqlComparisonExpression>(and.Right);
    }

    [Fact]
    public void Parse_NotBeforeParentheses_NegatesTheGroup()
    {
        var query = Select("SELECT * FROM C WHERE NOT (A = 1 OR B = 2)");

        var not = Assert.IsType<WqlNotExpression>(query.Where);
        Assert.IsType<WqlOrExpression>(not.Operand);
    }

    [Theory]
    [InlineData("'x' = P", WqlComparisonOperator.Equal)]
    [InlineData("5 < P", WqlComparisonOperator.GreaterThan)]
    [InlineData("5 <= P", WqlComparisonOperator.GreaterThanOrEqual)]
    [InlineData("5 > P", WqlComparisonOperator.LessThan)]
    [InlineData("5 >= P", WqlComparisonOperator.LessThanOrEqual)]
    [InlineData("5 != P", WqlComparisonOperator.NotEqual)]
    public void Parse_ConstantOnTheLeft_MirrorsOperatorWithPropertyOnTheLeft(string condition, WqlComparisonOperator expected)
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select($"SELECT * FROM C WHERE {condition}").Where);

        Assert.Equal("P", comparison.Property.Path);
        Assert.Equal(expected, comparison.Operator);
    }

    [Theory]
    [InlineData("P <> 1")]
    [InlineData("P != 1")]
    public void Parse_BothNotEqualSpellings_GiveNotEqual(string condition)
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select($"SELECT * FROM C WHERE {condition}").Where);

        Assert.Equal(WqlComparisonOperator.NotEqual, comparison.Operator);
    }

    [Theory]
    [InlineData(@"'\\VMs\\DC01\\'", @"\VMs\DC01\")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"'say \""hi\""'", "say \"hi\"")]
    [InlineData(@"""it's""", "it's")]
    [InlineData(@"""a \""b\"" c""", "a \"b\" c")]
    [InlineData("''", "")]
    [InlineData("'  spaced  '", "  spaced  ")]
    public void Parse_StringConstants_UnescapeBackslashSequences(string literal, string expected)
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select($"SELECT * FROM C WHERE P = {literal}").Where);

        Assert.Equal(expected, comparison.Value.Value);
    }

    [Theory]
    [InlineData("-5", -5L)]
    [InlineData("0", 0L)]
    [InlineData("+7", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parse_IntegerConstants_AreLongs(string literal, long expected)
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select($"SELECT * FROM C WHERE P = {literal}").Where);

        Assert.Equal(expected, Assert.IsType<long>(comparison.Value.Value));
    }

    [Fact]
    public void Parse_IntegerAboveInt64_IsUInt64()
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select("SELECT * FROM C WHERE P = 18446744073709551615").Where);

        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong>(comparison.Value.Value));
    }

    [Fact]
    public void Parse_RealConstant_IsDouble()
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select("SELECT * FROM C WHERE P > -1.5e2").Where);

        Assert.Equal(-150.0, Assert.IsType<double>(comparison.Value.Value));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    public void Parse_BooleanConstants_AreBools(string literal, bool expected)
    {
        var comparison = Assert.IsType<WqlComparisonExpression>(Select($"SELECT * FROM C WHERE P = {literal}").Where);

        Assert.Equal(expected, Assert.IsType<bool>(comparison.Value.Value));
    }

    [Fact]
    public void Parse_IsNullAndIsNotNull_GiveNullTests()
    {
        var query = Select("SELECT * FROM C WHERE A IS NULL AND B IS NOT NULL");

        Assert.Equal(new WqlAndExpression(new WqlIsNullExpression(P("A"), false), new WqlIsNullExpression(P("B"), true)), query.Where);
    }

    [Fact]
    public void Parse_NotLike_IsNegatedLike()
    {
        var query = Select("SELECT * FROM C WHERE Name NOT LIKE 'x%'");

        Assert.Equal(new WqlNotExpression(new WqlLikeExpression(P("Name"), "x%")), query.Where);
    }

    [Theory]
    [InlineData("SELECT * FROM C WHERE __this ISA 'Msvm_ComputerSystem'")]
    [InlineData("SELECT * FROM C WHERE __this ISA \"Msvm_ComputerSystem\"")]
    [InlineData("SELECT * FROM C WHERE __this ISA Msvm_ComputerSystem")]
    public void Parse_Isa_AcceptsQuotedOrBareClassName(string text)
    {
        Assert.Equal(new WqlIsaExpression(P("__this"), "Msvm_ComputerSystem"), Select(text).Where);
    }

    [Fact]
    public void Parse_WhitespaceAndLineBreaks_AreIgnored()
    {
        var query = Select("\r\n  SELECT\tName ,Type\n FROM  MSCluster_Resource\r\n WHERE\tType='Virtual Machine'  \n");

        Assert.Equal(["Name", "Type"], query.Properties);
        Assert.Equal("MSCluster_Resource", query.ClassName);
    }

    [Fact]
    public void Parse_ConcreteJobQuery_ComparesInstanceId()
    {
        var query = Select(@"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = 'A1B2C3D4-0000-1111-2222-333344445555'");

        Assert.Equal("Msvm_ConcreteJob", query.ClassName);
        Assert.Equal(
            new WqlComparisonExpression(P("InstanceID"), WqlComparisonOperator.Equal, new WqlLiteral("A1B2C3D4-0000-1111-2222-333344445555")),
            query.Where);
    }

    [Fact]
    public void Parse_AssociatorsOfComputerSystem_ParsesPathAndClauses()
    {
        var text = $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='{VmGuid}'}} WHERE AssocClass = Msvm_SnapshotOfVirtualSystem ResultClass = Msvm_VirtualSystemSettingData";

        var query = Assert.IsType<WqlAssociatorsQuery>(WqlParser.Parse(text, CimNamespaces.Virtualization));

        Assert.Equal(
            CimReference.Create("Msvm_ComputerSystem", CimNamespaces.Virtualization, ("CreationClassName", "Msvm_ComputerSystem"), ("Name", VmGuid)),
            query.Source);
        Assert.Equal("Msvm_SnapshotOfVirtualSystem", query.AssocClass);
        Assert.Equal("Msvm_VirtualSystemSettingData", query.ResultClass);
        Assert.Null(query.Role);
        Assert.Null(query.ResultRole);
        Assert.False(query.ClassDefsOnly);
    }

    [Fact]
    public void Parse_AssociatorsOfCluster_UsesDefaultNamespace()
    {
        var query = Assert.IsType<WqlAssociatorsQuery>(
            WqlParser.Parse("ASSOCIATORS OF {MSCluster_Cluster.Name='CLU01'} WHERE AssocClass = MSCluster_ClusterToNode", CimNamespaces.Cluster));

        Assert.Equal(CimReference.Create("MSCluster_Cluster", CimNamespaces.Cluster, ("Name", "CLU01")), query.Source);
        Assert.Equal(CimNamespaces.Cluster, query.Source.Namespace);
        Assert.Equal("MSCluster_ClusterToNode", query.AssocClass);
        Assert.Null(query.ResultClass);
    }

    [Fact]
    public void Parse_AssociatorsWithNamespaceAndDoubleQuotes_KeepsPathNamespaceAndUnescapesValue()
    {
        var text = @"ASSOCIATORS OF {root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID=""Microsoft:6F0C\\5B8F{x}""} WHERE ResultClass = Msvm_ComputerSystem";

        var query = Assert.IsType<WqlAssociatorsQuery>(WqlParser.Parse(text, CimNamespaces.Cimv2));

        Assert.Equal(CimNamespaces.Virtualization, query.Source.Namespace);
        Assert.Equal("Msvm_VirtualSystemSettingData", query.Source.ClassName);
        Assert.Equal(@"Microsoft:6F0C\5B8F{x}", query.Source["InstanceID"]);
    }

    [Fact]
    public void Parse_AssociatorsWithAllClauses_ReadsEachInAnyOrderAndCase()
    {
        var query = Assert.IsType<WqlAssociatorsQuery>(WqlParser.Parse(
            "associators of {Msvm_X.Name='a'} where resultrole = Dependent role = Antecedent assocclass = 'Msvm_Dep' classdefsonly",
            CimNamespaces.Virtualization));

        Assert.Equal(new WqlAssociatorsQuery(CimReference.Create("Msvm_X", CimNamespaces.Virtualization, ("Name", "a")),
            "Msvm_Dep", null, "Antecedent", "Dependent", true), query);
    }

    [Fact]
    public void Parse_AssociatorsWithoutWhere_HasNoFilters()
    {
        var query = Assert.IsType<WqlAssociatorsQuery>(WqlParser.Parse("ASSOCIATORS OF {MSCluster_Cluster.Name='CLU01'}", CimNamespaces.Cluster));

        Assert.Null(query.AssocClass);
        Assert.Null(query.ResultClass);
        Assert.False(query.ClassDefsOnly);
    }

    [Theory]
    [InlineData("REFERENCES OF {Msvm_X.Name='a'}")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE RequiredQualifier = Association")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE KeysOnly")]
    public void Parse_ValidWqlTheSimulatorDoesNotImplement_ThrowsNotSupported(string text)
    {
        var error = Assert.Throws<CimException>(() => WqlParser.Parse(text, CimNamespaces.Virtualization));

        Assert.IsNotType<WqlSyntaxException>(error);
        Assert.Equal(CimErrorKind.NotSupported, error.Kind);
        Assert.Equal(0x8004100Cu, error.WmiErrorCode);
    }

    [Theory]
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")]
    [InlineData(@"SELECT Name, FileSize, LastModified FROM CIM_DataFile WHERE Drive = 'C:' AND Path = '\\VMs\\DC01\\' AND (Extension = 'vhdx' OR Extension = 'avhdx')")]
    [InlineData("SELECT * FROM C WHERE NOT (A = 1 OR B <= -2.5) AND (C IS NULL OR NOT D LIKE '[^x]_%') AND E ISA 'Y' AND F = TRUE AND G <> NULL")]
    [InlineData("SELECT * FROM C WHERE A = 1 OR (B = 2 OR C = 3)")]
    [InlineData("SELECT * FROM C WHERE 'it\\'s' = P.Q")]
    public void Parse_ToStringOfParsedQuery_ParsesToAnEqualQuery(string text)
    {
        var query = Select(text);

        Assert.Equal(query, Select(query.ToString()));
    }

    [Fact]
    public void Parse_ToStringOfAssociators_ParsesToAnEqualQuery()
    {
        var query = WqlParser.Parse(
            @"ASSOCIATORS OF {Msvm_X.InstanceID='Microsoft:A\\B'} WHERE AssocClass = A ResultClass = B Role = C ResultRole = D",
            CimNamespaces.Virtualization);

        Assert.Equal(query, WqlParser.Parse(query.ToString()!, CimNamespaces.Cimv2));
    }
}
