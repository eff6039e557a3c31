using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>One page of an enumeration: the items of an EnumerateResponse or a PullResponse and how to go on.</summary>
/// <param name="EnumerationContext">The context to Pull (or Release) with next; null when the host sent none.</param>
/// <param name="Items">The instances on this page, in the order the host sent them.</param>
/// <param name="EndOfSequence">True when the host has sent everything; then there is nothing to Pull or Release.</param>
public sealed record WsManEnumerationPage(string? EnumerationContext, IReadOnlyList<CimInstance> Items, bool EndOfSequence);
