using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Computes the checkpoint age and sprawl report from an inventory snapshot. Pure and synchronous: the same snapshot,
/// rules, filter, listings and time always give the same report, and nothing is read from the clock or the hosts.
/// </summary>
/// <remarks>
/// One pass over the VMs in scope, each VM's tree worked out once; cost grows linearly with VMs and checkpoints (a few
/// hundred milliseconds at 20,000 VMs and 60,000 checkpoints on one core). Call it off the UI thread for large fleets.
/// </remarks>
public static class CheckpointReporter
{
    // Most first; ties by the other figure, then by report order (the sort is stable over the VMs' order).
    private static readonly Comparison<VmSummary> s_byBytes = static (a, b) =>
        b.CheckpointBytes != a.CheckpointBytes ? b.CheckpointBytes.CompareTo(a.CheckpointBytes) : b.Checkpoints.CompareTo(a.Checkpoints);

    private static readonly Comparison<VmSummary> s_byCount = static (a, b) =>
        b.Checkpoints != a.Checkpoints ? b.Checkpoints.CompareTo(a.Checkpoints) : b.CheckpointBytes.CompareTo(a.CheckpointBytes);

    /// <summary>The report at the current time of <paramref name="time"/>.</summary>
    public static CheckpointReport Build(
        FleetSnapshot snapshot,
        ReportRules rules,
        TimeProvider time,
        ReportFilter? filter = null,
        IReadOnlyCollection<FolderListing>? folders = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Build(snapshot, rules, time.GetUtcNow(), filter, folders);
    }

    /// <summary>The report with ages measured at <paramref name="now"/>.</summary>
    /// <param name="rules">Validated rules (<see cref="ReportRules.Validate"/>).</param>
    /// <param name="filter">What to cover and which findings to keep; null covers everything.</param>
    /// <param name="folders">
    /// The hosts' disk-folder listings, for the <c>orphan-disk</c> rule; null when none were taken (the report then says
    /// so in <see cref="CheckpointReport.FoldersListed"/> rather than claiming there are no orphans).
    /// </param>
    public static CheckpointReport Build(
        FleetSnapshot snapshot,
        ReportRules rules,
        DateTimeOffset now,
        ReportFilter? filter = null,
        IReadOnlyCollection<FolderListing>? folders = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        filter ??= ReportFilter.None;
        var context = new RuleContext(rules, filter);
        var scope = new ScopeFilter(filter);
        var report = new ReportAccumulator(rules, now, snapshot.Vms.Length, snapshot.Totals.Checkpoints);

        // Hosts without VMs still get their roll-up (an empty host is worth seeing), and orphaned files need their cluster.
        var clusterOfHost = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in snapshot.Hosts.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (clusterOfHost.TryAdd(host.Name, host.Cluster) && scope.CoversHost(host.Name, host.Cluster))
            {
                report.Cluster(host.Cluster);
                report.Host(host.Name, host.Cluster);
            }
        }

        var vms = new List<VirtualMachine>(snapshot.Vms.Length);
        foreach (var vm in snapshot.Vms)
        {
            if (scope.Covers(vm))
            {
                vms.Add(vm);
            }
        }

        vms.Sort(CompareVms);
        var analyzer = new VmAnalyzer(context, report);
        foreach (var vm in vms)
        {
            analyzer.Analyze(vm);
        }

        if (folders is not null)
        {
            OrphanFinder.Find(snapshot, folders, context, scope, report, clusterOfHost);
        }

        var byVm = report.Vms.ToArray();
        var top = Math.Max(rules.TopOffenders, 0);
        return new CheckpointReport(
            now,
            snapshot.Version,
            rules,
            filter,
            folders is not null,
            report.Findings(),
            report.Fleet.ToRollUp(now),
            report.ByCluster(),
            report.ByHost(),
            report.ByStorage(),
            [.. byVm],
            report.Ages.ToBuckets(),
            Top(byVm, top, static v => v.CheckpointBytes > 0, s_byBytes),
            Top(byVm, top, static v => v.Checkpoints > 0, s_byCount),
            [.. report.Rows]);
    }

    /// <summary>
    /// The first <paramref name="count"/> VMs in <paramref name="order"/>, kept in a small sorted buffer: a full sort
    /// of tens of thousands of VMs for ten names is wasted work.
    /// </summary>
    private static ImmutableArray<VmSummary> Top(
        VmSummary[] vms, int count, Func<VmSummary, bool> include, Comparison<VmSummary> order)
    {
        var best = new List<VmSummary>(count + 1);
        foreach (var vm in vms)
        {
            if (count == 0 || !include(vm) || (best.Count == count && order(vm, best[^1]) >= 0))
            {
                continue;
            }

            var at = best.Count;
            while (at > 0 && order(vm, best[at - 1]) < 0)
            {
                at--;
            }

            best.Insert(at, vm);
            if (best.Count > count)
            {
                best.RemoveAt(count);
            }
        }

        return [.. best];
    }

    /// <summary>Clusters by name with standalone hosts last, then host, VM name and id (names are not unique).</summary>
    private static int CompareVms(VirtualMachine a, VirtualMachine b)
    {
        var order = (a.Cluster is null).CompareTo(b.Cluster is null);
        order = order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(a.Cluster, b.Cluster);
        order = order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(a.Host, b.Host);
        order = order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        return order != 0 ? order : a.Id.CompareTo(b.Id);
    }
}
