using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Wql;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

/// <summary>Builds instances and runs queries for the WQL tests.</summary>
internal static class WqlTestData
{
    public const string VmGuid = "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10";

    public static CimInstance Instance(string className, params (string Name, object? Value)[] properties) =>
        new(className, CimNamespaces.Virtualization, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    public static WqlSelectQuery Select(string query) =>
        Assert.IsType<WqlSelectQuery>(WqlParser.Parse(query, CimNamespaces.Virtualization));

    /// <summary>Whether <c>SELECT * FROM Test_Class WHERE condition</c> matches <paramref name="instance"/>.</summary>
    public static bool Where(string condition, CimInstance instance) =>
        Select($"SELECT * FROM Test_Class WHERE {condition}").Matches(instance);

    /// <summary>Whether the condition matches an instance whose only property is <c>P</c> with <paramref name="value"/>.</summary>
    public static bool WhereP(string condition, object? value) => Where(condition, Instance("Test_Class", ("P", value)));

    public static WqlSyntaxException SyntaxError(string query) =>
        Assert.Throws<WqlSyntaxException>(() => WqlParser.Parse(query, CimNamespaces.Virtualization));
}
