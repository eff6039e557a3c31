namespace CheckpointDashboard.Shared.Reports;

/// <summary>How urgent a finding is. The order matters: a filter's minimum severity keeps this value and those above it.</summary>
public enum FindingSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}
