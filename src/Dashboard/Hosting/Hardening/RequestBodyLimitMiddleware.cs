using System.Globalization;
using CheckpointDashboard.Dashboard.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// The request body limit per request: <see cref="HardeningOptions.MaxRequestBodyBytes"/>, or
/// <see cref="HardeningOptions.MaxBulkRequestBodyBytes"/> for the APIs whose bodies carry VM selections. A declared length
/// over the limit is refused before anything reads it; a chunked body is cut off by the server when it passes the limit.
/// Either way the answer is 413 with a sentence, as the API's other errors.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HardeningOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
{
    // The APIs whose bodies hold a VmSelector, whose vmIds may list up to 100,000 ids.
    private static readonly PathString[] s_selectionPaths = ["/api/v1/bulk", "/api/v1/policies"];

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = LimitFor(context.Request.Path, options.Value);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            logger.LogInformation("Refused a {Length}-byte body to {Path}: the limit is {Limit} bytes.",
                context.Request.ContentLength, context.Request.Path.Value, limit);
            await WriteTooLargeAsync(context, limit);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            logger.LogInformation("Cut off a body to {Path} at the limit of {Limit} bytes.", context.Request.Path.Value, limit);
            await WriteTooLargeAsync(context, limit);
        }
    }

    internal static long LimitFor(PathString path, HardeningOptions options) =>
        s_selectionPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            ? options.MaxBulkRequestBodyBytes
            : options.MaxRequestBodyBytes;

    private static Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var message = $"The request body is larger than the {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes this " +
            "endpoint accepts (Hardening:MaxRequestBodyBytes, or Hardening:MaxBulkRequestBodyBytes for bulk changes and policies).";
        return context.Response.WriteAsJsonAsync(new ProblemMessage(message), context.RequestAborted);
    }
}
