namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// One broken rule: what it is about (a VM, one of its checkpoints, or a file), where that lives, and a sentence an
/// operator can act on.
/// </summary>
/// <param name="RuleId">The rule broken (see <see cref="ReportRuleIds"/>).</param>
/// <param name="VmId">The VM, or null for a file that belongs to no VM.</param>
/// <param name="CheckpointId">The checkpoint, for checkpoint rules (age, leftovers); null for VM and file rules.</param>
/// <param name="FilePath">The file, for the disk-file rules; null otherwise.</param>
/// <param name="Host">The host that runs the VM (or listed the file).</param>
/// <param name="Cluster">The failover cluster; null for a standalone host.</param>
/// <param name="Storage">The storage location (volume or share) involved, when there is one.</param>
/// <param name="Value">The measured value the rule compared (days, count, depth, bytes, share), when there is one.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record ReportFinding(
    string RuleId,
    FindingSeverity Severity,
    Guid? VmId,
    string? VmName,
    Guid? CheckpointId,
    string? CheckpointName,
    string? FilePath,
    string Host,
    string? Cluster,
    string? Storage,
    double? Value,
    string Message);
