using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>A <see cref="ReportExclusion"/> in configuration: VM name wildcards, clusters (<c>""</c> for standalone hosts) and hosts.</summary>
public sealed class ExclusionOptions
{
    public string[]? VmNamePatterns { get; set; }

    public string[]? Clusters { get; set; }

    public string[]? Hosts { get; set; }

    public ReportExclusion ToExclusion() => new()
    {
        VmNamePatterns = [.. VmNamePatterns ?? []],
        Clusters = [.. Clusters ?? []],
        Hosts = [.. Hosts ?? []],
    };
}
