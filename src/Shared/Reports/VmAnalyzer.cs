using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Works out one VM at a time: its tree (depth of every checkpoint, branches), the space its checkpoints hold and
/// where, its rows and its findings. One instance per report; its buffers are reused from VM to VM, so a fleet of
/// tens of thousands of VMs costs a handful of allocations per checkpoint.
/// </summary>
internal sealed partial class VmAnalyzer(RuleContext context, ReportAccumulator report)
{
    private readonly Dictionary<Guid, int> _index = [];
    private readonly HashSet<string> _files = new(DiskPathComparer.Instance);
    private readonly Dictionary<string, StorageShare> _storage = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ReportFinding> _checkpointFindings = [];
    private readonly List<string> _rowFindings = [];
    private readonly Stack<int> _walk = new();
    private int[] _parent = new int[16];
    private int[] _depth = new int[16];
    private int[] _children = new int[16];
    private string? _lastFolder;
    private string? _lastVolume;

    private ReportRules Rules => context.Rules;

    public void Analyze(VirtualMachine vm)
    {
        var checkpoints = vm.Checkpoints.IsDefault ? [] : vm.Checkpoints;
        var mask = context.ActiveFor(vm.Name, vm.Host, vm.Cluster);
        var findings = new FindingFactory(context, vm);
        var isCritical = context.Critical.IsMatch(vm.Name);
        var replicaSide = vm.Replication is ReplicationMode.Replica or ReplicationMode.TestReplica or ReplicationMode.ExtendedReplica;
        var (maxDepth, branches, counted, countedDepth) = BuildTree(vm, checkpoints, replicaSide);

        _files.Clear();
        _storage.Clear();
        _checkpointFindings.Clear();
        long checkpointBytes = 0, diskBytes = 0;
        var sizesKnown = true;
        DateTimeOffset? oldest = null;
        var severities = new int[3];
        for (var i = 0; i < checkpoints.Length; i++)
        {
            var checkpoint = checkpoints[i];
            var age = checkpoint.AgeAt(report.Now);
            oldest = oldest is null || checkpoint.Created < oldest ? checkpoint.Created : oldest;
            AddFiles(checkpoint.Disks, ref diskBytes, ref sizesKnown);
            var held = AddFiles(checkpoint.HeldDisks, ref diskBytes, ref sizesKnown);
            checkpointBytes += held;
            var storage = Locate(checkpoint, i, _depth[i]);

            _rowFindings.Clear();
            CheckpointRules(findings, checkpoint, age, mask, isCritical, replicaSide, storage);
            report.Ages.Add(age, held);
            if (_rowFindings.Count == 0 && context.OnlyRowsWithFindings)
            {
                continue;
            }

            var findingIds = _rowFindings.Count == 0 ? ImmutableArray<string>.Empty : [.. _rowFindings];
            report.Rows.Add(new ReportRow(vm.Name, vm.Id, vm.Host, vm.Cluster, checkpoint.Name, checkpoint.Id,
                checkpoint.ParentId, checkpoint.Kind, checkpoint.IsAutomatic, checkpoint.HasSavedState, checkpoint.Created,
                ReportFormat.AgeDays(age), _depth[i], held, storage, findingIds));
        }

        // The VM's running disks: a differencing disk that no checkpoint accounts for is a leftover of a failed merge.
        var unregistered = new List<DiskFile>();
        foreach (var disk in vm.Disks.IsDefault ? [] : vm.Disks)
        {
            if (_files.Add(disk.Path))
            {
                diskBytes += disk.SizeBytes ?? 0;
                sizesKnown &= disk.SizeBytes is not null;
                if (disk.IsDifferencing)
                {
                    unregistered.Add(disk);
                }
            }
        }

        double? share = diskBytes > 0 ? (double)checkpointBytes / diskBytes : null;
        var vmFindings = new List<ReportFinding>();
        VmRules(findings, vm, mask, isCritical, counted, countedDepth, checkpointBytes, share, unregistered, vmFindings);
        foreach (var finding in vmFindings.Concat(_checkpointFindings))
        {
            report.AddFinding(finding);
            severities[(int)finding.Severity]++;
        }

        var summary = new VmSummary(vm.Id, vm.Name, vm.Host, vm.Cluster, vm.CheckpointType, checkpoints.Length, maxDepth, branches,
            checkpointBytes, diskBytes, share, sizesKnown, oldest is { } o ? ReportFormat.AgeDays(report.Now - o) : null, isCritical,
            severities[0], severities[1], severities[2]);
        report.Vms.Add(summary);
        AddToGroups(vm, summary, oldest, severities);
    }

