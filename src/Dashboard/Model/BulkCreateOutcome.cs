using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// Creating checkpoints on several VMs at once: which of the selected VMs can take one (the rest are refused up front
/// with the reason), and, after submitting, which requests the job service accepted or refused.
/// </summary>
public sealed record BulkCreateOutcome(ImmutableArray<JobInfo> Accepted, ImmutableArray<RefusedVm> Refused)
{
    public static BulkCreateOutcome Empty { get; } = new([], []);

    /// <summary>The VMs worth submitting, and those refused before anything is sent.</summary>
    public static (ImmutableArray<VirtualMachine> Eligible, ImmutableArray<RefusedVm> Refused) Plan(IEnumerable<VirtualMachine> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        var eligible = ImmutableArray.CreateBuilder<VirtualMachine>();
        var refused = ImmutableArray.CreateBuilder<RefusedVm>();
        foreach (var vm in vms.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (VmActionRules.CreateBlockedReason(vm) is { } reason)
            {
                refused.Add(new RefusedVm(vm.Id, vm.Name, reason));
            }
            else
            {
                eligible.Add(vm);
            }
        }

        return (eligible.ToImmutable(), refused.ToImmutable());
    }

    public BulkCreateOutcome WithAccepted(JobInfo job) => this with { Accepted = Accepted.Add(job) };

    public BulkCreateOutcome WithRefused(RefusedVm refused) => this with { Refused = Refused.Add(refused) };
}
