namespace CheckpointDashboard.Dashboard.Model;

/// <summary>A VM a bulk request was not accepted for, with the reason in a sentence.</summary>
public sealed record RefusedVm(Guid VmId, string VmName, string Reason);
