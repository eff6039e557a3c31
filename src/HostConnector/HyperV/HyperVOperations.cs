using System.Collections.Concurrent;
using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Hyper-V's checkpoint methods in terms of <see cref="ICimSession"/> (the real <c>root\virtualization\v2</c> methods,
/// see <c>shared/reference/hyperv-wmi.md</c> §1.4-1.6 and §2): create, apply, delete, delete subtree, settings
/// (read-modify-write through <c>ModifySystemSettings</c>), export, power state, and job polling. Each call is one
/// request; waiting for jobs is the caller's business (the job service polls and records progress).
/// </summary>
public sealed class HyperVOperations
{
    private const string V2 = CimNamespaces.Virtualization;
    private readonly ConcurrentDictionary<(string Host, string Class), CimReference> _services = new();

    /// <summary>The reference of a VM (<c>Msvm_ComputerSystem</c>).</summary>
    public static CimReference VmReference(Guid vmId) => CimReference.Create(HyperVSchema.ComputerSystem, V2,
        ("CreationClassName", HyperVSchema.ComputerSystem), ("Name", vmId.ToString("D").ToUpperInvariant()));

    /// <summary>The reference of a setting (a VM's current settings or a checkpoint).</summary>
    public static CimReference SettingReference(Guid settingId) =>
        CimReference.Create(HyperVSchema.SettingData, V2, ("InstanceID", HyperVSchema.InstanceIdFor(settingId)));

