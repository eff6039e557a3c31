using System.Globalization;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Generation;

/// <summary>
/// Generates a realistic fleet from a seed: most VMs with zero to two checkpoints, some with deep chains (20+) or
/// branched trees, ages from minutes to two years, a mix of checkpoint types and configuration versions, domain
/// controllers still set to Standard, Recovery checkpoints left behind by backups, automatic checkpoints nobody
/// removed, Replica VMs with recovery points, and a few orphaned differencing disks.
/// </summary>
public static class FleetGenerator
{
    private const long Mb = 1024L * 1024;
    private const long Gb = 1024L * Mb;

    private static readonly (string Role, int Weight)[] s_roles =
    [
        ("DC", 3), ("SQL", 8), ("EXCH", 2), ("WEB", 12), ("APP", 14), ("FS", 4), ("PRINT", 1), ("RDS", 4),
        ("BUILD", 3), ("TEST", 6), ("DEV", 6), ("JUMP", 1), ("K8S", 6), ("LNX-WEB", 5), ("MON", 2), ("PKI", 1),
    ];

    public static SimulatedFleet Generate(FleetSpec spec, TimeProvider time, double speed = 1.0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fleet = new SimulatedFleet(time, spec.Seed, speed);
        var random = new Random(spec.Seed);
        var now = time.GetUtcNow();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var volume = 1;
        foreach (var clusterSpec in spec.Clusters)
        {
            var cluster = fleet.AddCluster(clusterSpec.Name, clusterSpec.Nodes);
            foreach (var node in cluster.Nodes)
            {
                var count = random.Next(spec.MinVmsPerHost, spec.MaxVmsPerHost + 1);
                for (var i = 0; i < count; i++)
                {
                    var root = $@"C:\ClusterStorage\Volume{volume}";
                    node.AddVm(NewVm(fleet, node, random, now, clusterSpec.VmPrefix, root, clusterSpec.IsReplicaSite, names));
                }

                volume = (volume % 4) + 1;
            }
        }

        var branch = 1;
        foreach (var hostName in spec.StandaloneHosts)
        {
            var host = fleet.AddHost(hostName);
            var prefix = hostName.Contains("LAB", StringComparison.OrdinalIgnoreCase) ? "LAB" : $"BR{branch++}";
            var count = random.Next(spec.MinVmsPerHost, spec.MaxVmsPerHost + 1);
            for (var i = 0; i < count; i++)
            {
                host.AddVm(NewVm(fleet, host, random, now, prefix, @"D:\Hyper-V", replicaSite: false, names));
            }
        }

        return fleet;
    }

