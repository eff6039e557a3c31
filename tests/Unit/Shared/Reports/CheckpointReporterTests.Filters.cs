using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    [Fact]
    public void Build_ClusterFilter_CoversOnlyThatClustersVmsAndHosts()
    {
        var report = Report(MixedFleet(), filter: new ReportFilter { Clusters = ["prod"] });

        Assert.Equal(["DC01", "APP01"], report.ByVm.Select(v => v.Vm));
        Assert.Equal(["N1", "N2"], report.ByHost.Select(h => h.Name));
        Assert.Equal(6, report.Rows.Length);
        Assert.All(report.Findings, f => Assert.Equal("PROD", f.Cluster));
        Assert.Equal(10 * GiB, report.Fleet.Bytes);
    }

    [Fact]
    public void Build_EmptyClusterName_SelectsStandaloneHosts()
    {
        var report = Report(MixedFleet(), filter: new ReportFilter { Clusters = [""] });

        Assert.Equal(["WEB01", "FILE01"], report.ByVm.Select(v => v.Vm));
        Assert.Equal(["Standalone hosts"], report.ByCluster.Select(c => c.Name));
    }

    [Fact]
    public void Build_HostAndNameFilters_Combine()
    {
        var report = Report(MixedFleet(), filter: new ReportFilter { Hosts = ["N1", "N2", "HV02"], VmNamePattern = "*0?" });

        Assert.Equal(["DC01", "APP01", "FILE01"], report.ByVm.Select(v => v.Vm));

        var named = Report(MixedFleet(), filter: new ReportFilter { VmNamePattern = "d*" });
        Assert.Equal(["DC01"], named.ByVm.Select(v => v.Vm));
    }

    [Fact]
    public void Build_MinimumSeverity_KeepsOnlyThoseFindingsButEveryRow()
    {
        var fleet = MixedFleet();
        var all = Report(fleet);
        var critical = Report(fleet, filter: new ReportFilter { MinimumSeverity = FindingSeverity.Critical });

        Assert.Contains(all.Findings, f => f.Severity == FindingSeverity.Warning);
        Assert.Equal(all.Findings.Where(f => f.Severity == FindingSeverity.Critical), critical.Findings);
        Assert.Equal(0, critical.Fleet.Warning);
        Assert.Equal(all.Rows.Length, critical.Rows.Length);
        Assert.All(critical.Rows, r => Assert.DoesNotContain(ReportRuleIds.Count, r.Findings));
    }

    [Fact]
    public void Build_RuleIdFilter_KeepsOnlyThoseRules()
    {
        var report = Report(MixedFleet(), filter: new ReportFilter { RuleIds = ["DEPTH", ReportRuleIds.StandardType] });

        Assert.Equal(
            [(ReportRuleIds.Depth, "DC01"), (ReportRuleIds.StandardType, "DC01"), (ReportRuleIds.Depth, "FILE01")],
            report.Findings.Select(f => (f.RuleId, f.VmName!)));
    }

    [Fact]
    public void Build_OnlyRowsWithFindings_DropsCleanCheckpoints()
    {
        var report = Report(MixedFleet(), filter: new ReportFilter { RuleIds = [ReportRuleIds.Age], OnlyRowsWithFindings = true });

        Assert.NotEmpty(report.Rows);
        Assert.All(report.Rows, r => Assert.Equal([ReportRuleIds.Age], r.Findings));
        Assert.Equal(report.Findings.Length, report.Rows.Length);
    }

    [Fact]
    public void Build_GlobalExclusionByName_SuppressesFindingsButKeepsTheVm()
    {
        var rules = ReportRules.Default with { Exclude = new ReportExclusion { VmNamePatterns = ["dc*"] } };

        var report = Report(MixedFleet(), rules);

        Assert.DoesNotContain(report.Findings, f => f.VmName == "DC01");
        Assert.Equal(4, report.ByVm.Single(v => v.Vm == "DC01").Checkpoints);
        Assert.Equal(12, report.Fleet.Checkpoints);
    }

    [Fact]
    public void Build_PerRuleExclusionByScope_SuppressesOnlyThatRule()
    {
        var rules = ReportRules.Default with
        {
            Rules = ReportRules.Default.Rules.SetItem(ReportRuleIds.Age,
                RuleSetting.Warning with { Exclude = new ReportExclusion { Clusters = ["TEST"], Hosts = ["hv02"] } }),
        };

        var report = Report(MixedFleet(), rules);

        Assert.DoesNotContain(report.Findings, f => f.RuleId == ReportRuleIds.Age && f.VmName is "SQL01" or "FILE01");
        Assert.Contains(report.Findings, f => f.RuleId == ReportRuleIds.Age && f.VmName == "APP01");
        Assert.Contains(report.Findings, f => f.RuleId == ReportRuleIds.Count && f.VmName == "FILE01");
    }

    [Fact]
    public void Build_DisabledRule_HasNoFindings()
    {
        var rules = ReportRules.Default with { Rules = ReportRules.Default.Rules.SetItem("Age", RuleSetting.Off) };

        Assert.DoesNotContain(Report(MixedFleet(), rules).Findings, f => f.RuleId == ReportRuleIds.Age);
    }

    [Fact]
    public void Validate_UnknownRuleInFilter_NamesIt()
    {
        var errors = new ReportFilter { RuleIds = ["age", "sprawl"] }.Validate();

        Assert.Equal(["RuleIds: 'sprawl' is not a known rule; the rules are " + string.Join(", ", ReportRuleIds.All) + "."], errors);
    }
}
