using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// One method invocation that reached a simulated host over WS-Management, as seen by
/// <see cref="WsManServerOptions.OnInvoke"/>: which host answered, the method, its target and its parameters as read
/// from the wire (an embedded instance is a <see cref="CimInstance"/>).
/// </summary>
/// <param name="Host">The simulated host that answered (a cluster name resolves to its active node).</param>
/// <param name="Method">The method name, e.g. <c>ModifySystemSettings</c>.</param>
/// <param name="Target">The instance or class the method was invoked on.</param>
/// <param name="Arguments">The in-parameters by name (case-insensitive).</param>
public sealed record WsManInvocation(string Host, string Method, CimReference Target, IReadOnlyDictionary<string, object?> Arguments);