    private static SimulatedVm NewVm(
        SimulatedFleet fleet, SimulatedHost host, Random random, DateTimeOffset now, string prefix, string root,
        bool replicaSite, Dictionary<string, int> names)
    {
        var role = Pick(random, s_roles);
        var number = names[$"{prefix}-{role}"] = names.GetValueOrDefault($"{prefix}-{role}") + 1;
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{role}{number:00}");

        // VM names are not unique in Hyper-V; a few template VMs share a name across hosts. Their files still live in
        // folders of their own: two VMs sharing one disk file would let a merge in one rewrite the other's disk.
        var folderName = name;
        if (random.NextDouble() < 0.01)
        {
            name = "TEMPLATE-W2022";
        }

        var created = now - TimeSpan.FromDays(30 + (random.NextDouble() * 1500));
        var version = random.NextDouble() switch
        {
            < 0.07 => "5.0",
            < 0.15 => "8.0",
            < 0.55 => "9.0",
            _ => "10.0",
        };
        var isDc = role == "DC";
        var isDb = role is "SQL" or "EXCH";
        ushort type = random.NextDouble() switch
        {
            < 0.55 => 3,
            < 0.75 => 5,
            < 0.90 => 4,
            _ => 2,
        };
        if (isDc)
        {
            // Half the domain controllers are still on Standard checkpoints: the audit must find them.
            type = random.NextDouble() < 0.5 ? (ushort)5 : (ushort)4;
        }

        var state = random.NextDouble() switch
        {
            < 0.76 => VmState.Running,
            < 0.91 => VmState.Off,
            < 0.97 => VmState.Saved,
            _ => VmState.Paused,
        };
        var folder = $@"{root}\{folderName}";
        var vm = new SimulatedVm
        {
            Id = fleet.NewGuid(),
            Name = name,
            State = replicaSite ? VmState.Off : state,
            Generation = random.NextDouble() < 0.85 ? 2 : 1,
            Version = version,
            UserSnapshotType = ConfigurationVersions.SupportsCheckpointTypes(version) ? type : (ushort)5,
            AutomaticCheckpoints = !replicaSite && random.NextDouble() < 0.2,
            ConfigurationRoot = folder,
            SnapshotRoot = folder,
            Replication = replicaSite ? ReplicationMode.Replica : random.NextDouble() < 0.05 ? ReplicationMode.Primary : ReplicationMode.None,
            GuestCanQuiesce = role is not ("K8S" or "LNX-WEB") || random.NextDouble() < 0.5,
            Created = created,
            StateChanged = now - TimeSpan.FromHours(1 + (random.NextDouble() * 2000)),
            ConfigurationId = fleet.NewGuid(),
        };

        var diskCount = isDb || role == "FS" ? random.Next(2, 4) : 1;
        for (var d = 0; d < diskCount; d++)
        {
            var path = d == 0 ? $@"{folder}\Virtual Hard Disks\{name}.vhdx" : $@"{folder}\Virtual Hard Disks\{name}-data{d}.vhdx";
            host.Storage.Add(new SimulatedFile(path, (long)((8 + (random.NextDouble() * 200)) * Gb), null, created));
            vm.Disks.Add(path);
        }

        var growthPerDay = (0.05 + (random.NextDouble() * (isDb ? 6 : 1.5))) * Gb;
        if (replicaSite)
        {
            AddReplicaPoints(fleet, host, vm, random, now, growthPerDay);
        }
        else
        {
            AddHistory(fleet, host, vm, random, now, growthPerDay);
        }

        // Leftovers: an orphaned differencing disk next to the VM's disks (a failed merge or a backup that died).
        if (random.NextDouble() < 0.03)
        {
            var orphan = $@"{folder}\Virtual Hard Disks\{name}_{fleet.NewGuid().ToString("D").ToUpperInvariant()}.avhdx";
            host.Storage.Add(new SimulatedFile(orphan, (long)(random.NextDouble() * 30 * Gb) + (64 * Mb), vm.Disks[0], now - TimeSpan.FromDays(random.Next(10, 400))));
        }

        return vm;
    }

    private static void AddHistory(SimulatedFleet fleet, SimulatedHost host, SimulatedVm vm, Random random, DateTimeOffset now, double growthPerDay)
    {
        var roll = random.NextDouble();
        var count = roll switch
        {
            < 0.55 => 0,
            < 0.80 => 1,
            < 0.90 => 2,
            < 0.95 => random.Next(3, 7),
            < 0.98 => random.Next(20, 46),
            _ => random.Next(5, 12),
        };
        var branched = roll >= 0.98;
        if (vm.UserSnapshotType == 2 && count > 0)
        {
            // Checkpoints taken before someone disabled them.
            count = Math.Min(count, 2);
        }

        var events = Enumerable.Range(0, count)
            .Select(_ => now - TimeSpan.FromMinutes(Math.Exp(random.NextDouble() * Math.Log(60 * 24 * 730))))
            .Where(t => t > vm.Created)
            .Order()
            .ToList();
        foreach (var at in events)
        {
            if (branched && vm.Checkpoints.Count > 2 && random.NextDouble() < 0.3)
            {
                Apply(fleet, host, vm, vm.Checkpoints[random.Next(vm.Checkpoints.Count)], at - TimeSpan.FromMinutes(5));
            }

            var automatic = vm.AutomaticCheckpoints && random.NextDouble() < 0.6;
            var isSaved = vm.UserSnapshotType == 5 && vm.State != VmState.Off;
            var checkpointName = automatic
                ? $"Automatic Checkpoint - {vm.Name} - ({Stamp(at)})"
                : Pick(random, [($"{vm.Name} - ({Stamp(at)})", 4), ($"Before patching {at.UtcDateTime:yyyy-MM}", 2), ("Pre-upgrade", 1), ("before app deploy", 1), ("test", 1)]);
            Take(fleet, host, vm, at, checkpointName, HyperVSchema.SystemType.SnapshotRealized, isSaved, automatic, growthPerDay);
        }

        // Backup software that crashed left a Recovery checkpoint behind.
        if (random.NextDouble() < 0.06)
        {
            var at = now - TimeSpan.FromDays(1 + (random.NextDouble() * 200));
            if (at > (vm.Checkpoints.Count > 0 ? vm.Checkpoints[^1].Created : vm.Created))
            {
                Take(fleet, host, vm, at, $"{vm.Name} - Backup - ({Stamp(at)})", HyperVSchema.SystemType.SnapshotRecovery, false, false, growthPerDay);
            }
        }

        GrowCurrent(host, vm, now, growthPerDay);

        // A VM running on a differencing disk with no checkpoint registered (its checkpoint configuration was lost).
        if (vm.Checkpoints.Count == 1 && random.NextDouble() < 0.05)
        {
            vm.Checkpoints.Clear();
            vm.CurrentCheckpointId = null;
        }
    }

