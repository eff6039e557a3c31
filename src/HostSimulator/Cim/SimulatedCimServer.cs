using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.HostSimulator.Wql;

namespace CheckpointDashboard.HostSimulator.Cim;

/// <summary>
/// The CIM server of one simulated host: answers queries, gets, associator queries and method calls against the
/// host's state, as WMI would. Transports (in-process, WS-Management) sit in front of it and apply faults.
/// </summary>
public sealed class SimulatedCimServer
{
    /// <summary>WBEM_E_NOT_FOUND.</summary>
    public const uint NotFoundCode = 0x80041002;

    /// <summary>WBEM_E_INVALID_NAMESPACE.</summary>
    public const uint InvalidNamespaceCode = 0x8004100E;

    /// <summary>WBEM_E_INVALID_CLASS.</summary>
    public const uint InvalidClassCode = 0x80041010;

    /// <summary>WBEM_E_INVALID_PARAMETER.</summary>
    public const uint InvalidParameterCode = 0x80041008;

    /// <summary>WBEM_E_INVALID_METHOD.</summary>
    public const uint InvalidMethodCode = 0x80041031;

    public SimulatedCimServer(SimulatedHost host)
    {
        Host = host;
    }

    public SimulatedHost Host { get; }

    public IReadOnlyList<CimInstance> Query(string cimNamespace, string wql)
    {
        var ns = CimNamespaces.Normalize(cimNamespace);
        return WqlParser.Parse(wql, ns) switch
        {
            WqlSelectQuery select => [.. Enumerate(ns, select.ClassName).Where(i => select.Where?.Evaluate(i) ?? true).Select(select.Project)],
            WqlAssociatorsQuery associators => Associators(associators.Source, associators.AssocClass, associators.ResultClass),
            _ => throw new CimException(CimErrorKind.InvalidQuery, "Unsupported query."),
        };
    }

    public IReadOnlyList<CimInstance> Enumerate(string cimNamespace, string className)
    {
        var ns = CimNamespaces.Normalize(cimNamespace);
        return Host.Locked(() => Instances(ns, className).ToList());
    }

    public CimInstance Get(CimReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var match = Enumerate(reference.Namespace, reference.ClassName)
            .FirstOrDefault(instance => reference.Selectors.All(s =>
                string.Equals(instance.GetString(s.Key), s.Value, StringComparison.OrdinalIgnoreCase)));
        return match ?? throw new CimException(CimErrorKind.NotFound, $"No {reference.ClassName} instance matches {reference}.")
        {
            Host = Host.Name,
            WmiErrorCode = NotFoundCode,
        };
    }