    /// <summary><c>CreateSnapshot</c> of the type the VM is configured for (<c>SnapshotType</c> 2, as <c>Checkpoint-VM</c> sends).</summary>
    public async Task<HyperVCall> CreateSnapshotAsync(ICimSession session, Guid vmId, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(session, HyperVSchema.SnapshotService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "CreateSnapshot", new Dictionary<string, object?>
        {
            ["AffectedSystem"] = VmReference(vmId),
            ["SnapshotSettings"] = string.Empty,
            ["SnapshotType"] = HyperVSchema.SnapshotKind.Full,
        }, "ResultingSnapshot", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>ApplySnapshot</c>; the VM must be Off or Saved (Hyper-V answers 32775 otherwise).</summary>
    public async Task<HyperVCall> ApplySnapshotAsync(ICimSession session, Guid checkpointId, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(session, HyperVSchema.SnapshotService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "ApplySnapshot",
            new Dictionary<string, object?> { ["Snapshot"] = SettingReference(checkpointId) }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DestroySnapshot</c>: removes one checkpoint and merges its differencing disks.</summary>
    public async Task<HyperVCall> DestroySnapshotAsync(ICimSession session, Guid checkpointId, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(session, HyperVSchema.SnapshotService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "DestroySnapshot",
            new Dictionary<string, object?> { ["AffectedSnapshot"] = SettingReference(checkpointId) }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DestroySnapshotTree</c>: removes a checkpoint and all its descendants.</summary>
    public async Task<HyperVCall> DestroySnapshotTreeAsync(ICimSession session, Guid checkpointId, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(session, HyperVSchema.SnapshotService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "DestroySnapshotTree",
            new Dictionary<string, object?> { ["SnapshotSettingData"] = SettingReference(checkpointId) }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the whole current setting instance of a VM or a checkpoint (for read-modify-write).</summary>
    public Task<CimInstance> GetSettingsAsync(ICimSession session, Guid settingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.GetAsync(SettingReference(settingId), cancellationToken);
    }

    /// <summary>
    /// <c>ModifySystemSettings</c> with <paramref name="current"/> (a full instance read just before) changed by
    /// <paramref name="changes"/>: the read-modify-write the Hyper-V PowerShell module does.
    /// </summary>
    public async Task<HyperVCall> ModifySettingsAsync(
        ICimSession session, CimInstance current, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        var merged = current.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            merged[name] = value;
        }

        var settings = HyperVPropertyTypes.Writable(new CimInstance(current.ClassName, current.Namespace, merged));
        var service = await ServiceAsync(session, HyperVSchema.ManagementService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "ModifySystemSettings",
            new Dictionary<string, object?> { ["SystemSettings"] = settings }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>ExportSystemDefinition</c> of one checkpoint (<c>CopySnapshotConfiguration</c> = ExportOneSnapshot), with its
    /// storage, into <paramref name="directory"/> on the host, as <c>Export-VMSnapshot</c> does.
    /// </summary>
    public async Task<HyperVCall> ExportCheckpointAsync(
        ICimSession session, Guid vmId, Guid checkpointId, string directory, CancellationToken cancellationToken)
    {
        var exportSettings = new CimInstance(HyperVSchema.ExportSettingData, V2,
        [
            KeyValuePair.Create<string, object?>("CopySnapshotConfiguration", (byte)2),
            KeyValuePair.Create<string, object?>("SnapshotVirtualSystem", SettingReference(checkpointId).ToWmiPath()),
            KeyValuePair.Create<string, object?>("CopyVmStorage", true),
            KeyValuePair.Create<string, object?>("CopyVmRuntimeInformation", true),
            KeyValuePair.Create<string, object?>("CreateVmExportSubdirectory", true),
            KeyValuePair.Create<string, object?>("CaptureLiveState", (byte)1),
        ]);
        var service = await ServiceAsync(session, HyperVSchema.ManagementService, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(session, service, "ExportSystemDefinition", new Dictionary<string, object?>
        {
            ["ComputerSystem"] = VmReference(vmId),
            ["ExportDirectory"] = directory,
            ["ExportSettingData"] = exportSettings,
        }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>Msvm_ComputerSystem.RequestStateChange</c> (2 start, 3 off, 6 save, 9 pause).</summary>
    public Task<HyperVCall> RequestStateChangeAsync(ICimSession session, Guid vmId, ushort requestedState, CancellationToken cancellationToken) =>
        InvokeAsync(session, VmReference(vmId), "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = requestedState }, null, cancellationToken);

    /// <summary>Reads a job; null when Hyper-V no longer has it (finished jobs are removed after five minutes).</summary>
    public async Task<HyperVJobStatus?> GetJobAsync(ICimSession session, CimReference job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(job);
        CimInstance instance;
        try
        {
            instance = await session.GetAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (CimException ex) when (ex.Kind == CimErrorKind.NotFound)
        {
            return null;
        }

        return new HyperVJobStatus(
            instance.GetUInt16("JobState") ?? 0,
            instance.GetUInt16("PercentComplete") ?? 0,
            instance.GetUInt16("ErrorCode") ?? 0,
            NonEmpty(instance.GetString("ErrorDescription")) ?? NonEmpty(instance.GetString("ErrorSummaryDescription")),
            instance.GetBoolean("Cancellable") ?? false);
    }

    /// <summary>The checkpoint a finished create job made, from <c>Msvm_AffectedJobElement</c>; null when it names none.</summary>
    public async Task<Guid?> FindCreatedCheckpointAsync(ICimSession session, CimReference job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var affected = await session.AssociatorsAsync(job, HyperVSchema.AffectedJobElement, HyperVSchema.SettingData, cancellationToken)
            .ConfigureAwait(false);
        return affected
            .Where(i => (i.GetString("VirtualSystemType") ?? string.Empty).StartsWith(HyperVSchema.SystemType.SnapshotPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(i => HyperVSchema.GuidFromInstanceId(i.GetString("InstanceID")))
            .FirstOrDefault(id => id is not null);
    }

    /// <summary>Asks Hyper-V to cancel a job (<c>RequestStateChange(4)</c>, as the PowerShell client does). True when accepted.</summary>
    public async Task<bool> CancelJobAsync(ICimSession session, CimReference job, CancellationToken cancellationToken)
    {
        var call = await InvokeAsync(session, job, "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = (ushort)4 }, null, cancellationToken).ConfigureAwait(false);
        return call.ReturnValue is HyperVSchema.ReturnCode.Completed or HyperVSchema.ReturnCode.JobStarted;
    }

    private static async Task<HyperVCall> InvokeAsync(
        ICimSession session, CimReference target, string method, Dictionary<string, object?> arguments, string? resultName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var result = await session.InvokeAsync(target, method, arguments, cancellationToken).ConfigureAwait(false);
        var job = result.OutParameters.GetReference("Job");
        var resultReference = resultName is null ? null : result.OutParameters.GetReference(resultName);
        return new HyperVCall(method, result.ReturnValue, job, resultReference);
    }

    /// <summary>
    /// The host's singleton service (<c>vmms</c> or <c>vssnapsvc</c>) with its four keys, read once per host: real hosts
    /// key services by <c>SystemName</c>, which only the host itself knows.
    /// </summary>
    private async Task<CimReference> ServiceAsync(ICimSession session, string className, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_services.TryGetValue((session.HostName, className), out var cached))
        {
            return cached;
        }

        var instances = await session.EnumerateAsync(V2, className, cancellationToken).ConfigureAwait(false);
        var service = (instances.Count > 0 ? instances[0] : null) ??
            throw new CimException(CimErrorKind.NotFound, $"{session.HostName} has no {className}: is the Hyper-V role installed?")
            {
                Host = session.HostName,
            };
        var reference = service.Path ?? service.ToReference("CreationClassName", "Name", "SystemCreationClassName", "SystemName");
        _services[(session.HostName, className)] = reference;
        return reference;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Hyper-V Manager's default checkpoint name: <c>VMName - (MM/dd/yyyy - hh:mm:ss AM/PM)</c>.</summary>
    public static string DefaultCheckpointName(string vmName, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{vmName} - ({at.UtcDateTime:MM/dd/yyyy - hh:mm:ss tt})");
}
