using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator;

/// <summary>
/// A small hand-built fleet on a fake clock, with the few steps every simulator test repeats: adding a VM with its
/// base disk, finishing a job by moving the clock past its end, and calling the CIM server with real WQL.
/// </summary>
internal sealed class SimulatorHarness
{
    public const long Gb = 1024L * 1024 * 1024;

    /// <summary>13:05:09 UTC, so that a 12-hour clock shows "01:05:… PM".</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 13, 5, 9, TimeSpan.Zero);

    public SimulatorHarness(int seed = 7)
    {
        Time = new FakeTimeProvider(Start);
        Fleet = new SimulatedFleet(Time, seed);
    }

    public FakeTimeProvider Time { get; }

    public SimulatedFleet Fleet { get; }

    /// <summary>A standalone host and its CIM server.</summary>
    public (SimulatedHost Host, SimulatedCimServer Server) AddHost(string name = "HV01")
    {
        var host = Fleet.AddHost(name);
        return (host, new SimulatedCimServer(host));
    }

    /// <summary>Adds a VM running on one base <c>.vhdx</c> per entry of <paramref name="diskSizes"/> (one 40 GB disk by default).</summary>
    public static SimulatedVm AddVm(
        SimulatedHost host,
        string name,
        VmState state = VmState.Running,
        ushort checkpointType = 3,
        string version = "9.0",
        ReplicationMode replication = ReplicationMode.None,
        params long[] diskSizes)
    {
        var folder = $@"D:\Hyper-V\{name}";
        var created = host.Fleet.Time.GetUtcNow() - TimeSpan.FromDays(100);
        var vm = new SimulatedVm
        {
            Id = host.Fleet.NewGuid(),
            ConfigurationId = host.Fleet.NewGuid(),
            Name = name,
            State = state,
            UserSnapshotType = checkpointType,
            Version = version,
            Replication = replication,
            ConfigurationRoot = folder,
            SnapshotRoot = folder,
            Created = created,
            StateChanged = created,
        };
        var sizes = diskSizes.Length == 0 ? [40 * Gb] : diskSizes;
        for (var i = 0; i < sizes.Length; i++)
        {
            var path = i == 0 ? $@"{folder}\Virtual Hard Disks\{name}.vhdx" : $@"{folder}\Virtual Hard Disks\{name}-data{i}.vhdx";
            host.Storage.Add(new SimulatedFile(path, sizes[i], null, created));
            vm.Disks.Add(path);
        }

        host.AddVm(vm);
        return vm;
    }

    /// <summary>Moves the clock and touches the host, which is when Hyper-V's jobs get to finish.</summary>
    public void Advance(SimulatedHost host, TimeSpan by)
    {
        Time.Advance(by);
        host.Locked(() => 0);
    }

    /// <summary>Moves the clock just past <paramref name="job"/>'s end and touches the host.</summary>
    public void Finish(SimulatedHost host, SimulatedJob? job)
    {
        Assert.NotNull(job);
        var remaining = job.Submitted + job.Duration - Time.GetUtcNow();
        Advance(host, (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + TimeSpan.FromMilliseconds(1));
        Assert.True(job.IsFinished, $"job {job.Caption} should have finished");
    }

    /// <summary>Takes a checkpoint through the model and waits for it; returns the new checkpoint.</summary>
    public SimulatedCheckpoint Checkpoint(SimulatedHost host, SimulatedVm vm, ushort snapshotType = HyperVSchema.SnapshotKind.Full)
    {
        var outcome = host.CreateSnapshot(vm.Id, snapshotType);
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, outcome.ReturnValue);
        Finish(host, outcome.Job);
        Assert.True(outcome.Job!.State is HyperVSchema.JobState.Completed or HyperVSchema.JobState.CompletedWithWarnings, outcome.Job.ErrorDescription);
        return vm.Checkpoints[^1];
    }

    /// <summary>The Msvm_ConcreteJob instance the server reports for <paramref name="job"/>.</summary>
    public static CimInstance JobInstance(SimulatedCimServer server, SimulatedJob? job)
    {
        Assert.NotNull(job);
        return server.Get(SimulatedCim.JobReference(job.InstanceId));
    }

    /// <summary>The Msvm_ComputerSystem instance of <paramref name="vm"/>, read with WQL.</summary>
    public static CimInstance VmInstance(SimulatedCimServer server, SimulatedVm vm) =>
        Assert.Single(server.Query(CimNamespaces.Virtualization,
            $"SELECT * FROM Msvm_ComputerSystem WHERE Name = '{SimulatedCim.FormatGuid(vm.Id)}'"));

    /// <summary>A snapshot or realized VSSD by its GUID, read with WQL.</summary>
    public static CimInstance Settings(SimulatedCimServer server, Guid id) =>
        Assert.Single(server.Query(CimNamespaces.Virtualization,
            $"SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID = '{HyperVSchema.InstanceIdFor(id)}'"));

    /// <summary>The snapshot service's reference on <paramref name="host"/>.</summary>
    public static CimReference SnapshotService(SimulatedHost host) => CimReference.Create(HyperVSchema.SnapshotService,
        CimNamespaces.Virtualization, ("CreationClassName", HyperVSchema.SnapshotService), ("Name", "vssnapsvc"),
        ("SystemCreationClassName", HyperVSchema.ComputerSystem), ("SystemName", host.Name));

    /// <summary>The management service's reference on <paramref name="host"/>.</summary>
    public static CimReference ManagementService(SimulatedHost host) => CimReference.Create(HyperVSchema.ManagementService,
        CimNamespaces.Virtualization, ("CreationClassName", HyperVSchema.ManagementService), ("Name", "vmms"),
        ("SystemCreationClassName", HyperVSchema.ComputerSystem), ("SystemName", host.Name));

    /// <summary>A copy of <paramref name="source"/> with some properties changed (PowerShell's read-modify-write).</summary>
    public static CimInstance With(CimInstance source, params (string Name, object? Value)[] changes)
    {
        var properties = source.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            properties[name] = value;
        }

        return new CimInstance(source.ClassName, source.Namespace, properties, source.KeyNames);
    }

    /// <summary>The job a method started, read from its <c>Job</c> out-parameter.</summary>
    public static CimReference JobOf(CimMethodResult result)
    {
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, result.ReturnValue);
        var job = result.OutParameters.GetReference("Job");
        Assert.NotNull(job);
        return job;
    }

    /// <summary>Every file a configuration of <paramref name="vm"/> references exists, and so does every differencing file's parent.</summary>
    public static void AssertChainsConsistent(SimulatedHost host, SimulatedVm vm)
    {
        Assert.All(vm.ReferencedFiles(), path => Assert.NotNull(host.Storage.Find(path)));
        Assert.All(host.Storage.Files.Where(f => f.IsDifferencing), f => Assert.NotNull(host.Storage.Find(f.ParentPath!)));
    }
}
