namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>A standalone Hyper-V host (<c>Fleet:Hosts:N</c>).</summary>
public sealed class FleetHostOptions : EndpointOptions;
