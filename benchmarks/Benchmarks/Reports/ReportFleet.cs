using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Benchmarks.Reports;

/// <summary>
/// A deterministic fleet of benchmark size (by default 20,000 VMs and 60,000 checkpoints over 50 clusters of 8 nodes and
/// 100 standalone hosts) with the folder listings of every VM folder, for scale tests and throwaway measurements.
/// </summary>
internal static class ReportFleet
{
    private const long MiB = 1024L * 1024;

    public static (FleetSnapshot Snapshot, ImmutableArray<FolderListing> Folders) Build(
        DateTimeOffset now, int vmCount = 20_000, int checkpointCount = 60_000, int seed = 6)
    {
        var random = new Random(seed);
        var hosts = new List<HostStatus>();
        for (var c = 0; c < 50; c++)
        {
            for (var n = 0; n < 8; n++)
            {
                hosts.Add(Host($"C{c:00}N{n}", $"CL{c:00}"));
            }
        }

        for (var s = 0; s < 100; s++)
        {
            hosts.Add(Host($"HV{s:000}"));
        }

        // Checkpoints go to 60% of the VMs at random, so counts vary from none to a dozen or more.
        var counts = new int[vmCount];
        for (var i = 0; i < checkpointCount; i++)
        {
            counts[random.Next(vmCount * 3 / 5)]++;
        }

        var vms = ImmutableArray.CreateBuilder<VirtualMachine>(vmCount);
        var folders = ImmutableArray.CreateBuilder<FolderListing>(vmCount);
        for (var v = 0; v < vmCount; v++)
        {
            var host = hosts[random.Next(hosts.Count)];
            var (vm, listing) = NewVm(random, now, v, host, counts[v]);
            vms.Add(vm);
            folders.Add(listing);
        }

        return (new FleetSnapshot(1, now, false, [.. hosts], [], vms.MoveToImmutable()), folders.MoveToImmutable());
    }

    private static HostStatus Host(string name, string? cluster = null) =>
        new() { Name = name, Cluster = cluster, Endpoint = $"https://{name}:5986/wsman", State = HostState.Online };

    private static (VirtualMachine Vm, FolderListing Listing) NewVm(Random random, DateTimeOffset now, int v, HostStatus host, int count)
    {
        var name = (v % 20) switch
        {
            0 => $"DC{v:00000}",
            1 => $"SQL{v:00000}",
            2 => $"ERP-DB{v:00000}",
            _ => $"APP{v:00000}",
        };
        var id = new Guid(v + 1, 7, 7, 0, 0, 0, 0, 0, 0, 0, 1);
        var root = host.Cluster is null ? $@"D:\Hyper-V\{name}" : $@"C:\ClusterStorage\Volume{v % 4 + 1}\{name}";
        var files = new List<FileEntry>();
        var baseDisk = new DiskFile($@"{root}\Virtual Hard Disks\{name}.vhdx", (20 + random.Next(200)) * 1024 * MiB);
        files.Add(new FileEntry(baseDisk.Path, baseDisk.SizeBytes!.Value, now.AddDays(-400)));
        var checkpoints = new List<Checkpoint>(count);
        var type = random.Next(4) == 0 ? CheckpointType.Standard : CheckpointType.Production;
        for (var i = 0; i < count; i++)
        {
            var cid = new Guid(v + 1, (short)i, 9, 0, 0, 0, 0, 0, 0, 0, 2);
            var disk = i == 0 ? baseDisk : new DiskFile($@"{root}\Virtual Hard Disks\{name}_{cid:D}.avhdx", random.Next(1, 4096) * MiB);
            if (i > 0)
            {
                files.Add(new FileEntry(disk.Path, disk.SizeBytes!.Value, now.AddDays(-random.Next(1, 300))));
            }

            // Mostly chains, with a branch now and then (a revert followed by new checkpoints).
            Guid? parent = i == 0 ? null : checkpoints[random.Next(10) == 0 ? random.Next(i) : i - 1].Id;
            var kind = random.Next(20) switch
            {
                0 => CheckpointKind.Recovery,
                1 or 2 or 3 => CheckpointKind.Standard,
                _ => CheckpointKind.Production,
            };
            checkpoints.Add(new Checkpoint(cid, id, $"{name} cp{i}", parent, now - TimeSpan.FromHours(random.Next(1, 24 * 500)), kind,
                random.Next(15) == 0, kind == CheckpointKind.Standard, [disk], []));
        }

        var running = count == 0 ? baseDisk : new DiskFile($@"{root}\Virtual Hard Disks\{name}_now.avhdx", random.Next(1, 2048) * MiB);
        if (count > 0)
        {
            files.Add(new FileEntry(running.Path, running.SizeBytes!.Value, now));
        }

        if (random.Next(33) == 0)
        {
            files.Add(new FileEntry($@"{root}\Virtual Hard Disks\{name}_LOST.avhdx", 700 * MiB, now.AddDays(-90)));
        }

        var current = count == 0 ? (Guid?)null : checkpoints[^1].Id;
        var (completed, stats) = CheckpointTreeBuilder.Complete(checkpoints, current, [running]);
        var vm = new VirtualMachine
        {
            Id = id,
            Name = name,
            Host = host.Name,
            Cluster = host.Cluster,
            State = VmState.Running,
            CheckpointType = type,
            CurrentCheckpointId = current,
            Disks = [running],
            Checkpoints = completed,
            Stats = stats,
        };
        return (vm, new FolderListing(host.Name, $@"{root}\Virtual Hard Disks", [.. files]));
    }
}
