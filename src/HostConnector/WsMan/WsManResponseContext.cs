namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>What a response is read against: the host (for messages), the request it must answer and the size cap.</summary>
/// <param name="HostName">The host, as the fleet names it; every error message names it.</param>
/// <param name="RequestMessageId">The request's MessageID; a response whose RelatesTo differs is refused. Null skips the check.</param>
/// <param name="DefaultNamespace">The CIM namespace for instances whose XML namespace is not a WMI resource URI.</param>
/// <param name="MaxResponseBytes">The largest response accepted, in bytes.</param>
public sealed record WsManResponseContext(string HostName, string? RequestMessageId, string DefaultNamespace, int MaxResponseBytes);
