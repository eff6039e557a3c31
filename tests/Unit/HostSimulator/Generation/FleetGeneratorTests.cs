using System.Diagnostics;
using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Generation;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Generation;

/// <summary>The seeded fleet: reproducible, realistic, and internally consistent (files, chains, trees).</summary>
public sealed class FleetGeneratorTests
{
    private static readonly DateTimeOffset s_now = new(2025, 3, 14, 13, 5, 9, TimeSpan.Zero);

    [Fact]
    public void Generate_SameSeed_YieldsIdenticalFleet()
    {
        var first = Fingerprint(Generate(FleetSpec.Default));
        var second = Fingerprint(Generate(FleetSpec.Default));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_YieldsDifferentFleet()
    {
        var first = Generate(FleetSpec.Default);
        var second = Generate(FleetSpec.Default with { Seed = 43 });

        Assert.NotEqual(Fingerprint(first), Fingerprint(second));
        var firstIds = AllVms(first).Select(v => v.Vm.Id).ToHashSet();
        Assert.DoesNotContain(AllVms(second), v => firstIds.Contains(v.Vm.Id));
    }

    [Fact]
    public void Generate_Default_HasThreeClustersFourStandaloneHostsAndRealisticVmCount()
    {
        var fleet = Generate(FleetSpec.Default);

        Assert.Equal(["DEV", "DR", "PROD"], fleet.Clusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(4, fleet.StandaloneHosts.Count());
        Assert.Equal(13, fleet.Hosts.Count);
        Assert.InRange(AllVms(fleet).Count, 250, 450);
    }

    [Fact]
    public void Generate_Default_ContainsEverythingAnAuditMustFind()
    {
        var fleet = Generate(FleetSpec.Default);
        var vms = AllVms(fleet);
        var checkpoints = vms.SelectMany(v => v.Vm.Checkpoints).ToList();

        Assert.Contains(vms, v => MaxDepth(v.Vm) >= 20);
        Assert.Contains(vms, v => v.Vm.Name.Contains("-DC", StringComparison.Ordinal) && v.Vm.UserSnapshotType == 5);
        Assert.Contains(checkpoints, c => c.SystemType == HyperVSchema.SystemType.SnapshotRecovery);
        Assert.Contains(checkpoints, c => c.IsAutomatic);
        Assert.Contains(checkpoints, c => s_now - c.Created < TimeSpan.FromDays(1));
        Assert.Contains(checkpoints, c => s_now - c.Created > TimeSpan.FromDays(365));
        Assert.All(checkpoints, c => Assert.True(c.Created <= s_now));
        Assert.Contains(vms, v => !ConfigurationVersions.SupportsCheckpointTypes(v.Vm.Version));
        Assert.Contains(vms, v => v.Vm.UserSnapshotType == 2);
    }

    [Fact]
    public void Generate_Default_DrClusterHoldsReplicaVmsWithReplicaSnapshots()
    {
        var fleet = Generate(FleetSpec.Default);
        var dr = fleet.FindCluster("DR");

        Assert.NotNull(dr);
        var replicas = dr.Vms();
        Assert.NotEmpty(replicas);
        Assert.All(replicas, pair =>
        {
            Assert.Equal(ReplicationMode.Replica, pair.Vm.Replication);
            Assert.NotEmpty(pair.Vm.Checkpoints);
            Assert.All(pair.Vm.Checkpoints, c => Assert.StartsWith("Microsoft:Hyper-V:Snapshot:Replica:", c.SystemType, StringComparison.Ordinal));
        });
        Assert.DoesNotContain(AllVms(fleet), v => v.Vm.Replication == ReplicationMode.Replica && v.Host.Cluster != dr);
    }

    [Fact]
    public void Generate_Default_LeavesOrphanedDifferencingDisks()
    {
        var fleet = Generate(FleetSpec.Default);

        var orphans = Storages(fleet).SelectMany(s => s.Storage.Files
            .Where(f => f.IsDifferencing && !s.Vms.Any(vm => vm.ReferencedFiles().Contains(f.Path))))
            .ToList();

        Assert.NotEmpty(orphans);
        Assert.All(orphans, o => Assert.EndsWith(".avhdx", o.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Generate_Default_DiskChainsAreConsistent(int seed)
    {
        var fleet = Generate(FleetSpec.Default with { Seed = seed });

        foreach (var (storage, vms) in Storages(fleet))
        {
            foreach (var vm in vms)
            {
                Assert.All(vm.Disks, path => Assert.NotNull(storage.Find(path)));
                Assert.All(vm.Checkpoints.SelectMany(c => c.Disks), path => Assert.NotNull(storage.Find(path)));
                Assert.All(vm.Checkpoints.Where(c => c.ParentId is not null), c => Assert.NotNull(vm.FindCheckpoint(c.ParentId!.Value)));
                if (vm.CurrentCheckpointId is { } current)
                {
                    Assert.NotNull(vm.FindCheckpoint(current));
                }
            }

            Assert.All(storage.Files.Where(f => f.IsDifferencing), f => Assert.NotNull(storage.Find(f.ParentPath!)));

            // Each file belongs to one VM: a merge in one VM must never rewrite another VM's disk.
            var owners = vms.SelectMany(vm => vm.ReferencedFiles().Select(path => (Path: path, vm.Id)))
                .GroupBy(p => p.Path, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Select(p => p.Id).Distinct().Count() > 1)
                .Select(g => g.Key)
                .ToList();
            Assert.Empty(owners);
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Generate_Default_MapsThroughCimToTheModelsTrees(int seed)
    {
        var fleet = Generate(FleetSpec.Default with { Seed = seed });

        foreach (var host in fleet.Hosts)
        {
            var server = new SimulatedCimServer(host);
            var mapped = HyperVMapper.MapVirtualMachines(host.Name, host.Cluster?.Name,
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery),
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.SettingsQuery),
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.StorageQuery),
                path => host.Storage.Find(path)?.SizeBytes);

            Assert.Equal(host.Vms.Count, mapped.Length);
            foreach (var vm in host.Vms)
            {
                var read = Assert.Single(mapped, m => m.Id == vm.Id);
                AssertMatches(host, vm, read);
            }
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Generate_Default_StaysConsistentThroughDeletesAndApplies(int seed)
    {
        var time = new FakeTimeProvider(s_now);
        var fleet = FleetGenerator.Generate(FleetSpec.Default with { Seed = seed }, time);
        var jobs = new List<SimulatedJob>();

        // Delete one checkpoint (or its subtree) of every VM that has any, from the middle of its list.
        foreach (var (host, vm, i) in AllVms(fleet).Where(v => v.Vm.Checkpoints.Count > 0).Select((v, i) => (v.Host, v.Vm, i)))
        {
            var target = vm.Checkpoints[vm.Checkpoints.Count / 2].Id;
            var outcome = i % 3 == 0 ? host.DestroySnapshotTree(target) : host.DestroySnapshot(target);
            Assert.Equal(HyperVSchema.ReturnCode.JobStarted, outcome.ReturnValue);
            jobs.Add(outcome.Job!);
        }

        Settle(fleet, time);

        // Then apply the newest remaining checkpoint of every VM that still has one.
        foreach (var (host, vm) in AllVms(fleet).Where(v => v.Vm.Checkpoints.Count > 0))
        {
            vm.State = VmState.Off;
            var outcome = host.ApplySnapshot(vm.Checkpoints[^1].Id);
            Assert.Equal(HyperVSchema.ReturnCode.JobStarted, outcome.ReturnValue);
            jobs.Add(outcome.Job!);
        }

        Settle(fleet, time);

        Assert.All(jobs, j => Assert.Equal(HyperVSchema.JobState.Completed, j.State));
        // Hyper-V keeps the chains of the files it references whole; an orphaned file whose parent it deleted is not its concern.
        foreach (var (storage, vms) in Storages(fleet))
        {
            Assert.All(vms.SelectMany(vm => vm.ReferencedFiles()), path =>
            {
                for (var file = storage.Find(path); file is not null; file = file.ParentPath is { } parent ? storage.Find(parent) : null)
                {
                    Assert.True(file.ParentPath is null || storage.Find(file.ParentPath) is not null, $"{file.Path} lost its parent {file.ParentPath}");
                }

                Assert.NotNull(storage.Find(path));
            });
        }

        foreach (var host in fleet.Hosts)
        {
            var server = new SimulatedCimServer(host);
            var mapped = HyperVMapper.MapVirtualMachines(host.Name, host.Cluster?.Name,
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery),
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.SettingsQuery),
                server.Query(CimNamespaces.Virtualization, HyperVInventoryReader.StorageQuery),
                path => host.Storage.Find(path)?.SizeBytes);
            Assert.All(host.Vms, vm => AssertMatches(host, vm, Assert.Single(mapped, m => m.Id == vm.Id)));
        }
    }

    [Fact]
    public void Generate_ThousandHosts_YieldsAboutTwentyFiveThousandVms()
    {
        var watch = Stopwatch.StartNew();

        var fleet = Generate(FleetSpec.ForHosts(1000, 25));

        watch.Stop();
        Assert.Equal(1000, fleet.Hosts.Count);
        Assert.InRange(AllVms(fleet).Count, 23_750, 26_250);
        Assert.NotEmpty(fleet.Clusters);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"generation took {watch.Elapsed}");
    }

    private static void AssertMatches(SimulatedHost host, SimulatedVm vm, VirtualMachine read)
    {
        Assert.Equal(vm.Name, read.Name);
        Assert.Equal(vm.State, read.State);
        Assert.Equal(host.Cluster?.Name, read.Cluster);
        Assert.Equal(vm.Checkpoints.Count, read.Checkpoints.Length);
        Assert.Equal(vm.CurrentCheckpointId, read.CurrentCheckpointId);
        Assert.Equal(vm.Disks, read.Disks.Select(d => d.Path));
        Assert.All(read.Disks, d => Assert.NotNull(d.SizeBytes));
        foreach (var checkpoint in vm.Checkpoints)
        {
            var mapped = Assert.Single(read.Checkpoints, c => c.Id == checkpoint.Id);
            Assert.Equal(checkpoint.ParentId, mapped.ParentId);
            Assert.Equal(checkpoint.Disks, mapped.Disks.Select(d => d.Path));
            Assert.Equal(checkpoint.IsAutomatic, mapped.IsAutomatic);
            Assert.Equal(checkpoint.Created, mapped.Created);

            // What derives from this checkpoint (child checkpoints and "Now") on differencing disks of its own.
            var derived = vm.Checkpoints.Where(c => c.ParentId == checkpoint.Id).Select(c => c.Disks)
                .Concat(vm.CurrentCheckpointId == checkpoint.Id ? [vm.Disks] : [])
                .SelectMany(d => d)
                .Where(d => d.EndsWith(".avhdx", StringComparison.OrdinalIgnoreCase) && !checkpoint.Disks.Contains(d, StringComparer.OrdinalIgnoreCase))
                .ToList();
            if (derived.Count > 0)
            {
                Assert.NotEmpty(mapped.HeldDisks);
                Assert.True(mapped.HeldBytes > 0);
            }
        }
    }

    /// <summary>Lets every job of the fleet run to its end.</summary>
    private static void Settle(SimulatedFleet fleet, FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromHours(1));
        foreach (var host in fleet.Hosts)
        {
            host.Locked(() => 0);
        }
    }

    private static SimulatedFleet Generate(FleetSpec spec) => FleetGenerator.Generate(spec, new FakeTimeProvider(s_now));

    private static List<(SimulatedHost Host, SimulatedVm Vm)> AllVms(SimulatedFleet fleet) =>
        [.. fleet.Hosts.SelectMany(h => h.Vms.Select(vm => (h, vm)))];

    /// <summary>Each storage (a standalone host's disks, a cluster's shared volumes) with every VM that uses it.</summary>
    private static IEnumerable<(SimulatedStorage Storage, List<SimulatedVm> Vms)> Storages(SimulatedFleet fleet) =>
        fleet.Hosts.GroupBy(h => h.Storage).Select(g => (g.Key, g.SelectMany(h => h.Vms).ToList()));

    private static int MaxDepth(SimulatedVm vm)
    {
        var max = 0;
        foreach (var checkpoint in vm.Checkpoints)
        {
            var depth = 1;
            for (var parent = checkpoint.ParentId; parent is { } id && depth <= vm.Checkpoints.Count; parent = vm.FindCheckpoint(id)?.ParentId)
            {
                depth++;
            }

            max = Math.Max(max, depth);
        }

        return max;
    }

    /// <summary>Everything a seed decides, as text, host by host.</summary>
    private static List<string> Fingerprint(SimulatedFleet fleet)
    {
        var lines = new List<string>();
        foreach (var host in fleet.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            lines.Add($"host {host.Name} {host.Cluster?.Name}");
            foreach (var vm in host.Vms)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"vm {vm.Id} {vm.ConfigurationId} {vm.Name} {vm.State} {vm.Version} {vm.UserSnapshotType} {vm.Created:O} {vm.CurrentCheckpointId} {string.Join('|', vm.Disks)}"));
                lines.AddRange(vm.Checkpoints.Select(c => string.Create(CultureInfo.InvariantCulture,
                    $"  checkpoint {c.Id} {c.Name} {c.ParentId} {c.Created:O} {c.SystemType} {c.IsSaved} {string.Join('|', c.Disks)}")));
            }
        }

        foreach (var (storage, _) in Storages(fleet))
        {
            lines.AddRange(storage.Files.OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"file {f.Path} {f.SizeBytes} {f.ParentPath} {f.Modified:O}")));
        }

        return lines;
    }
}