    private static void AddReplicaPoints(SimulatedFleet fleet, SimulatedHost host, SimulatedVm vm, Random random, DateTimeOffset now, double growthPerDay)
    {
        var points = random.Next(1, 9);
        for (var i = points; i >= 1; i--)
        {
            var at = now - TimeSpan.FromHours(i * 4) - TimeSpan.FromMinutes(random.Next(0, 60));
            var type = i % 4 == 0 ? HyperVSchema.SystemType.SnapshotReplicaAppConsistent : HyperVSchema.SystemType.SnapshotReplicaStandard;
            Take(fleet, host, vm, at, $"{vm.Name} - Standard Replica - ({Stamp(at)})", type, false, false, growthPerDay / 4);
        }

        GrowCurrent(host, vm, now, growthPerDay / 4);
    }

    /// <summary>Takes a checkpoint directly (no job), exactly as a completed CreateSnapshot would leave the VM.</summary>
    private static void Take(SimulatedFleet fleet, SimulatedHost host, SimulatedVm vm, DateTimeOffset at, string name, string systemType,
        bool isSaved, bool automatic, double growthPerDay)
    {
        GrowCurrent(host, vm, at, growthPerDay);
        var id = fleet.NewGuid();
        vm.Checkpoints.Add(new SimulatedCheckpoint
        {
            Id = id,
            Name = name,
            ParentId = vm.CurrentCheckpointId,
            Created = at,
            SystemType = systemType,
            IsSaved = isSaved,
            IsAutomatic = automatic,
            UserSnapshotType = vm.UserSnapshotType,
            Disks = [.. vm.Disks],
        });
        vm.Disks = [.. vm.Disks.Select(d => NewDiff(fleet, host, d, at))];
        vm.CurrentCheckpointId = id;
    }

    private static void Apply(SimulatedFleet fleet, SimulatedHost host, SimulatedVm vm, SimulatedCheckpoint checkpoint, DateTimeOffset at)
    {
        var before = vm.ReferencedFiles();
        vm.Disks = [.. checkpoint.Disks.Select(d => NewDiff(fleet, host, d, at))];
        vm.CurrentCheckpointId = checkpoint.Id;
        DiskChains.Apply(DiskChains.PlanTidy(host.Storage, before, vm.ReferencedFiles()), host.Storage, vm, at);
    }

    /// <summary>The running state's differencing disks grow with the time since they were created.</summary>
    private static void GrowCurrent(SimulatedHost host, SimulatedVm vm, DateTimeOffset until, double growthPerDay)
    {
        foreach (var path in vm.Disks)
        {
            if (host.Storage.Find(path) is { IsDifferencing: true } file)
            {
                var days = Math.Max(0, (until - file.Modified).TotalDays);
                file.SizeBytes = Math.Min((long)(60 * Gb), file.SizeBytes + (long)(growthPerDay * days));
                file.Modified = until;
            }
        }
    }

    private static string NewDiff(SimulatedFleet fleet, SimulatedHost host, string parent, DateTimeOffset at)
    {
        var slash = parent.LastIndexOf('\\');
        var stem = parent[(slash + 1)..];
        stem = stem[..stem.LastIndexOf('.')];
        var underscore = stem.LastIndexOf('_');
        if (underscore > 0 && Guid.TryParse(stem[(underscore + 1)..], out _))
        {
            stem = stem[..underscore];
        }

        var path = $"{parent[..slash]}\\{stem}_{fleet.NewGuid().ToString("D").ToUpperInvariant()}.avhdx";
        host.Storage.Add(new SimulatedFile(path, 4 * Mb, parent, at));
        return path;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("MM/dd/yyyy - hh:mm:ss tt", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        var roll = random.Next(total);
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }
}
