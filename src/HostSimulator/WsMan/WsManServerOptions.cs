using System.Net;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Settings of the simulator's WS-Management server: the one account it accepts, the limits it puts on untrusted
/// requests and on enumeration contexts, and (for <see cref="SimulatorWsManHost"/> only) where and how it listens.
/// </summary>
public sealed record WsManServerOptions
{
    /// <summary>The user name Basic authentication accepts.</summary>
    public string UserName { get; init; } = "sim";

    /// <summary>The password Basic authentication accepts.</summary>
    public string Password { get; init; } = "sim";

    /// <summary>
    /// The largest request body read, in bytes. Requests are untrusted input; a real request (a query, a Get, an
    /// Invoke with an embedded instance) is a few kilobytes, so anything near this size is refused with a fault.
    /// </summary>
    public int MaxRequestBytes { get; init; } = 1024 * 1024;

    /// <summary>How long an enumeration context lives without a Pull before it is forgotten.</summary>
    public TimeSpan EnumerationContextLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many enumeration contexts may be open at once (over all hosts). A client that never releases its
    /// contexts gets a quota fault instead of growing the server's memory without bound.
    /// </summary>
    public int MaxEnumerationContexts { get; init; } = 1024;

    /// <summary>
    /// Called once for every method invocation that reaches a host (after authentication and injected faults, before the
    /// method runs), on the request's thread; it must be quick and thread-safe. For tests and drills that count what a
    /// client sent, e.g. that no VM's settings were changed twice. Null (the default) observes nothing.
    /// </summary>
    public Action<WsManInvocation>? OnInvoke { get; init; }

    /// <summary>Serve HTTPS with a self-signed certificate generated at start (<see cref="SimulatorWsManHost"/> only).</summary>
    public bool UseHttps { get; init; }

    /// <summary>The address to listen on (<see cref="SimulatorWsManHost"/> only); loopback by default.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port to listen on (<see cref="SimulatorWsManHost"/> only); 0 picks any free port.</summary>
    public int Port { get; init; }
}
