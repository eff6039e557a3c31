using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class ReportRulesTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        Assert.Empty(ReportRules.Default.Validate());
    }

    [Fact]
    public void Defaults_AreTheDocumentedThresholds()
    {
        var rules = ReportRules.Default;

        Assert.Equal((7, 30), (rules.AgeWarning.TotalDays, rules.AgeCritical!.Value.TotalDays));
        Assert.Equal((3, 3, 50L * 1024 * 1024 * 1024, 0.5), (rules.MaxCheckpointsPerVm, rules.MaxChainDepth, rules.MaxCheckpointBytesPerVm, rules.MaxCheckpointShare));
        Assert.Equal((1, 7), (rules.BackupLeftoverAge.TotalDays, rules.AutomaticAge.TotalDays));
        Assert.Equal(["DC*", "*-DC*", "SQL*", "*DB*"], rules.CriticalVmPatterns);
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByName()
    {
        var rules = ReportRules.Default with
        {
            AgeWarning = TimeSpan.Zero,
            MaxCheckpointsPerVm = -1,
            MaxCheckpointShare = 1.5,
            BackupLeftoverAge = TimeSpan.FromDays(-1),
            TopOffenders = 0,
            CriticalVmPatterns = ["DC*", " "],
        };

        var errors = rules.Validate();

        Assert.Equal(
        [
            "AgeWarning must be more than zero; it is 00:00:00.",
            "MaxCheckpointsPerVm must be at least 0; it is -1.",
            "MaxCheckpointShare must be a fraction above 0 and at most 1 (0.5 is half); it is 1.5.",
            "BackupLeftoverAge must be more than zero; it is -1.00:00:00.",
            "TopOffenders must be between 1 and 1000; it is 0.",
            "CriticalVmPatterns[1] must not be empty (use * to match every name).",
        ], errors);
    }

    [Fact]
    public void Validate_CriticalAgeShorterThanWarning_SaysSo()
    {
        var errors = (ReportRules.Default with { AgeCritical = TimeSpan.FromDays(5) }).Validate();

        Assert.Equal(["AgeCritical (5 days) must not be shorter than AgeWarning (7 days)."], errors);
    }

    [Fact]
    public void Validate_BucketsOutOfOrder_NamesTheBoundary()
    {
        var errors = (ReportRules.Default with { AgeBuckets = [TimeSpan.FromDays(7), TimeSpan.FromDays(7), TimeSpan.Zero] }).Validate();

        Assert.Equal(
        [
            "AgeBuckets[1] (7 days) must be longer than the boundary before it (7 days).",
            "AgeBuckets[2] must be more than zero; it is 00:00:00.",
        ], errors);
    }

    [Fact]
    public void Validate_NoBuckets_SaysAtLeastOne()
    {
        Assert.Single((ReportRules.Default with { AgeBuckets = [] }).Validate(), e => e.StartsWith("AgeBuckets must list", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownRuleAndBadSeverityAndEmptyHost_AreNamed()
    {
        var rules = ReportRules.Default with
        {
            Rules = ReportRules.Default.Rules
                .SetItem("sprawl", RuleSetting.Warning)
                .SetItem(ReportRuleIds.Age, new RuleSetting(true, (FindingSeverity)7, new ReportExclusion { Hosts = [""] })),
        };

        var errors = rules.Validate();

        Assert.Equal(
        [
            "Rules:age:Severity must be Info, Warning or Critical; it is 7.",
            "Rules:age:Exclude:Hosts[0] must not be empty.",
            $"Rules:sprawl is not a known rule; the rules are {string.Join(", ", ReportRuleIds.All)}.",
        ], errors);
    }

    [Fact]
    public void Setting_OverrideInAnotherCase_IsFound()
    {
        var rules = ReportRules.Default with
        {
            Rules = System.Collections.Immutable.ImmutableDictionary<string, RuleSetting>.Empty.Add("AGE", RuleSetting.Info),
        };

        Assert.Equal(RuleSetting.Info, rules.Setting(ReportRuleIds.Age));
        Assert.Equal(RuleSetting.Critical, rules.Setting(ReportRuleIds.StandardWithMemory));
        Assert.Equal(RuleSetting.Warning, rules.Setting(ReportRuleIds.Count));
    }

    [Fact]
    public void RuleIds_AreStableAndKnown()
    {
        Assert.Equal(
            ["age", "count", "depth", "size", "share", "standard-type", "critical-not-production", "standard-with-memory",
             "backup-leftover", "automatic-left", "orphan-disk", "unregistered-differencing"],
            ReportRuleIds.All);
        Assert.True(ReportRuleIds.IsKnown("Backup-Leftover"));
        Assert.False(ReportRuleIds.IsKnown("sprawl"));
    }
}
