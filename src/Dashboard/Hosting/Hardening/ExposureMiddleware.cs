using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// Forwarded headers, HSTS and HTTPS redirection as the <see cref="ExposurePlan"/> says. The framework's own middlewares do
/// the work; they are put together on the first request rather than when the pipeline is built, because the bound
/// addresses (and the HTTPS port to redirect to) are only known once the server has started.
/// </summary>
internal sealed class ExposureMiddleware
{
    private readonly Lazy<RequestDelegate> _pipeline;

    public ExposureMiddleware(
        RequestDelegate next,
        ExposureState state,
        IOptions<HardeningOptions> options,
        IOptions<ForwardedHeadersOptions> forwarded,
        IConfiguration configuration,
        ILoggerFactory loggerFactory)
    {
        _pipeline = new(() => Build(next, state.Plan, options.Value, forwarded, configuration, loggerFactory),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task InvokeAsync(HttpContext context) => _pipeline.Value(context);

    private static RequestDelegate Build(
        RequestDelegate next,
        ExposurePlan plan,
        HardeningOptions options,
        IOptions<ForwardedHeadersOptions> forwarded,
        IConfiguration configuration,
        ILoggerFactory loggerFactory)
    {
        // Built inside out: forwarded headers first (they set the scheme the others look at), then HSTS, then the redirect.
        var pipeline = next;
        if (plan.RedirectToHttps)
        {
            var redirect = new HttpsRedirectionOptions { HttpsPort = plan.HttpsPort };
            pipeline = new HttpsRedirectionMiddleware(pipeline, Options.Create(redirect), configuration, loggerFactory).Invoke;
        }

        if (plan.UseHsts)
        {
            var hsts = new HstsOptions { MaxAge = options.HstsMaxAge, IncludeSubDomains = options.HstsIncludeSubDomains };
            pipeline = new HstsMiddleware(pipeline, Options.Create(hsts), loggerFactory).Invoke;
        }

        if (plan.UseForwardedHeaders)
        {
            pipeline = new ForwardedHeadersMiddleware(pipeline, loggerFactory, forwarded).Invoke;
        }

        return pipeline;
    }
}
