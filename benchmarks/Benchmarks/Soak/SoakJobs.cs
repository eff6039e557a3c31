using System.Collections.Concurrent;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Benchmarks.Soak;

/// <summary>
/// Random checkpoint work through the job service at a steady rate, as operators would: create, rename, apply and delete
/// checkpoints of VMs on hosts that are not flapping (so a failed job is a finding, not the flapping's doing), one job
/// per VM at a time, never on a Replica VM (Hyper-V Replica owns its checkpoints; the service refuses them). Counts the
/// jobs' lifecycle from the service's own event stream.
/// </summary>
internal sealed class SoakJobs(IJobService jobs, IFleetInventory inventory, IReadOnlySet<string> flappingHosts, string user, int seed)
{
    private int _submitted;
    private int _rejected;
    private int _started;
    private int _finished;
    private int _failed;
    private readonly ConcurrentDictionary<string, int> _problems = new(StringComparer.Ordinal);
    private string? _lastProblem;
    private int? _startingCheckpoints;

    /// <summary>Jobs the service accepted (its <c>Created</c> events).</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Jobs that reached a final state.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Finished jobs that failed or whose outcome is unknown.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public int Submitted => Volatile.Read(ref _submitted);

    /// <summary>Requests the service refused (the VM changed under the request, for example); not errors.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public string? LastProblem => _lastProblem;

    /// <summary>Refusals and failures by kind, e.g. "refused Conflict ×3, CreateCheckpoint Failed ×1".</summary>
    public string DescribeProblems() =>
        _problems.IsEmpty ? "none" : string.Join(", ", _problems.OrderByDescending(p => p.Value).Select(p => $"{p.Key} ×{p.Value}"));

    /// <summary>Submits one random job every <paramref name="interval"/> until cancelled.</summary>
    public async Task SubmitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
#pragma warning disable CA5394 // A reproducible workload, not security.
        var random = new Random(seed);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // A VM the workload has nothing to do on (no checkpoints while the fleet is at its level) is passed over for
                // another, so the rate stays what was asked.
                JobRequest? request = null;
                for (var attempt = 0; attempt < 20 && request is null; attempt++)
                {
                    request = Next(random, _submitted);
                }

                if (request is null)
                {
                    continue;
                }

                try
                {
                    await jobs.SubmitAsync(request, user, cancellationToken);
                    Interlocked.Increment(ref _submitted);
                }
                catch (JobRejectedException ex)
                {
                    Interlocked.Increment(ref _rejected);
                    _problems.AddOrUpdate($"refused {request.Kind} ({ex.Reason})", 1, (_, n) => n + 1);
                    _lastProblem = $"refused {request.Kind}: {ex.Message}";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning restore CA5394
    }

    /// <summary>Counts job events until cancelled.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in jobs.WatchAsync(cancellationToken))
            {
                switch (change)
                {
                    case JobEvent.Created:
                        Interlocked.Increment(ref _started);
                        break;
                    case JobEvent.Finished { Job: var job }:
                        Interlocked.Increment(ref _finished);
                        if (job.State is JobState.Failed or JobState.OutcomeUnknown)
                        {
                            Interlocked.Increment(ref _failed);
                            _problems.AddOrUpdate($"{job.Kind} {job.State}", 1, (_, n) => n + 1);
                            _lastProblem = $"{job.Kind} on {job.VmName} ({job.Host}) {job.State}: {job.Error}";
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

#pragma warning disable CA5394 // A reproducible workload, not security.
    private JobRequest? Next(Random random, int number)
    {
        var snapshot = inventory.Current;
        var busy = jobs.Active.Select(j => j.VmId).ToHashSet();
        var candidates = snapshot.Vms
            .Where(v => v.StaleSince is null && !busy.Contains(v.Id) && !flappingHosts.Contains(v.Host)
                && v.Replication is not (ReplicationMode.Replica or ReplicationMode.ExtendedReplica or ReplicationMode.TestReplica))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // A steady state, so the memory measured is the dashboard's and not a fleet that grows: creating when the fleet
        // holds no more checkpoints than at the start, deleting instead when it holds more. Unbalanced (a create on every
        // VM without checkpoints, deletes only on others) the fleet grew ~12% in 30 minutes and its inventory with it.
        var total = snapshot.Totals.Checkpoints;
        _startingCheckpoints ??= total;
        var grow = total <= _startingCheckpoints;
        var vm = candidates[random.Next(candidates.Count)];
        var checkpoints = vm.Checkpoints.Where(c => c.IsUserCheckpoint).ToList();
        var roll = random.NextDouble();
        // No checkpoints when they are disabled, and no production checkpoint of a saved VM: asking would only test
        // that the service or Hyper-V says so.
        var canCreate = vm.CheckpointType != CheckpointType.Disabled
            && !(vm.State == VmState.Saved && vm.CheckpointType == CheckpointType.ProductionOnly);
        if (canCreate && grow && (checkpoints.Count == 0 || (roll < 0.35 && checkpoints.Count < 4)))
        {
            return new CreateCheckpointRequest(vm.Id, $"soak-{number}");
        }

        if (checkpoints.Count == 0)
        {
            return null; // Nothing to rename, apply or delete, and creating would grow the fleet or be refused.
        }

        var checkpoint = checkpoints[random.Next(checkpoints.Count)];
        return roll switch
        {
            < 0.35 when !grow => new DeleteCheckpointRequest(vm.Id, checkpoint.Id, IncludeSubtree: false),
            < 0.55 => new RenameCheckpointRequest(vm.Id, checkpoint.Id, $"soak-renamed-{number}"),
            < 0.70 => new ApplyCheckpointRequest(vm.Id, checkpoint.Id, CreateCheckpointFirst: false),
            _ => new DeleteCheckpointRequest(vm.Id, checkpoint.Id, IncludeSubtree: false),
        };
    }
#pragma warning restore CA5394
}
