namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>The WMI namespaces the dashboard reads.</summary>
public static class CimNamespaces
{
    public const string Virtualization = @"root\virtualization\v2";
    public const string Cluster = @"root\MSCluster";
    public const string Cimv2 = @"root\cimv2";

    /// <summary>Normalises "root/virtualization/v2" and case variants to the canonical spelling above.</summary>
    public static string Normalize(string cimNamespace)
    {
        ArgumentNullException.ThrowIfNull(cimNamespace);
        var value = cimNamespace.Replace('/', '\\').Trim('\\');
        foreach (var known in (ReadOnlySpan<string>)[Virtualization, Cluster, Cimv2])
        {
            if (string.Equals(value, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return value;
    }
}
