using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    [Fact]
    public void Build_VmOnStandardCheckpoints_BreaksTheStandardTypeRule()
    {
        var report = Report([Vm("APP01", type: CheckpointType.Standard), Vm("APP02", type: CheckpointType.Production)]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ReportRuleIds.StandardType, "APP01", FindingSeverity.Warning), (finding.RuleId, finding.VmName, finding.Severity));
    }

    [Theory]
    [InlineData("DC01", CheckpointType.Standard, true)]
    [InlineData("corp-dc02", CheckpointType.Standard, true)]
    [InlineData("SQL-PROD", CheckpointType.Unknown, true)]
    [InlineData("ERP-DB01", CheckpointType.Standard, true)]
    [InlineData("DC01", CheckpointType.Production, false)]
    [InlineData("DC01", CheckpointType.ProductionOnly, false)]
    [InlineData("DC01", CheckpointType.Disabled, false)]
    [InlineData("WEB01", CheckpointType.Standard, false)]
    [InlineData("ADC01", CheckpointType.Standard, false)]
    public void Build_CriticalVmNames_MustBeOnProduction(string name, CheckpointType type, bool expected)
    {
        var report = Report([Vm(name, type: type)], Only(ReportRuleIds.CriticalNotProduction));

        Assert.Equal(expected, report.Findings.Any(f => f.RuleId == ReportRuleIds.CriticalNotProduction && f.Severity == FindingSeverity.Critical));
        Assert.Equal(expected || name is "DC01", Assert.Single(report.ByVm).IsCritical);
    }

    [Fact]
    public void Build_CustomCriticalPatterns_ReplaceTheDefaults()
    {
        var rules = Only(ReportRuleIds.CriticalNotProduction) with { CriticalVmPatterns = ["EXCH*"] };

        var report = Report([Vm("DC01", type: CheckpointType.Standard), Vm("exch01", type: CheckpointType.Standard)], rules);

        Assert.Equal("exch01", Assert.Single(report.Findings).VmName);
    }

    [Fact]
    public void Build_StandardCheckpointWithMemoryOnADomainController_IsCritical()
    {
        var dc = Vm("DC01", [Cp(1, null, Days(1), CheckpointKind.Standard, saved: true), Cp(2, 1, Days(1), CheckpointKind.Standard)], current: 2);
        var web = Vm("WEB01", [Cp(3, null, Days(1), CheckpointKind.Standard, saved: true)], current: 3);

        var report = Report([dc, web], Only(ReportRuleIds.StandardWithMemory));

        var finding = Assert.Single(report.Findings);
        Assert.Equal((G(1), FindingSeverity.Critical), (finding.CheckpointId, finding.Severity));
        Assert.Equal([ReportRuleIds.StandardWithMemory], report.Rows.Single(r => r.CheckpointId == G(1)).Findings);
    }

    [Fact]
    public void Build_BackupLeftover_StartsExactlyAtItsThreshold()
    {
        var vm = Vm("APP01",
        [
            Cp(1, null, Days(1), CheckpointKind.Recovery),
            Cp(2, 1, Days(1) - TimeSpan.FromTicks(1), CheckpointKind.Recovery),
        ], current: 2);

        var finding = Assert.Single(Report([vm], Only(ReportRuleIds.BackupLeftover)).Findings);

        Assert.Equal(G(1), finding.CheckpointId);
        Assert.Equal("Recovery checkpoint 'cp1' of APP01 is 1.0 days old: backup or replication software left it behind (the limit is 1 day).",
            finding.Message);
    }

    [Fact]
    public void Build_AutomaticCheckpoint_IsLeftOverFromItsThreshold()
    {
        var vm = Vm("APP01",
        [
            Cp(1, null, Days(7), automatic: true),
            Cp(2, 1, Days(7) - TimeSpan.FromTicks(1), automatic: true),
            Cp(3, 2, Days(9)),
        ], current: 2);

        var finding = Assert.Single(Report([vm], Only(ReportRuleIds.AutomaticLeft)).Findings);

        Assert.Equal(G(1), finding.CheckpointId);
        Assert.Equal(7.0, finding.Value);
    }

    [Fact]
    public void Build_RuleSeverity_IsConfigurable()
    {
        var rules = ReportRules.Default with
        {
            Rules = Only(ReportRuleIds.StandardType).Rules.SetItem(ReportRuleIds.StandardType, RuleSetting.Critical),
        };

        var report = Report([Vm("APP01", type: CheckpointType.Standard)], rules);

        Assert.Equal(FindingSeverity.Critical, Assert.Single(report.Findings).Severity);
        Assert.Equal(1, report.Fleet.Critical);
    }

    [Fact]
    public void Build_Findings_AreMostSevereFirst()
    {
        var dc = Vm("DC01", [Cp(1, null, Days(8), CheckpointKind.Standard, saved: true)], current: 1, type: CheckpointType.Standard);

        var severities = Report([dc]).Findings.Select(f => f.Severity).ToArray();

        Assert.Equal(severities.OrderByDescending(s => s), severities);
        Assert.Equal(
            [ReportRuleIds.CriticalNotProduction, ReportRuleIds.StandardWithMemory, ReportRuleIds.StandardType, ReportRuleIds.Age],
            Rules(Report([dc])));
    }
}
