namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// Puts <see cref="SecurityHeaders"/> on every answer. Set when the answer starts rather than now: the exception handler
/// clears the headers before it writes the error page, and Blazor sets its own frame policy while rendering.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            SecurityHeaders.Apply(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
