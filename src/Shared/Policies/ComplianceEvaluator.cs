using System.Collections.Immutable;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Policies;

/// <summary>Evaluates every VM of the fleet against the policies; pure, so pages recompute it on every inventory change.</summary>
public static class ComplianceEvaluator
{
    public static ComplianceReport Evaluate(FleetSnapshot snapshot, IReadOnlyList<CheckpointPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(policies);
        var ordered = policies
            .Where(p => p.Enabled)
            .OrderByDescending(p => p.Priority)
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => (Policy: p, Matcher: p.Scope.Compile()))
            .ToList();
        var results = ImmutableArray.CreateBuilder<VmCompliance>(snapshot.Vms.Length);
        foreach (var vm in snapshot.Vms)
        {
            results.Add(Evaluate(vm, ordered));
        }

        var all = results.MoveToImmutable();
        return new ComplianceReport(
            snapshot.TakenAt,
            all,
            Count("Fleet", all),
            Group(all, v => v.Cluster ?? "(standalone)"),
            Group(all, v => v.Host),
            Group(all.Where(v => v.PolicyName is not null), v => v.PolicyName!));
    }

    /// <summary>The policy that governs <paramref name="vm"/>: the enabled one of highest priority whose scope includes it.</summary>
    public static CheckpointPolicy? Governing(VirtualMachine vm, IReadOnlyList<CheckpointPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(policies);
        return policies.Where(p => p.Enabled).OrderByDescending(p => p.Priority).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(p => p.Scope.Compile().Matches(vm));
    }

    private static VmCompliance Evaluate(VirtualMachine vm, List<(CheckpointPolicy Policy, VmMatcher Matcher)> policies)
    {
        foreach (var (policy, matcher) in policies)
        {
            if (!matcher.Matches(vm))
            {
                continue;
            }

            VmCompliance Result(ComplianceStatus status, string reason) =>
                new(vm.Id, vm.Name, vm.Host, vm.Cluster, status, policy.Id, policy.Name, reason);

            if (vm.StaleSince is not null)
            {
                return Result(ComplianceStatus.Unknown, $"{vm.Host} is not answering; its last known settings are from {vm.StaleSince:u}.");
            }

            if (policy.Target.IsMetBy(vm))
            {
                return Result(ComplianceStatus.Compliant, $"{policy.Target.Describe()}, as '{policy.Name}' requires.");
            }

            var gaps = new List<string>();
            if (policy.Target.CheckpointType is { } type && vm.CheckpointType != type)
            {
                gaps.Add(vm.SupportsCheckpointTypes
                    ? $"is {vm.CheckpointType}, should be {type}"
                    : $"should be {type} but its configuration version {vm.ConfigurationVersion} is below 6.2 (upgrade it first)");
            }

            if (policy.Target.AutomaticCheckpoints is { } automatic && vm.AutomaticCheckpoints != automatic)
            {
                gaps.Add($"automatic checkpoints are {(vm.AutomaticCheckpoints ? "on" : "off")}, should be {(automatic ? "on" : "off")}");
            }

            return Result(ComplianceStatus.NonCompliant, $"{string.Join("; ", gaps)} ('{policy.Name}').");
        }

        return new VmCompliance(vm.Id, vm.Name, vm.Host, vm.Cluster, ComplianceStatus.NoPolicy, null, null, "No policy applies.");
    }

    private static ImmutableArray<ComplianceCount> Group(IEnumerable<VmCompliance> items, Func<VmCompliance, string> key) =>
        [.. items.GroupBy(key, StringComparer.OrdinalIgnoreCase).Select(g => Count(g.Key, g)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];

    private static ComplianceCount Count(string name, IEnumerable<VmCompliance> items)
    {
        int compliant = 0, nonCompliant = 0, unknown = 0, none = 0;
        foreach (var item in items)
        {
            switch (item.Status)
            {
                case ComplianceStatus.Compliant:
                    compliant++;
                    break;
                case ComplianceStatus.NonCompliant:
                    nonCompliant++;
                    break;
                case ComplianceStatus.Unknown:
                    unknown++;
                    break;
                default:
                    none++;
                    break;
            }
        }

        return new ComplianceCount(name, compliant, nonCompliant, unknown, none);
    }
}
