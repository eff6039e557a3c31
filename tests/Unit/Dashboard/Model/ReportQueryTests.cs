using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class ReportQueryTests
{
    [Fact]
    public void Parse_CommaListsAndRepeatedKeys_AndAnEmptyClusterMeansStandalone()
    {
        var filter = ReportQuery.Parse(["PROD,DEV", "", "prod"], ["HV01"], " SQL* ", "critical", ["AGE", "depth,bogus"], onlyFindings: true);

        Assert.Equal(["PROD", "DEV", ""], filter.Clusters);
        Assert.Equal(["HV01"], filter.Hosts);
        Assert.Equal("SQL*", filter.VmNamePattern);
        Assert.Equal(FindingSeverity.Critical, filter.MinimumSeverity);
        Assert.Equal(["age", "depth"], filter.RuleIds);
        Assert.True(filter.OnlyRowsWithFindings);
        Assert.Empty(filter.Validate());
    }

    [Fact]
    public void QueryString_RoundTripsThroughParse()
    {
        var filter = new ReportFilter
        {
            Clusters = ["PROD", ""],
            VmNamePattern = "DC 01&*",
            MinimumSeverity = FindingSeverity.Warning,
            RuleIds = ["age"],
        };

        var query = ReportQuery.QueryString(filter);

        Assert.Equal("?cluster=PROD&cluster=&vm=DC%2001%26%2A&severity=Warning&rule=age", query);
        var values = query[1..].Split('&').Select(p => p.Split('=')).GroupBy(p => p[0], p => Uri.UnescapeDataString(p[1]))
            .ToDictionary(g => g.Key, g => g.ToArray());
        var back = ReportQuery.Parse(values["cluster"], null, values["vm"][0], values["severity"][0], values["rule"], onlyFindings: false);
        Assert.Equal(filter.Clusters, back.Clusters);
        Assert.Equal(filter.VmNamePattern, back.VmNamePattern);
        Assert.Equal(filter.MinimumSeverity, back.MinimumSeverity);
        Assert.Equal(filter.RuleIds, back.RuleIds);
    }

    [Fact]
    public void QueryString_NoFilter_IsEmpty() => Assert.Equal(string.Empty, ReportQuery.QueryString(ReportFilter.None));
}