    public IReadOnlyList<CimInstance> Associators(CimReference source, string? associationClass, string? resultClass)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Host.Locked(() =>
        {
            var results = AssociatedInstances(source, associationClass).ToList();
            return resultClass is null
                ? results
                : [.. results.Where(r => string.Equals(r.ClassName, resultClass, StringComparison.OrdinalIgnoreCase))];
        });
    }

    public CimMethodResult Invoke(CimReference target, string methodName, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new Dictionary<string, object?>(parameters, StringComparer.OrdinalIgnoreCase);
        var outcome = (target.ClassName, methodName) switch
        {
            (HyperVSchema.SnapshotService, "CreateSnapshot") =>
                Host.CreateSnapshot(VmId(args, "AffectedSystem"), UInt16(args, "SnapshotType") ?? HyperVSchema.SnapshotKind.Full),
            (HyperVSchema.SnapshotService, "DestroySnapshot") => Host.DestroySnapshot(SettingId(args, "AffectedSnapshot")),
            (HyperVSchema.SnapshotService, "DestroySnapshotTree") => Host.DestroySnapshotTree(SettingId(args, "SnapshotSettingData")),
            (HyperVSchema.SnapshotService, "ApplySnapshot") => Host.ApplySnapshot(SettingId(args, "Snapshot")),
            (HyperVSchema.ManagementService, "ModifySystemSettings") => Host.ModifySystemSettings(Embedded(args, "SystemSettings")),
            (HyperVSchema.ManagementService, "ExportSystemDefinition") => Export(args),
            (HyperVSchema.ComputerSystem, "RequestStateChange") =>
                Host.RequestStateChange(ParseVmGuid(target["Name"], "target"), UInt16(args, "RequestedState") ?? 0),
            (HyperVSchema.ConcreteJob, "RequestStateChange") =>
                MethodOutcome.Code(Host.RequestJobStateChange(target["InstanceID"] ?? string.Empty, UInt16(args, "RequestedState") ?? 0)),
            _ => throw new CimException(CimErrorKind.NotSupported, $"{target.ClassName} has no method '{methodName}'.")
            {
                Host = Host.Name,
                WmiErrorCode = InvalidMethodCode,
            },
        };

        var outputs = new List<KeyValuePair<string, object?>>
        {
            KeyValuePair.Create<string, object?>("Job", outcome.Job is null ? null : SimulatedCim.JobReference(outcome.Job.InstanceId)),
        };
        if (methodName == "CreateSnapshot")
        {
            outputs.Add(KeyValuePair.Create<string, object?>("ResultingSnapshot", null));
        }

        return new CimMethodResult(methodName, outcome.ReturnValue, outputs);
    }

    private MethodOutcome Export(Dictionary<string, object?> args)
    {
        var vmId = VmId(args, "ComputerSystem");
        var directory = args.GetValueOrDefault("ExportDirectory") as string;
        Guid? checkpoint = null;
        if (args.GetValueOrDefault("ExportSettingData") is CimInstance settings &&
            settings.GetUInt16("CopySnapshotConfiguration") == 2)
        {
            var snapshot = settings.GetReference("SnapshotVirtualSystem");
            checkpoint = HyperVSchema.GuidFromInstanceId(snapshot?["InstanceID"]) ?? throw BadArgument("ExportSettingData.SnapshotVirtualSystem");
        }

        return Host.ExportSystemDefinition(vmId, directory, checkpoint);
    }

    private IEnumerable<CimInstance> Instances(string ns, string className)
    {
        var now = Host.Fleet.Time.GetUtcNow();
        switch (ns)
        {
            case CimNamespaces.Virtualization:
                return className.ToUpperInvariant() switch
                {
                    "MSVM_COMPUTERSYSTEM" or "CIM_COMPUTERSYSTEM" =>
                        [HyperVInstances.Host(Host), .. Host.Vms.Select(vm => HyperVInstances.Vm(vm, now))],
                    "MSVM_VIRTUALSYSTEMSETTINGDATA" or "CIM_VIRTUALSYSTEMSETTINGDATA" => Host.Vms.SelectMany(vm =>
                        vm.Checkpoints.Select(c => HyperVInstances.SnapshotSettings(vm, c, Host.Name)).Prepend(HyperVInstances.RealizedSettings(vm, Host.Name))),
                    "MSVM_STORAGEALLOCATIONSETTINGDATA" => Host.Vms.SelectMany(vm =>
                        HyperVInstances.Disks(vm.Id, vm.Disks, Host.Name).Append(HyperVInstances.DvdDrive(vm.Id))
                            .Concat(vm.Checkpoints.SelectMany(c => HyperVInstances.Disks(c.Id, c.Disks, Host.Name)))),
                    "MSVM_VIRTUALSYSTEMSNAPSHOTSERVICE" => [HyperVInstances.SnapshotService(Host)],
                    "MSVM_VIRTUALSYSTEMMANAGEMENTSERVICE" => [HyperVInstances.ManagementService(Host)],
                    "MSVM_CONCRETEJOB" or "CIM_CONCRETEJOB" => Host.Jobs.Select(j => HyperVInstances.Job(j, now)),
                    _ => throw InvalidClass(ns, className),
                };
            case CimNamespaces.Cimv2:
                return className.ToUpperInvariant() switch
                {
                    "CIM_DATAFILE" or "CIM_LOGICALFILE" => Host.Storage.Files.Select(OtherInstances.DataFile),
                    _ => throw InvalidClass(ns, className),
                };
            case CimNamespaces.Cluster when Host.Cluster is { } cluster:
                return className.ToUpperInvariant() switch
                {
                    "MSCLUSTER_CLUSTER" => [OtherInstances.Cluster(cluster)],
                    "MSCLUSTER_NODE" => cluster.Nodes.Select(n => OtherInstances.Node(cluster, n)),
                    "MSCLUSTER_RESOURCE" => OtherInstances.Resources(cluster),
                    "MSCLUSTER_RESOURCEGROUP" => OtherInstances.ResourceGroups(cluster),
                    _ => throw InvalidClass(ns, className),
                };
            default:
                throw new CimException(CimErrorKind.NotFound, $"Invalid namespace '{ns}' on {Host.Name}.")
                {
                    Host = Host.Name,
                    WmiErrorCode = InvalidNamespaceCode,
                };
        }
    }

    private IEnumerable<CimInstance> AssociatedInstances(CimReference source, string? association)
    {
        var now = Host.Fleet.Time.GetUtcNow();
        var assoc = association?.ToUpperInvariant();
        if (string.Equals(source.ClassName, HyperVSchema.ComputerSystem, StringComparison.OrdinalIgnoreCase) &&
            Guid.TryParse(source["Name"], out var vmId) && Host.Vms.FirstOrDefault(v => v.Id == vmId) is { } vm)
        {
            if (assoc is null or "MSVM_SNAPSHOTOFVIRTUALSYSTEM")
            {
                foreach (var checkpoint in vm.Checkpoints)
                {
                    yield return HyperVInstances.SnapshotSettings(vm, checkpoint, Host.Name);
                }
            }

            if (assoc is null or "MSVM_SETTINGSDEFINESTATE")
            {
                yield return HyperVInstances.RealizedSettings(vm, Host.Name);
            }

            if (assoc is null or "MSVM_AFFECTEDJOBELEMENT")
            {
                foreach (var job in Host.Jobs.Where(j => j.VmId == vmId))
                {
                    yield return HyperVInstances.Job(job, now);
                }
            }
        }
        else if (string.Equals(source.ClassName, HyperVSchema.SettingData, StringComparison.OrdinalIgnoreCase) &&
                 HyperVSchema.GuidFromInstanceId(source["InstanceID"]) is { } settingId)
        {
            foreach (var owner in Host.Vms)
            {
                var isVm = owner.Id == settingId;
                var checkpoint = owner.FindCheckpoint(settingId);
                if (!isVm && checkpoint is null)
                {
                    continue;
                }

                if (assoc is null or "MSVM_VIRTUALSYSTEMSETTINGDATACOMPONENT")
                {
                    foreach (var disk in HyperVInstances.Disks(settingId, isVm ? owner.Disks : checkpoint!.Disks, Host.Name))
                    {
                        yield return disk;
                    }
                }

                if (assoc is null or "MSVM_SETTINGSDEFINESTATE" or "MSVM_SNAPSHOTOFVIRTUALSYSTEM")
                {
                    yield return HyperVInstances.Vm(owner, now);
                }

                if (assoc is null or "MSVM_PARENTCHILDSETTINGDATA")
                {
                    foreach (var child in owner.ChildrenOf(settingId))
                    {
                        yield return HyperVInstances.SnapshotSettings(owner, child, Host.Name);
                    }
                }
            }
        }
        else if (string.Equals(source.ClassName, HyperVSchema.ConcreteJob, StringComparison.OrdinalIgnoreCase) &&
                 Host.FindJob(source["InstanceID"] ?? string.Empty) is { } job && assoc is null or "MSVM_AFFECTEDJOBELEMENT")
        {
            foreach (var affected in job.Affected)
            {
                var instance = Resolve(affected, now);
                if (instance is not null)
                {
                    yield return instance;
                }
            }
        }
        else if (string.Equals(source.ClassName, "MSCluster_Cluster", StringComparison.OrdinalIgnoreCase) &&
                 Host.Cluster is { } cluster && string.Equals(source["Name"], cluster.Name, StringComparison.OrdinalIgnoreCase) &&
                 assoc is null or "MSCLUSTER_CLUSTERTONODE")
        {
            foreach (var node in cluster.Nodes)
            {
                yield return OtherInstances.Node(cluster, node);
            }
        }
    }

    private CimInstance? Resolve(CimReference reference, DateTimeOffset now)
    {
        if (string.Equals(reference.ClassName, HyperVSchema.ComputerSystem, StringComparison.OrdinalIgnoreCase) &&
            Guid.TryParse(reference["Name"], out var vmId))
        {
            return Host.Vms.FirstOrDefault(v => v.Id == vmId) is { } vm ? HyperVInstances.Vm(vm, now) : null;
        }

        if (HyperVSchema.GuidFromInstanceId(reference["InstanceID"]) is { } id)
        {
            foreach (var vm in Host.Vms)
            {
                if (vm.FindCheckpoint(id) is { } checkpoint)
                {
                    return HyperVInstances.SnapshotSettings(vm, checkpoint, Host.Name);
                }
            }
        }

        return null;
    }

    private Guid VmId(Dictionary<string, object?> args, string name)
    {
        var reference = Reference(args, name);
        return ParseVmGuid(reference["Name"], name);
    }

    private Guid SettingId(Dictionary<string, object?> args, string name) =>
        HyperVSchema.GuidFromInstanceId(Reference(args, name)["InstanceID"]) ?? throw BadArgument(name);

    private Guid ParseVmGuid(string? text, string name) => Guid.TryParse(text, out var id) ? id : throw BadArgument(name);

    private CimReference Reference(Dictionary<string, object?> args, string name) => args.GetValueOrDefault(name) switch
    {
        CimReference reference => reference,
        CimInstance instance => instance.ToReference(instance.KeyNames.Length > 0 ? [.. instance.KeyNames] : [.. instance.Properties.Keys]),
        string path when CimReference.TryParseWmiPath(path, CimNamespaces.Virtualization, out var parsed) => parsed!,
        _ => throw BadArgument(name),
    };

    private CimInstance Embedded(Dictionary<string, object?> args, string name) => args.GetValueOrDefault(name) switch
    {
        CimInstance instance => instance,
        _ => throw BadArgument(name),
    };

    private ushort? UInt16(Dictionary<string, object?> args, string name)
    {
        var holder = new CimInstance("args", string.Empty, [KeyValuePair.Create(name, args.GetValueOrDefault(name))]);
        try
        {
            return holder.GetUInt16(name);
        }
        catch (CimMappingException)
        {
            throw BadArgument(name);
        }
    }

    private CimException BadArgument(string name) => new(CimErrorKind.InvalidParameter, $"Invalid or missing parameter '{name}'.")
    {
        Host = Host.Name,
        WmiErrorCode = InvalidParameterCode,
    };

    private CimException InvalidClass(string ns, string className) => new(CimErrorKind.NotFound, $"Invalid class '{className}' in {ns}.")
    {
        Host = Host.Name,
        WmiErrorCode = InvalidClassCode,
    };
}
