using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    [Fact]
    public void Build_ThreeCheckpoints_IsWithinTheCountLimit()
    {
        Assert.Empty(Report([Chain("APP01", 3)], Only(ReportRuleIds.Count)).Findings);
    }

    [Fact]
    public void Build_FourCheckpoints_BreaksTheCountLimit()
    {
        var finding = Assert.Single(Report([Chain("APP01", 4)], Only(ReportRuleIds.Count)).Findings);

        Assert.Equal(4, finding.Value);
        Assert.Null(finding.CheckpointId);
        Assert.Equal("APP01 has 4 checkpoints (the limit is 3).", finding.Message);
    }

    [Fact]
    public void Build_ChainOfFour_BreaksTheDepthLimitAndRowsCarryEachDepth()
    {
        var report = Report([Chain("APP01", 4)], Only(ReportRuleIds.Depth));

        Assert.Equal(4, Assert.Single(report.Findings).Value);
        Assert.Equal([1, 2, 3, 4], report.Rows.Select(r => r.Depth));
        Assert.Equal(4, Assert.Single(report.ByVm).MaxDepth);
    }

    [Fact]
    public void Build_FourCheckpointsInTwoShallowBranches_BreaksCountButNotDepth()
    {
        // 1 ─┬─ 2 ── 3
        //    └─ 4 ── Now
        var vm = Vm("APP01", [Cp(1, null, Days(4)), Cp(2, 1, Days(3)), Cp(3, 2, Days(2)), Cp(4, 1, Days(1))], current: 4);

        var rules = ReportRules.Default with { Rules = Only(ReportRuleIds.Count).Rules.SetItem(ReportRuleIds.Depth, RuleSetting.Warning) };

        var report = Report([vm], rules);

        Assert.Equal([ReportRuleIds.Count], Rules(report));
        var summary = Assert.Single(report.ByVm);
        Assert.Equal(3, summary.MaxDepth);
        Assert.Equal(1, summary.Branches);
        Assert.Equal(4, summary.Checkpoints);
        Assert.Equal([1, 2, 3, 2], report.Rows.Select(r => r.Depth));
    }

    [Fact]
    public void Build_CheckpointWithOneChildAndNow_CountsAsABranch()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(2)), Cp(2, 1, Days(1))], current: 1);

        Assert.Equal(1, Assert.Single(Report([vm]).ByVm).Branches);
    }

    [Fact]
    public void Build_ReplicaPointsOnTheReplicaSide_AreNotSprawl()
    {
        var points = Enumerable.Range(1, 6).Select(i => Cp(i, i == 1 ? null : i - 1, Days(7 - i), CheckpointKind.Replica)).ToList();
        var replica = Vm("APP01-R", points, current: 6, replication: ReplicationMode.Replica);

        var report = Report([replica]);

        Assert.Empty(report.Findings);
        Assert.Equal(6, report.Rows.Length);
    }

    [Fact]
    public void Build_ReplicaPointsOnAPrimary_AreLeftovers()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(2), CheckpointKind.Replica)], current: 1, replication: ReplicationMode.Primary);

        var finding = Assert.Single(Report([vm]).Findings);

        Assert.Equal(ReportRuleIds.BackupLeftover, finding.RuleId);
        Assert.StartsWith("Replica checkpoint 'cp1' of APP01 is 2.0 days old", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CustomLimits_AreApplied()
    {
        var rules = ReportRules.Default with { MaxCheckpointsPerVm = 1, MaxChainDepth = 1 };

        var report = Report([Chain("APP01", 2)], rules);

        Assert.Equal([ReportRuleIds.Count, ReportRuleIds.Depth], Rules(report));
    }
}
