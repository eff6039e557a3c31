namespace CheckpointDashboard.Shared.Reports;

/// <summary>One file of a <see cref="FolderListing"/>.</summary>
/// <param name="Path">The file's full path on the host (a bare file name is taken to be inside the listing's folder).</param>
/// <param name="SizeBytes">Bytes the file uses on disk (<c>CIM_DataFile.FileSize</c>).</param>
/// <param name="LastModified">When the file last changed, when the host said; files changed very recently are not called orphans.</param>
public sealed record FileEntry(string Path, long SizeBytes, DateTimeOffset? LastModified = null);
