using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A checkpoint policy as stored.</summary>
public sealed class PolicyRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string ScopeJson { get; set; } = "{}";

    public CheckpointType? TargetType { get; set; }

    public bool? TargetAutomatic { get; set; }

    public int Priority { get; set; }

    public bool Enabled { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public int Version { get; set; }
}
