using System.Collections.Immutable;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A role given to a user, over the whole fleet or only some clusters and hosts.</summary>
public sealed class RoleAssignmentRecord
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string RoleName { get; set; } = string.Empty;

    /// <summary>Comma-separated cluster names the role is limited to; with <see cref="Hosts"/> both empty, the whole fleet.</summary>
    public string Clusters { get; set; } = string.Empty;

    /// <summary>Comma-separated host names the role is limited to.</summary>
    public string Hosts { get; set; } = string.Empty;

    /// <summary><see cref="Clusters"/> as a list.</summary>
    public ImmutableArray<string> ClusterList => Split(Clusters);

    /// <summary><see cref="Hosts"/> as a list.</summary>
    public ImmutableArray<string> HostList => Split(Hosts);

    /// <summary>The stored form of a scope list: names trimmed, blanks and repeats dropped, comma-separated.</summary>
    public static string Join(IEnumerable<string> values) =>
        string.Join(',', values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));

    private static ImmutableArray<string> Split(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
