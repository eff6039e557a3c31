using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>The <c>Reports</c> section: every rule names the key to fix, and configuration binds into the report's rules.</summary>
public sealed class ReportOptionsValidatorTests
{
    private readonly ReportOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new ReportOptions()).Succeeded);
        Assert.Equal(ReportRulesJson.Serialize(ReportRules.Default), ReportRulesJson.Serialize(new ReportOptions().ToRules()));
    }

    [Fact]
    public void Bind_Configuration_BecomesTheRules()
    {
        var options = Bind(new()
        {
            ["Reports:AgeWarning"] = "3.00:00:00",
            ["Reports:AgeCritical"] = "00:00:00",
            ["Reports:AgeBuckets:0"] = "1.00:00:00",
            ["Reports:AgeBuckets:1"] = "10.00:00:00",
            ["Reports:CriticalVmPatterns:0"] = "ADDS*",
            ["Reports:Rules:age:Severity"] = "Critical",
            ["Reports:Rules:standard-type:Enabled"] = "false",
            ["Reports:Rules:count:Exclude:VmNamePatterns:0"] = "LAB-*",
            ["Reports:Exclude:Clusters:0"] = "TEST",
        });

        var rules = options.ToRules();

        Assert.Equal(TimeSpan.FromDays(3), rules.AgeWarning);
        Assert.Null(rules.AgeCritical);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(10)], rules.AgeBuckets);
        Assert.Equal(["ADDS*"], rules.CriticalVmPatterns);
        Assert.Equal(FindingSeverity.Critical, rules.Setting("AGE").Severity);
        Assert.False(rules.Setting(ReportRuleIds.StandardType).Enabled);
        Assert.Equal(FindingSeverity.Warning, rules.Setting(ReportRuleIds.StandardType).Severity);
        Assert.Equal(["LAB-*"], rules.Setting(ReportRuleIds.Count).Exclude!.VmNamePatterns);
        Assert.Equal(["TEST"], rules.Exclude.Clusters);
        Assert.Equal(ReportRules.Default.MaxChainDepth, rules.MaxChainDepth);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Reports:Rules:ages:Enabled", "true", "Reports:Rules:ages is not a known rule")]
    [InlineData("Reports:AgeWarning", "-1.00:00:00", "Reports:AgeWarning must be more than zero")]
    [InlineData("Reports:AgeCritical", "2.00:00:00", "Reports:AgeCritical (2 days) must not be shorter than AgeWarning")]
    [InlineData("Reports:MaxChainDepth", "-1", "Reports:MaxChainDepth must be at least 0")]
    [InlineData("Reports:MaxCheckpointShare", "1.5", "Reports:MaxCheckpointShare must be a fraction")]
    [InlineData("Reports:TopOffenders", "0", "Reports:TopOffenders must be between 1 and 1000")]
    [InlineData("Reports:AgeBuckets:0", "00:00:00", "Reports:AgeBuckets[0] must be more than zero")]
    [InlineData("Reports:CriticalVmPatterns:0", " ", "Reports:CriticalVmPatterns[0] must not be empty")]
    [InlineData("Reports:Digest:Interval", "00:00:10", "Reports:Digest:Interval: 00:00:10 is outside")]
    [InlineData("Reports:Digest:At", "1.00:00:00", "Reports:Digest:At: 1.00:00:00 is not a time of day")]
    [InlineData("Reports:Digest:Timeout", "00:00:00", "Reports:Digest:Timeout")]
    [InlineData("Reports:Digest:Retries", "11", "Reports:Digest:Retries: 11 is outside [0, 10]")]
    [InlineData("Reports:Digest:RetryDelay", "00:05:00", "Reports:Digest:RetryDelay")]
    [InlineData("Reports:History:SampleInterval", "00:00:01", "Reports:History:SampleInterval")]
    [InlineData("Reports:History:KeepEverything", "-00:00:01", "Reports:History:KeepEverything")]
    [InlineData("Reports:History:KeepDaily", "1.00:00:00", "Reports:History:KeepDaily: 1.00:00:00 must not be shorter than Reports:History:KeepEverything")]
    [InlineData("Reports:History:CompactInterval", "00:00:01", "Reports:History:CompactInterval")]
    public void Validate_BadValue_NamesTheKey(string key, string value, string expected)
    {
        var result = _validator.Validate(null, Bind(new() { [key] = value }));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RuleSeverityOutOfRange_NamesTheRulesKey()
    {
        var options = new ReportOptions();
        options.Rules["age"] = new RuleSettingOptions { Severity = (FindingSeverity)7 };

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Reports:Rules:age:Severity must be Info, Warning or Critical", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://hooks.example.com/services/SECRET", "must use https")]
    [InlineData("ftp://hooks.example.com/x", "must be an absolute http or https URL")]
    [InlineData("hooks.example.com/x", "must be an absolute http or https URL")]
    public void Validate_BadWebhookUrl_NamesTheKeyButNotTheSecret(string url, string expected)
    {
        var result = _validator.Validate(null, Bind(new()
        {
            ["Reports:Digest:Webhooks:0:Name"] = "ops",
            ["Reports:Digest:Webhooks:0:Url"] = url,
        }));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Reports:Digest:Webhooks:0:Url: " + expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:9000/hook")]
    [InlineData("https://hooks.slack.com/services/T0/B0/X")]
    public void Validate_HttpsOrLoopbackWebhook_Succeeds(string url)
    {
        var result = _validator.Validate(null, Bind(new()
        {
            ["Reports:Digest:Webhooks:0:Name"] = "ops",
            ["Reports:Digest:Webhooks:0:Url"] = url,
            ["Reports:Digest:Webhooks:0:Format"] = "Slack",
        }));

        Assert.True(result.Succeeded, string.Join(" ", result.Failures ?? []));
    }

    [Fact]
    public void Validate_WebhookWithoutNameOrWithDuplicateName_NamesTheKey()
    {
        var result = _validator.Validate(null, Bind(new()
        {
            ["Reports:Digest:Webhooks:0:Url"] = "https://a.example.com/x",
            ["Reports:Digest:Webhooks:1:Name"] = "ops",
            ["Reports:Digest:Webhooks:1:Url"] = "https://a.example.com/y",
            ["Reports:Digest:Webhooks:2:Name"] = "OPS",
            ["Reports:Digest:Webhooks:2:Url"] = "https://a.example.com/z",
        }));

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Reports:Digest:Webhooks:0:Name: is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Reports:Digest:Webhooks:2:Name: 'OPS' is used by another webhook", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ManyProblems_AllReportedAtOnce()
    {
        var result = _validator.Validate(null, Bind(new()
        {
            ["Reports:MaxChainDepth"] = "-1",
            ["Reports:Digest:Retries"] = "-1",
            ["Reports:History:SampleInterval"] = "00:00:00",
        }));

        Assert.Equal(3, result.Failures!.Count());
    }

    private static ReportOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new ReportOptions();
        configuration.GetSection(ReportOptions.SectionName).Bind(options);
        return options;
    }
}
