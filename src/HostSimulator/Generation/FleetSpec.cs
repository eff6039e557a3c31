namespace CheckpointDashboard.HostSimulator.Generation;

/// <summary>The shape of a generated fleet.</summary>
public sealed record FleetSpec
{
    /// <summary>The same seed always yields the same fleet (names, GUIDs, trees, sizes).</summary>
    public int Seed { get; init; } = 42;

    public IReadOnlyList<ClusterSpec> Clusters { get; init; } = [];

    /// <summary>Standalone host names.</summary>
    public IReadOnlyList<string> StandaloneHosts { get; init; } = [];

    public int MinVmsPerHost { get; init; } = 18;

    public int MaxVmsPerHost { get; init; } = 32;

    /// <summary>
    /// The embedded default: three clusters (PROD, DEV, DR with Replica VMs) and four standalone hosts,
    /// about 325 VMs with everything an audit must find.
    /// </summary>
    public static FleetSpec Default { get; } = new()
    {
        Clusters =
        [
            new ClusterSpec("PROD", ["PROD-HV01", "PROD-HV02", "PROD-HV03", "PROD-HV04"], "PRD"),
            new ClusterSpec("DEV", ["DEV-HV01", "DEV-HV02", "DEV-HV03"], "DEV"),
            new ClusterSpec("DR", ["DR-HV01", "DR-HV02"], "DR", IsReplicaSite: true),
        ],
        StandaloneHosts = ["HV-BRANCH01", "HV-BRANCH02", "HV-LAB01", "HV-EDGE01"],
    };

    /// <summary>
    /// A fleet of <paramref name="hosts"/> hosts: about two thirds in four-node clusters, the rest standalone, with
    /// <paramref name="vmsPerHost"/> VMs on average.
    /// </summary>
    public static FleetSpec ForHosts(int hosts, int vmsPerHost = 25, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hosts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vmsPerHost);
        var clustered = hosts >= 4 ? hosts * 2 / 3 / 4 * 4 : 0;
        var clusters = new List<ClusterSpec>();
        for (var c = 0; c < clustered / 4; c++)
        {
            var name = $"CLU{c + 1:000}";
            var prefix = c % 5 == 0 ? "PRD" : c % 5 == 4 ? "DR" : $"C{c + 1:000}";
            clusters.Add(new ClusterSpec(name, [.. Enumerable.Range(1, 4).Select(n => $"{name}-HV{n:00}")], prefix, IsReplicaSite: c % 5 == 4));
        }

        return new FleetSpec
        {
            Seed = seed,
            Clusters = clusters,
            StandaloneHosts = [.. Enumerable.Range(1, hosts - clustered).Select(n => $"HV{n:0000}")],
            MinVmsPerHost = Math.Max(1, vmsPerHost - (vmsPerHost / 4)),
            MaxVmsPerHost = vmsPerHost + (vmsPerHost / 4),
        };
    }
}
