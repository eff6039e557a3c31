using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class RulesFormTests
{
    [Fact]
    public void Unchanged_GivesBackTheSameThresholds()
    {
        var rules = ReportRules.Default;

        var back = new RulesForm(rules).ToRules();

        Assert.Equal(rules.AgeWarning, back.AgeWarning);
        Assert.Equal(rules.AgeCritical, back.AgeCritical);
        Assert.Equal(rules.MaxCheckpointBytesPerVm, back.MaxCheckpointBytesPerVm);
        Assert.Equal(rules.MaxCheckpointShare, back.MaxCheckpointShare, 6);
        Assert.Equal(rules.CriticalVmPatterns, back.CriticalVmPatterns);
        Assert.All(ReportRuleIds.All, id => Assert.Equal(rules.Setting(id), back.Setting(id)));
        Assert.Empty(back.Validate());
    }

    [Fact]
    public void Edits_AreConvertedFromTheUnitsShown()
    {
        var form = new RulesForm(ReportRules.Default)
        {
            AgeWarningDays = 3,
            AgeCriticalDays = null,
            MaxGiB = 1.5,
            MaxSharePercent = 25,
            ExcludeVms = "LAB-*, test*, LAB-*",
        };
        form.Settings[ReportRuleIds.StandardType].Enabled = false;
        form.Settings[ReportRuleIds.Depth].Severity = FindingSeverity.Critical;

        var rules = form.ToRules();

        Assert.Equal(TimeSpan.FromDays(3), rules.AgeWarning);
        Assert.Null(rules.AgeCritical);
        Assert.Equal(1610612736L, rules.MaxCheckpointBytesPerVm);
        Assert.Equal(0.25, rules.MaxCheckpointShare, 6);
        Assert.Equal(["LAB-*", "test*"], rules.Exclude.VmNamePatterns);
        Assert.False(rules.Setting(ReportRuleIds.StandardType).Enabled);
        Assert.Equal(FindingSeverity.Critical, rules.Setting(ReportRuleIds.Depth).Severity);
    }
}
