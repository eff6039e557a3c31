namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>Puts the hardening into the request pipeline; see <c>Program.cs</c> for where each part goes.</summary>
public static class HardeningApplicationBuilderExtensions
{
    /// <summary>
    /// Security headers on every answer, forwarded headers (behind a proxy), HSTS and HTTPS redirection (when reachable
    /// beyond loopback) and the request body limit. Call it early: after the exception handler, before anything that
    /// answers requests. Logs, once the server has started, where it listens and what that means for HTTPS.
    /// </summary>
    public static WebApplication UseHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Headers outermost, so that redirects, 413s and 429s carry them too.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ExposureMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();

        var state = app.Services.GetRequiredService<ExposureState>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HardeningApplicationBuilderExtensions).FullName!);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var plan = state.Plan;
            logger.LogInformation(
                "Listening on {Addresses}: loopback only {LoopbackOnly}, HTTPS redirect {RedirectToHttps} (port {HttpsPort}), HSTS {UseHsts}, forwarded headers {UseForwardedHeaders}.",
                string.Join(", ", plan.Addresses), plan.LoopbackOnly, plan.RedirectToHttps, plan.HttpsPort, plan.UseHsts, plan.UseForwardedHeaders);
            if (plan.Warning is { } warning)
            {
                logger.LogWarning("Exposed over plain HTTP: {Warning}", warning);
            }
        });
        return app;
    }

    /// <summary>
    /// The rate limits (<see cref="HardeningPolicies"/>). Call it after <c>UseAuthentication</c>, so the API limit counts
    /// per signed-in user, and before <c>UseAuthorization</c>, so refused attempts count too.
    /// </summary>
    public static WebApplication UseHardeningRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }
}
