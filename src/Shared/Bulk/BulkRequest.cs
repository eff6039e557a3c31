namespace CheckpointDashboard.Shared.Bulk;

/// <summary>A bulk change of checkpoint settings: which VMs, to what.</summary>
public sealed record BulkRequest(VmSelector Selector, CheckpointSettingsTarget Target);
