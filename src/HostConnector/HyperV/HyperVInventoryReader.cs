using System.Collections.Frozen;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Reads one host's VMs and checkpoint trees in a fixed number of requests, whatever its VM count:
/// one query each for VMs, setting data (current settings and every checkpoint) and disk settings,
/// plus a bounded number of disk-folder scans on their own schedule (see <see cref="DiskScanPolicy"/>).
/// </summary>
public sealed class HyperVInventoryReader
{
    public const string VmQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'";
    public const string SettingsQuery = "SELECT * FROM Msvm_VirtualSystemSettingData";
    public const string StorageQuery =
        "SELECT InstanceID, HostResource, ResourceSubType FROM Msvm_StorageAllocationSettingData WHERE ResourceType = 31";

    private readonly TimeProvider _time;

    public HyperVInventoryReader(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Reads the host behind <paramref name="session"/> in full. CIM failures propagate as <see cref="CimException"/>.</summary>
    public Task<HostReadResult> ReadAsync(
        ICimSession session,
        string? clusterName,
        DiskSizeCache sizes,
        DiskScanPolicy scanPolicy,
        CancellationToken cancellationToken) =>
        ReadAsync(session, clusterName, sizes, scanPolicy, baseline: null, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Reads the host behind <paramref name="session"/>, incrementally when it can: the VMs are read first, and when
    /// no VM's <c>TimeOfLastConfigurationChange</c> differs from <paramref name="baseline"/> (no VM added or removed,
    /// no disk folder due for a scan, the baseline younger than <paramref name="fullReadInterval"/>), the setting data
    /// and disks are not read again: the baseline's VMs are kept with their power states updated. One request
    /// instead of three, and a small fraction of the bytes, for a host where nothing changed.
    /// </summary>
    /// <param name="baseline">
    /// The previous read's baseline; null forces a full read. A full read keeps the baseline's objects for the VMs it finds
    /// unchanged (<see cref="InventorySharing"/>).
    /// </param>
    /// <param name="fullReadInterval">
    /// The longest a baseline is trusted. A bound on anything a host changes without touching a VM's configuration
    /// time (Hyper-V documents it as the configuration file's last write; a checkpoint's own file is separate). Zero
    /// forces a full read that still shares the baseline's unchanged objects.
    /// </param>
    public async Task<HostReadResult> ReadAsync(
        ICimSession session,
        string? clusterName,
        DiskSizeCache sizes,
        DiskScanPolicy scanPolicy,
        HostReadBaseline? baseline,
        TimeSpan fullReadInterval,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(scanPolicy);

        var started = _time.GetTimestamp();
        var systems = await session.QueryAsync(CimNamespaces.Virtualization, VmQuery, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (baseline is not null &&
            now - baseline.FullReadAt < fullReadInterval &&
            Unchanged(baseline, systems) &&
            sizes.FoldersToScan(baseline.ReferencedDisks, now, scanPolicy.MaxAge, scanPolicy.MaxFoldersPerRefresh).Count == 0)
        {
            var refreshed = HyperVMapper.RefreshPowerStates(baseline.Vms, systems);
            InventoryMetrics.RecordRead(full: false, systems.Count);
            return new HostReadResult(refreshed, 1, _time.GetElapsedTime(started), baseline.Warning)
            {
                Baseline = baseline with { Vms = refreshed },
                IsFull = false,
                Instances = systems.Count,
            };
        }

        var settings = await session.QueryAsync(CimNamespaces.Virtualization, SettingsQuery, cancellationToken).ConfigureAwait(false);
        var storage = await session.QueryAsync(CimNamespaces.Virtualization, StorageQuery, cancellationToken).ConfigureAwait(false);
        var requests = 3;
        var instances = systems.Count + settings.Count + storage.Count;
        var elapsed = _time.GetElapsedTime(started);

        string? warning = null;
        var referenced = storage
            .Select(s => s.GetStringArray("HostResource"))
            .Where(r => r.Count > 0 && !string.IsNullOrWhiteSpace(r[0]))
            .Select(r => r[0]!)
            .ToList();
        var folders = sizes.FoldersToScan(referenced, now, scanPolicy.MaxAge, scanPolicy.MaxFoldersPerRefresh);
        // A scanned file the VMs reference keeps the referenced path's string: Windows lists files in lower case, so
        // without this every disk path of the fleet would be held twice, once as reported and once as listed. The
        // baseline's strings come first: its VMs are the ones kept where nothing changed (InventorySharing).
        var known = folders.Count == 0 ? null : KnownPaths(baseline, referenced);
        foreach (var folder in folders)
        {
            var scanStarted = _time.GetTimestamp();
            try
            {
                var files = await session.QueryAsync(CimNamespaces.Cimv2, DiskPaths.FolderQuery(folder), cancellationToken)
                    .ConfigureAwait(false);
                instances += files.Count;
                sizes.Record(ToScan(folder, files, known!));
            }
            catch (CimException ex) when (ex.Kind is not (CimErrorKind.Unreachable or CimErrorKind.Timeout or CimErrorKind.AuthenticationFailed))
            {
                // Sizes are an addition to the inventory, not part of it: a host that refuses file queries
                // (access to root\cimv2 denied, say) still shows its VMs, with sizes marked unknown.
                warning = $"Disk sizes could not be measured in '{folder}': {ex.Message}";
                sizes.Record(new FolderScan(DiskPaths.Normalize(folder), _time.GetUtcNow(), FrozenDictionary<string, ScannedFile>.Empty, ex.Message));
            }
            finally
            {
                requests++;
                elapsed += _time.GetElapsedTime(scanStarted);
            }
        }

        var vms = HyperVMapper.MapVirtualMachines(session.HostName, clusterName, systems, settings, storage, sizes.SizeOf);
        IReadOnlyList<string> referencedDisks = referenced;
        if (baseline is not null)
        {
            vms = InventorySharing.KeepUnchanged(baseline.Vms, vms);
            referencedDisks = InventorySharing.SharePaths(referenced, vms);
        }

        InventoryMetrics.RecordRead(full: true, instances);
        return new HostReadResult(vms, requests, elapsed / requests, warning)
        {
            Baseline = ChangeTimes(systems) is { } times ? new HostReadBaseline(vms, times, referencedDisks, now, warning) : null,
            Instances = instances,
        };
    }

    /// <summary>True when the host has exactly the baseline's VMs, none with a different configuration change time.</summary>
    private static bool Unchanged(HostReadBaseline baseline, IReadOnlyList<CimInstance> systems)
    {
        var vms = 0;
        foreach (var system in systems)
        {
            if (IsHost(system))
            {
                continue;
            }

            vms++;
            if (!Guid.TryParse(system.GetString("Name"), out var id) ||
                !baseline.ChangeTimes.TryGetValue(id, out var known) ||
                ChangeTime(system) != known)
            {
                return false;
            }
        }

        return vms == baseline.ChangeTimes.Count;
    }

    /// <summary>Each VM's configuration change time; null when any VM lacks one (the host is then always read in full).</summary>
    private static FrozenDictionary<Guid, DateTimeOffset>? ChangeTimes(IReadOnlyList<CimInstance> systems)
    {
        var times = new Dictionary<Guid, DateTimeOffset>(systems.Count);
        foreach (var system in systems)
        {
            if (IsHost(system))
            {
                continue;
            }

            if (!Guid.TryParse(system.GetString("Name"), out var id) || ChangeTime(system) is not { } time)
            {
                return null;
            }

            times[id] = time;
        }

        return times.ToFrozenDictionary();
    }

    private static DateTimeOffset? ChangeTime(CimInstance system)
    {
        try
        {
            return system.GetDateTime("TimeOfLastConfigurationChange");
        }
        catch (CimMappingException)
        {
            // An unreadable value is no evidence that nothing changed: treated as absent, so the host is read in full.
            return null;
        }
    }

    private static bool IsHost(CimInstance system) =>
        string.Equals(system.GetString("Caption"), HyperVSchema.HostCaption, StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> KnownPaths(HostReadBaseline? baseline, IEnumerable<string> referenced)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (baseline is not null)
        {
            known.UnionWith(InventorySharing.PathsHeldBy(baseline.Vms).Select(DiskPaths.Normalize));
        }

        known.UnionWith(referenced.Select(DiskPaths.Normalize));
        return known;
    }

    private FolderScan ToScan(string folder, IReadOnlyList<CimInstance> files, HashSet<string> known)
    {
        var map = new Dictionary<string, ScannedFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var name = file.GetString("Name");
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var path = DiskPaths.Normalize(name);
            path = known.TryGetValue(path, out var referenced) ? referenced : path;
            map[path] = new ScannedFile(path, (long)Math.Min(file.GetUInt64("FileSize") ?? 0, long.MaxValue), file.GetDateTime("LastModified"));
        }

        return new FolderScan(DiskPaths.Normalize(folder), _time.GetUtcNow(), map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }
}
