namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// The disk files a host can see: local disks for a standalone host, Cluster Shared Volumes shared by every
/// node of a cluster. Not thread-safe on its own; callers hold the owning host's (or cluster's) lock.
/// </summary>
public sealed class SimulatedStorage
{
    private readonly Dictionary<string, SimulatedFile> _files = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<SimulatedFile> Files => _files.Values;

    public SimulatedFile? Find(string path) => _files.GetValueOrDefault(path);

    public void Add(SimulatedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _files[file.Path] = file;
    }

    public bool Remove(string path) => _files.Remove(path);

    /// <summary>Files whose parent is <paramref name="path"/>.</summary>
    public IEnumerable<SimulatedFile> ChildrenOf(string path) =>
        _files.Values.Where(f => string.Equals(f.ParentPath, path, StringComparison.OrdinalIgnoreCase));
}