    private void AddToGroups(VirtualMachine vm, VmSummary summary, DateTimeOffset? oldest, int[] severities)
    {
        foreach (var group in (ReadOnlySpan<GroupTotals>)[report.Fleet, report.Cluster(vm.Cluster), report.Host(vm.Host, vm.Cluster)])
        {
            group.AddVm(summary.Checkpoints, summary.CheckpointBytes, oldest, summary.MaxDepth);
            group.AddFindings(severities[0], severities[1], severities[2]);
        }

        foreach (var (volume, share) in _storage)
        {
            var totals = report.Storage(volume, vm.Host, vm.Cluster);
            totals.AddVm(share.Checkpoints, share.Bytes, share.Oldest, share.MaxDepth);
            totals.AddFindings(share.Severities[0], share.Severities[1], share.Severities[2]);
        }
    }

    private void CheckpointRules(
        FindingFactory findings, Checkpoint checkpoint, TimeSpan age, int mask, bool isCritical, bool replicaSide, string? storage)
    {
        var backup = checkpoint.Kind is CheckpointKind.Recovery || (checkpoint.Kind is CheckpointKind.Replica && !replicaSide);
        var expectedReplica = checkpoint.Kind is CheckpointKind.Replica && replicaSide;
        if (!backup && !expectedReplica && age >= Rules.AgeWarning)
        {
            var severity = Rules.AgeCritical is { } critical && age >= critical
                ? FindingSeverity.Critical
                : context.SeverityOf(RuleContext.Age);
            Add(findings.Age(checkpoint, age, severity, storage, mask));
        }

        if (isCritical && checkpoint.Kind is CheckpointKind.Standard && checkpoint.HasSavedState)
        {
            Add(findings.StandardWithMemory(checkpoint, storage, mask));
        }

        if (backup && age >= Rules.BackupLeftoverAge)
        {
            Add(findings.BackupLeftover(checkpoint, age, storage, mask));
        }

        if (checkpoint.IsAutomatic && age >= Rules.AutomaticAge)
        {
            Add(findings.AutomaticLeft(checkpoint, age, storage, mask));
        }
    }

    private void Add(ReportFinding? finding)
    {
        if (finding is null)
        {
            return;
        }

        _checkpointFindings.Add(finding);
        _rowFindings.Add(finding.RuleId);
        if (finding.Storage is { } storage && _storage.TryGetValue(storage, out var share))
        {
            share.Severities[(int)finding.Severity]++;
        }
    }

    private void VmRules(
        FindingFactory findings, VirtualMachine vm, int mask, bool isCritical, int counted, int countedDepth, long bytes,
        double? share, List<DiskFile> unregistered, List<ReportFinding> output)
    {
        var candidates = new[]
        {
            counted > Rules.MaxCheckpointsPerVm ? findings.Count(counted, mask) : null,
            countedDepth > Rules.MaxChainDepth ? findings.Depth(countedDepth, mask) : null,
            bytes > Rules.MaxCheckpointBytesPerVm ? findings.Size(bytes, mask) : null,
            share > Rules.MaxCheckpointShare ? findings.Share(share.Value, bytes, mask) : null,
            vm.CheckpointType is CheckpointType.Standard ? findings.StandardType(mask) : null,
            isCritical && vm.CheckpointType is CheckpointType.Standard or CheckpointType.Unknown
                ? findings.CriticalNotProduction(mask)
                : null,
        };
        foreach (var finding in candidates)
        {
            if (finding is not null)
            {
                output.Add(finding);
            }
        }

        foreach (var disk in unregistered)
        {
            if (findings.Unregistered(disk, Volume(disk.Path), mask) is { } finding)
            {
                output.Add(finding);
            }
        }
    }
}
