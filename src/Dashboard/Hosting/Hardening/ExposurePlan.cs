namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>What the dashboard does about transport security, decided by <see cref="ExposurePlanner"/> from where it listens.</summary>
/// <param name="Addresses">The addresses the decision was made from.</param>
/// <param name="LoopbackOnly">Every address is loopback (or a local socket or pipe): nothing beyond this machine can connect.</param>
/// <param name="UseForwardedHeaders">Take the client's address and scheme from a trusted reverse proxy's forwarded headers.</param>
/// <param name="UseHsts">Send <c>Strict-Transport-Security</c> on HTTPS answers.</param>
/// <param name="RedirectToHttps">Redirect plain HTTP requests to <see cref="HttpsPort"/>.</param>
/// <param name="HttpsPort">The port HTTPS is served on, when there is an https address.</param>
/// <param name="Warning">A sentence for the operator when the dashboard is reachable over plain HTTP; null when it is not.</param>
public sealed record ExposurePlan(
    IReadOnlyList<string> Addresses,
    bool LoopbackOnly,
    bool UseForwardedHeaders,
    bool UseHsts,
    bool RedirectToHttps,
    int? HttpsPort,
    string? Warning);
