using System.Diagnostics.Metrics;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// The inventory's own counters, on the <c>CheckpointDashboard.Inventory</c> meter (readable with
/// <c>dotnet-counters</c>, OpenTelemetry or a <see cref="MeterListener"/>; the fleet benchmark reads them this way).
/// </summary>
public static class InventoryMetrics
{
    public const string MeterName = "CheckpointDashboard.Inventory";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_instances = s_meter.CreateCounter<long>(
        "inventory.cim_instances", unit: "{instance}", description: "CIM instances parsed and mapped by host reads");
    private static readonly Counter<long> s_reads = s_meter.CreateCounter<long>(
        "inventory.host_reads", unit: "{read}", description: "Successful host reads, tagged full=true|false");

    internal static void RecordRead(bool full, int instances)
    {
        var tag = new KeyValuePair<string, object?>("full", full);
        s_reads.Add(1, tag);
        s_instances.Add(instances, tag);
    }
}
