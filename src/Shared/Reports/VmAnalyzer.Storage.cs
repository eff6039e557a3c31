using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <content>The VM's disk space: the files it and its checkpoints use, and where the held ones are stored.</content>
internal sealed partial class VmAnalyzer
{
    /// <summary>
    /// Counts each of the VM's files once into <paramref name="diskBytes"/> (a file is referenced by the checkpoint
    /// that froze it and held by its parent), and returns the bytes of <paramref name="disks"/> themselves.
    /// </summary>
    private long AddFiles(ImmutableArray<DiskFile> disks, ref long diskBytes, ref bool sizesKnown)
    {
        long total = 0;
        foreach (var disk in disks.IsDefault ? [] : disks)
        {
            total += disk.SizeBytes ?? 0;
            if (_files.Add(disk.Path))
            {
                diskBytes += disk.SizeBytes ?? 0;
                sizesKnown &= disk.SizeBytes is not null;
            }
        }

        return total;
    }

    /// <summary>Adds the checkpoint's held disks to the VM's storage locations; returns the first disk's location.</summary>
    private string? Locate(Checkpoint checkpoint, int position, int depth)
    {
        string? first = null;
        foreach (var disk in checkpoint.HeldDisks.IsDefault ? [] : checkpoint.HeldDisks)
        {
            var volume = Volume(disk.Path);
            first ??= volume;
            if (!_storage.TryGetValue(volume, out var share))
            {
                share = new StorageShare();
                _storage[volume] = share;
            }

            share.Bytes += disk.SizeBytes ?? 0;
            if (share.LastCheckpoint != position)
            {
                share.LastCheckpoint = position;
                share.Checkpoints++;
                share.MaxDepth = Math.Max(share.MaxDepth, depth);
                share.Oldest = share.Oldest is null || checkpoint.Created < share.Oldest ? checkpoint.Created : share.Oldest;
            }
        }

        return first;
    }

    /// <summary>
    /// The storage location of a file. A VM's files mostly share one folder, so the last folder's answer is kept and
    /// the path is only parsed again when the folder changes.
    /// </summary>
    private string Volume(string path)
    {
        var cut = path.AsSpan().LastIndexOfAny('\\', '/');
        if (_lastFolder is not null && cut == _lastFolder.Length && path.AsSpan(0, cut).SequenceEqual(_lastFolder))
        {
            return _lastVolume!;
        }

        var volume = StoragePaths.VolumeOf(StoragePaths.Normalize(path));
        _lastFolder = cut < 0 ? string.Empty : path[..cut];
        _lastVolume = volume;
        return volume;
    }

    /// <summary>What one VM's checkpoints hold on one storage location.</summary>
    private sealed class StorageShare
    {
        public int LastCheckpoint { get; set; } = -1;

        public int Checkpoints { get; set; }

        public long Bytes { get; set; }

        public int MaxDepth { get; set; }

        public DateTimeOffset? Oldest { get; set; }

        public int[] Severities { get; } = new int[3];
    }
}
