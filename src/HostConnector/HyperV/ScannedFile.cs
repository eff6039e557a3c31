namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>A virtual-disk file found by a folder scan.</summary>
public sealed record ScannedFile(string Path, long SizeBytes, DateTimeOffset? LastModified);
