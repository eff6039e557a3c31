using System.Collections.Frozen;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>The virtual-disk files one folder held when it was scanned.</summary>
/// <param name="Folder">The folder, normalised (see <see cref="DiskPaths.Normalize"/>), without a trailing separator.</param>
/// <param name="ScannedAt">When the scan finished.</param>
/// <param name="Files">Files by normalised full path.</param>
/// <param name="Error">Why the scan failed (the host refused it), or null. A failed scan is retried only once it is old.</param>
public sealed record FolderScan(string Folder, DateTimeOffset ScannedAt, FrozenDictionary<string, ScannedFile> Files, string? Error = null);
