using System.Globalization;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// One simulated Hyper-V host: its VMs, the storage it sees, and its jobs, with Hyper-V's checkpoint semantics.
/// Every public operation takes the host's lock and first advances jobs to the simulated clock.
/// </summary>
public sealed partial class SimulatedHost
{
    private static readonly TimeSpan s_jobRetention = TimeSpan.FromMinutes(5);
    private readonly List<SimulatedVm> _vms = [];
    private readonly List<SimulatedJob> _jobs = [];
    private readonly Random _faultRandom;
    private long _requests;

    internal SimulatedHost(SimulatedFleet fleet, string name, SimulatedCluster? cluster, SimulatedStorage storage, Lock gate, int seed)
    {
        Fleet = fleet;
        Name = name;
        Cluster = cluster;
        Storage = storage;
        Gate = gate;
        _faultRandom = new Random(seed);
    }

    public SimulatedFleet Fleet { get; }

    public string Name { get; }

    public SimulatedCluster? Cluster { get; }

    /// <summary>The host's lock; shared by every node of a cluster (they share storage and VMs move between them).</summary>
    public Lock Gate { get; }

    public SimulatedStorage Storage { get; }

    /// <summary>Faults applied by every transport in front of this host.</summary>
    public HostFaults Faults { get; set; } = HostFaults.None;

    /// <summary>Requests this host has answered (or refused), for benchmarks and request-count tests.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The host's VMs. Read under <see cref="Gate"/>.</summary>
    public IReadOnlyList<SimulatedVm> Vms => _vms;

    /// <summary>The host's jobs, finished ones kept for five minutes as Hyper-V does. Read under <see cref="Gate"/>.</summary>
    public IReadOnlyList<SimulatedJob> Jobs => _jobs;

    internal TimeProvider Time => Fleet.Time;

    /// <summary>Counts a request and decides whether the injected error rate fails it.</summary>
    public bool CountRequestAndRollFailure()
    {
        Interlocked.Increment(ref _requests);
        var rate = Faults.ErrorRate;
        if (rate <= 0)
        {
            return false;
        }

        lock (_faultRandom)
        {
            return _faultRandom.NextDouble() < rate;
        }
    }

    public SimulatedVm? FindVm(Guid id)
    {
        lock (Gate)
        {
            return _vms.Find(v => v.Id == id);
        }
    }

    /// <summary>Adds a VM (generator and tests).</summary>
    public void AddVm(SimulatedVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        lock (Gate)
        {
            _vms.Add(vm);
        }
    }

    internal bool RemoveVm(SimulatedVm vm)
    {
        lock (Gate)
        {
            return _vms.Remove(vm);
        }
    }

    /// <summary>Completes jobs whose time has come and forgets jobs finished over five minutes ago. Caller holds <see cref="Gate"/>.</summary>
    internal void Advance()
    {
        var now = Time.GetUtcNow();
        foreach (var job in _jobs.Where(j => !j.IsFinished && j.Submitted + j.Duration <= now).OrderBy(j => j.Submitted + j.Duration).ToList())
        {
            Finish(job, job.Complete?.Invoke() ?? JobResult.Success, job.Submitted + job.Duration);
        }

        _jobs.RemoveAll(j => j.Finished is { } finished && now - finished > s_jobRetention);
    }

    /// <summary>Runs <paramref name="action"/> under the lock after advancing jobs.</summary>
    public T Locked<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (Gate)
        {
            Advance();
            return action();
        }
    }

    public SimulatedJob? FindJob(string instanceId) => _jobs.Find(j => string.Equals(j.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase));

    internal (SimulatedVm Vm, SimulatedCheckpoint Checkpoint)? FindCheckpoint(Guid id)
    {
        foreach (var vm in _vms)
        {
            if (vm.FindCheckpoint(id) is { } checkpoint)
            {
                return (vm, checkpoint);
            }
        }

        return null;
    }

    private SimulatedJob StartJob(ushort type, string caption, SimulatedVm? vm, TimeSpan duration, bool cancellable,
        Func<JobResult>? complete, Action? cancelled = null)
    {
        var job = new SimulatedJob
        {
            InstanceId = Fleet.NewGuid().ToString("D").ToUpperInvariant(),
            JobType = type,
            Caption = caption,
            VmId = vm?.Id,
            Submitted = Time.GetUtcNow(),
            Duration = Fleet.Scale(duration),
            Cancellable = cancellable,
            Complete = complete,
            Cancelled = cancelled,
        };
        if (vm is not null)
        {
            job.Affected.Add(SimulatedCim.ComputerSystemReference(vm.Id));
        }

        _jobs.Add(job);
        return job;
    }

    private SimulatedJob FailedJob(ushort type, string caption, SimulatedVm? vm, string error) =>
        StartJob(type, caption, vm, TimeSpan.FromMilliseconds(200), false, () => JobResult.Failed(error));

    private void Finish(SimulatedJob job, JobResult result, DateTimeOffset at)
    {
        job.LastPercent = job.PercentAt(at);
        job.Finished = at;
        if (result.Error is not null)
        {
            job.State = HyperVSchema.JobState.Exception;
            job.ErrorCode = 32768;
            job.ErrorDescription = result.Error;
        }
        else if (result.Warning is not null)
        {
            job.State = HyperVSchema.JobState.CompletedWithWarnings;
            job.ErrorDescription = result.Warning;
        }
        else
        {
            job.State = HyperVSchema.JobState.Completed;
        }
    }

    /// <summary><c>Msvm_ConcreteJob.RequestStateChange</c>: 4 (terminate) or 5 (kill) cancels a cancellable running job.</summary>
    public uint RequestJobStateChange(string instanceId, ushort requested) => Locked<uint>(() =>
    {
        var job = FindJob(instanceId);
        if (job is null)
        {
            return HyperVSchema.ReturnCode.InvalidParameter;
        }

        if (requested is not (4 or 5))
        {
            return HyperVSchema.ReturnCode.NotSupported;
        }

        if (job.IsFinished || !job.Cancellable)
        {
            return 4097;
        }

        job.LastPercent = job.PercentAt(Time.GetUtcNow());
        job.Cancelled?.Invoke();
        job.State = requested == 4 ? HyperVSchema.JobState.Terminated : HyperVSchema.JobState.Killed;
        job.Finished = Time.GetUtcNow();
        job.ErrorDescription = "The operation was cancelled.";
        return HyperVSchema.ReturnCode.Completed;
    });

    private static string DefaultCheckpointName(string vmName, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{vmName} - ({at.UtcDateTime:MM/dd/yyyy - hh:mm:ss tt})");

    /// <summary>A new differencing disk for the running state, child of <paramref name="parentPath"/>.</summary>
    private string NewDifferencingDisk(string parentPath, DateTimeOffset now)
    {
        var slash = parentPath.LastIndexOf('\\');
        var folder = slash < 0 ? string.Empty : parentPath[..slash];
        var name = slash < 0 ? parentPath : parentPath[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot < 0 ? name : name[..dot];
        var underscore = stem.LastIndexOf('_');
        if (underscore > 0 && Guid.TryParse(stem[(underscore + 1)..], out _))
        {
            stem = stem[..underscore];
        }

        var path = $"{folder}\\{stem}_{Fleet.NewGuid().ToString("D").ToUpperInvariant()}.avhdx";
        Storage.Add(new SimulatedFile(path, 4L * 1024 * 1024, parentPath, now));
        return path;
    }

    internal static bool IsBusy(SimulatedVm vm) => vm.Activity != VmActivity.None;
}
