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

    /// <summary>Reads the host behind <paramref name="session"/>. CIM failures propagate as <see cref="CimException"/>.</summary>
    public async Task<HostReadResult> ReadAsync(
        ICimSession session,
        string? clusterName,
        DiskSizeCache sizes,
        DiskScanPolicy scanPolicy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(scanPolicy);

        var started = _time.GetTimestamp();
        var systems = await session.QueryAsync(CimNamespaces.Virtualization, VmQuery, cancellationToken).ConfigureAwait(false);
        var settings = await session.QueryAsync(CimNamespaces.Virtualization, SettingsQuery, cancellationToken).ConfigureAwait(false);
        var storage = await session.QueryAsync(CimNamespaces.Virtualization, StorageQuery, cancellationToken).ConfigureAwait(false);
        var requests = 3;
        var elapsed = _time.GetElapsedTime(started);

        string? warning = null;
        var referenced = storage
            .Select(s => s.GetStringArray("HostResource"))
            .Where(r => r.Count > 0 && !string.IsNullOrWhiteSpace(r[0]))
            .Select(r => r[0]!)
            .ToList();
        var folders = sizes.FoldersToScan(referenced, _time.GetUtcNow(), scanPolicy.MaxAge, scanPolicy.MaxFoldersPerRefresh);
        foreach (var folder in folders)
        {
            var scanStarted = _time.GetTimestamp();
            try
            {
                var files = await session.QueryAsync(CimNamespaces.Cimv2, DiskPaths.FolderQuery(folder), cancellationToken)
                    .ConfigureAwait(false);
                sizes.Record(ToScan(folder, files));
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
        return new HostReadResult(vms, requests, elapsed / requests, warning);
    }

    private FolderScan ToScan(string folder, IReadOnlyList<CimInstance> files)
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
            map[path] = new ScannedFile(path, (long)Math.Min(file.GetUInt64("FileSize") ?? 0, long.MaxValue), file.GetDateTime("LastModified"));
        }

        return new FolderScan(DiskPaths.Normalize(folder), _time.GetUtcNow(), map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }
}
