namespace CheckpointDashboard.Shared.Bulk;

/// <summary>How many VMs of one cluster or host would change and how many are skipped.</summary>
public sealed record BulkGroupCount(string Name, int Change, int Skip);
