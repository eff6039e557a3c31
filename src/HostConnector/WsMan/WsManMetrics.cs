using System.Diagnostics.Metrics;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// WS-Management traffic on the <c>CheckpointDashboard.WsMan</c> meter: round trips and bytes each way (readable with
/// <c>dotnet-counters</c>, OpenTelemetry or a <see cref="MeterListener"/>; the fleet benchmark reads them this way).
/// </summary>
public static class WsManMetrics
{
    public const string MeterName = "CheckpointDashboard.WsMan";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_exchanges = s_meter.CreateCounter<long>(
        "wsman.exchanges", unit: "{request}", description: "WS-Management requests answered (any status)");
    private static readonly Counter<long> s_sent = s_meter.CreateCounter<long>("wsman.bytes_sent", unit: "By");
    private static readonly Counter<long> s_received = s_meter.CreateCounter<long>("wsman.bytes_received", unit: "By");

    internal static void RecordExchange(int sent, int received)
    {
        s_exchanges.Add(1);
        s_sent.Add(sent);
        s_received.Add(received);
    }
}
