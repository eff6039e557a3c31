using System.Globalization;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Builds one VM's findings and their sentences. Each method returns null when the rule is off, excluded for the VM
/// or filtered out, so no sentence is written for a finding nobody will see.
/// </summary>
internal readonly struct FindingFactory(RuleContext context, VirtualMachine vm)
{
    private ReportRules Rules => context.Rules;

    public ReportFinding? Age(Checkpoint checkpoint, TimeSpan age, FindingSeverity severity, string? storage, int mask) =>
        !Wants(RuleContext.Age, mask, severity) ? null : Make(RuleContext.Age, severity, checkpoint, null, storage, ReportFormat.AgeDays(age),
            string.Create(CultureInfo.InvariantCulture, $"Checkpoint '{checkpoint.Name}' of {vm.Name} is {ReportFormat.AgeDays(age):0.0} days old (the limit is {context.AgeLimit})."));

    public ReportFinding? StandardWithMemory(Checkpoint checkpoint, string? storage, int mask) =>
        !Wants(RuleContext.StandardWithMemory, mask, null) ? null : Make(RuleContext.StandardWithMemory, null, checkpoint, null, storage, null,
            $"Checkpoint '{checkpoint.Name}' of {vm.Name} is a Standard checkpoint with saved memory; applying it rolls a " +
            "domain controller or database server back in time without its application knowing.");

    public ReportFinding? BackupLeftover(Checkpoint checkpoint, TimeSpan age, string? storage, int mask) =>
        !Wants(RuleContext.BackupLeftover, mask, null) ? null : Make(RuleContext.BackupLeftover, null, checkpoint, null, storage, ReportFormat.AgeDays(age),
            string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Kind} checkpoint '{checkpoint.Name}' of {vm.Name} is {ReportFormat.AgeDays(age):0.0} days old: backup or replication software left it behind (the limit is {context.BackupLimit})."));

    public ReportFinding? AutomaticLeft(Checkpoint checkpoint, TimeSpan age, string? storage, int mask) =>
        !Wants(RuleContext.AutomaticLeft, mask, null) ? null : Make(RuleContext.AutomaticLeft, null, checkpoint, null, storage, ReportFormat.AgeDays(age),
            string.Create(CultureInfo.InvariantCulture, $"Automatic checkpoint '{checkpoint.Name}' of {vm.Name} is {ReportFormat.AgeDays(age):0.0} days old and was never removed (the limit is {context.AutomaticLimit})."));

    public ReportFinding? Count(int count, int mask) =>
        !Wants(RuleContext.Count, mask, null) ? null : Make(RuleContext.Count, null, null, null, null, count,
            $"{vm.Name} has {count} checkpoints (the limit is {Rules.MaxCheckpointsPerVm}).");

    public ReportFinding? Depth(int depth, int mask) =>
        !Wants(RuleContext.Depth, mask, null) ? null : Make(RuleContext.Depth, null, null, null, null, depth,
            $"{vm.Name} has a checkpoint chain {depth} deep (the limit is {Rules.MaxChainDepth}); every disk read walks that chain.");

    public ReportFinding? Size(long bytes, int mask) =>
        !Wants(RuleContext.Size, mask, null) ? null : Make(RuleContext.Size, null, null, null, null, bytes,
            $"The checkpoints of {vm.Name} hold {ReportFormat.Bytes(bytes)} of differencing disks " +
            $"(the limit is {context.SizeLimit}).");

    public ReportFinding? Share(double share, long bytes, int mask) =>
        !Wants(RuleContext.Share, mask, null) ? null : Make(RuleContext.Share, null, null, null, null, Math.Round(share, 3),
            $"The checkpoints of {vm.Name} hold {ReportFormat.Percent(share)} of its disk space ({ReportFormat.Bytes(bytes)}; " +
            $"the limit is {context.ShareLimit}).");

    public ReportFinding? StandardType(int mask) =>
        !Wants(RuleContext.StandardType, mask, null) ? null : Make(RuleContext.StandardType, null, null, null, null, null,
            $"{vm.Name} is configured for Standard checkpoints, which save memory and are not application-consistent.");

    public ReportFinding? CriticalNotProduction(int mask) =>
        !Wants(RuleContext.CriticalNotProduction, mask, null) ? null : Make(RuleContext.CriticalNotProduction, null, null, null, null, null,
            vm.CheckpointType is CheckpointType.Unknown
                ? $"{vm.Name} looks like a domain controller or database server, but its configuration version cannot use " +
                  "Production checkpoints; every checkpoint of it is a Standard one."
                : $"{vm.Name} looks like a domain controller or database server but is configured for Standard checkpoints, " +
                  "not Production or ProductionOnly.");

    public ReportFinding? Unregistered(DiskFile disk, string storage, int mask) =>
        !Wants(RuleContext.UnregisteredDifferencing, mask, null) ? null : Make(RuleContext.UnregisteredDifferencing, null, null, disk.Path, storage, disk.SizeBytes,
            $"{vm.Name} runs on the differencing disk {disk.Path}, but no checkpoint of it accounts for that disk " +
            "(a merge that never finished, or a checkpoint removed outside Hyper-V).");

    /// <summary>True when a finding of <paramref name="rule"/> would be kept; checked before its sentence is written.</summary>
    private bool Wants(int rule, int mask, FindingSeverity? severity) =>
        RuleContext.Has(mask, rule) && context.Keeps(rule, severity ?? context.SeverityOf(rule));

    private ReportFinding Make(
        int rule, FindingSeverity? severity, Checkpoint? checkpoint, string? file, string? storage, double? value, string message)
    {
        var actual = severity ?? context.SeverityOf(rule);
        return new ReportFinding(ReportRuleIds.All[rule], actual, vm.Id, vm.Name, checkpoint?.Id, checkpoint?.Name, file,
            vm.Host, vm.Cluster, storage, value, message);
    }
}
