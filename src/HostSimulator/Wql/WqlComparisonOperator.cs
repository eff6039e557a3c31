namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>The WQL comparison operators; <c>&lt;&gt;</c> and <c>!=</c> are both <see cref="NotEqual"/>.</summary>
public enum WqlComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
