using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

/// <summary>Hand-built VMs, checkpoint trees and snapshots with a fixed clock for the report tests.</summary>
internal static class ReportTestData
{
    public const long GiB = 1024L * 1024 * 1024;

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A GUID whose first group is <paramref name="n"/>, so test output stays readable.</summary>
    public static Guid G(int n) => new(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static DiskFile Disk(string path, long? size = null) => new(path, size);

    /// <summary>A checkpoint of age <paramref name="age"/> at <see cref="Now"/>, frozen on <paramref name="disks"/>.</summary>
    public static Checkpoint Cp(
        int id,
        int? parent,
        TimeSpan age,
        CheckpointKind kind = CheckpointKind.Production,
        bool saved = false,
        bool automatic = false,
        params DiskFile[] disks) =>
        new(G(id), Guid.Empty, $"cp{id}", parent is { } p ? G(p) : null, Now - age, kind, automatic, saved, [.. disks], []);

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    /// <summary>
    /// A VM whose tree is completed by the inventory's own builder, so held disks and figures are what the
    /// dashboard would have.
    /// </summary>
    public static VirtualMachine Vm(
        string name,
        IEnumerable<Checkpoint>? checkpoints = null,
        int? current = null,
        string host = "HV01",
        string? cluster = null,
        CheckpointType type = CheckpointType.Production,
        DiskFile[]? disks = null,
        ReplicationMode replication = ReplicationMode.None,
        int id = 0)
    {
        var vmId = id == 0 ? Guid.NewGuid() : G(1000 + id);
        var list = (checkpoints ?? []).Select(c => c with { VmId = vmId }).ToList();
        var running = ImmutableArray.Create(disks ?? []);
        var (completed, stats) = CheckpointTreeBuilder.Complete(list, current is { } c ? G(c) : null, running);
        return new VirtualMachine
        {
            Id = vmId,
            Name = name,
            Host = host,
            Cluster = cluster,
            State = VmState.Running,
            CheckpointType = type,
            Replication = replication,
            CurrentCheckpointId = current is { } cur ? G(cur) : null,
            Disks = running,
            Checkpoints = completed,
            Stats = stats,
        };
    }

    /// <summary>A linear chain of <paramref name="length"/> checkpoints (the last the newest) with Now under the last.</summary>
    public static VirtualMachine Chain(string name, int length, string host = "HV01", string? cluster = null, long bytesEach = GiB,
        string folder = @"C:\VMs", CheckpointType type = CheckpointType.Production, double oldestDays = 1)
    {
        // Checkpoint ids are unique fleet-wide, as GUIDs from hosts are: each VM's chain gets its own range.
        var first = (int)(StableHash(name) % 100_000) * 1000;
        var checkpoints = new List<Checkpoint>();
        for (var i = 1; i <= length; i++)
        {
            var disk = i == 1 ? Disk($@"{folder}\{name}\{name}.vhdx", 10 * bytesEach) : Disk($@"{folder}\{name}\{name}_{i}.avhdx", bytesEach);
            checkpoints.Add(Cp(first + i, i == 1 ? null : first + i - 1, Days(oldestDays) - TimeSpan.FromMinutes(i), disks: disk));
        }

        return Vm(name, checkpoints, length == 0 ? null : first + length, host, cluster, type,
            [length == 0 ? Disk($@"{folder}\{name}\{name}.vhdx", 10 * bytesEach) : Disk($@"{folder}\{name}\{name}_now.avhdx", bytesEach)]);
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    public static HostStatus Host(string name, string? cluster = null) =>
        new() { Name = name, Cluster = cluster, Endpoint = $"https://{name}:5986/wsman", State = HostState.Online };

    public static FleetSnapshot Snapshot(IEnumerable<VirtualMachine> vms, IEnumerable<HostStatus>? hosts = null)
    {
        var list = vms.ToImmutableArray();
        var hostList = hosts?.ToImmutableArray() ??
            [.. list.Select(v => (v.Host, v.Cluster)).Distinct().Select(h => Host(h.Host, h.Cluster))];
        return new FleetSnapshot(1, Now, false, hostList, [], list);
    }

    public static CheckpointReport Report(
        IEnumerable<VirtualMachine> vms,
        ReportRules? rules = null,
        ReportFilter? filter = null,
        IReadOnlyCollection<FolderListing>? folders = null,
        IEnumerable<HostStatus>? hosts = null) =>
        CheckpointReporter.Build(Snapshot(vms, hosts), rules ?? ReportRules.Default, Now, filter, folders);

    /// <summary>The rule ids of the findings, in report order.</summary>
    public static string[] Rules(CheckpointReport report) => [.. report.Findings.Select(f => f.RuleId)];

    public static ReportFinding[] Of(CheckpointReport report, string ruleId) => [.. report.Findings.Where(f => f.RuleId == ruleId)];

    /// <summary>Rules with only <paramref name="ruleId"/> enabled, so a test sees that rule's findings alone.</summary>
    public static ReportRules Only(string ruleId, ReportRules? rules = null) => (rules ?? ReportRules.Default) with
    {
        Rules = ReportRuleIds.All.ToImmutableDictionary(id => id, id => id == ruleId ? ReportRules.DefaultSetting(id) : RuleSetting.Off),
    };
}
