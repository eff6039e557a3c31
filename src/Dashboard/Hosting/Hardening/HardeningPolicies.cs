namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>Names of the rate-limiting policies registered by <see cref="HardeningServiceCollectionExtensions.AddHardening"/>.</summary>
public static class HardeningPolicies
{
    /// <summary>
    /// Sign-in attempts per client address (<c>Hardening:SignIn</c>). Put it on the sign-in endpoint with
    /// <c>RequireRateLimiting(HardeningPolicies.SignIn)</c> or <c>[EnableRateLimiting(HardeningPolicies.SignIn)]</c>; only
    /// POSTs count, so the same endpoint may also serve the sign-in page.
    /// </summary>
    public const string SignIn = "signin";

    /// <summary>
    /// Requests under <c>/api/v1</c> (<c>Hardening:Api</c>). Applied to every API path by the global limiter; the name
    /// is what the rejection log and answer mention.
    /// </summary>
    public const string Api = "api";
}
