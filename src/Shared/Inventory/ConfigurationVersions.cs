using System.Globalization;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>Helpers for Hyper-V VM configuration versions ("major.minor").</summary>
public static class ConfigurationVersions
{
    /// <summary>The first configuration version with <c>UserSnapshotType</c> (production checkpoints).</summary>
    public static readonly Version CheckpointTypesMinimum = new(6, 2);

    /// <summary>
    /// Parses "major.minor". VMs without a version field (Windows Server 2012) are version 4.0, so an
    /// empty value parses as 4.0; anything unparseable yields null.
    /// </summary>
    public static Version? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Version(4, 0);
        }

        var parts = value.Split('.');
        if (parts.Length is < 1 or > 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        var minor = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor))
        {
            return null;
        }

        return new Version(major, minor);
    }

    public static bool SupportsCheckpointTypes(string? value) =>
        Parse(value) is { } version && version >= CheckpointTypesMinimum;
}
