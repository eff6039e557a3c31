using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>Reading request bodies and fields the same way in every API: errors are sentences that name the field.</summary>
internal static class ApiInput
{
    // Unknown is what a host reports when it cannot say; it is not something to set.
    private static readonly string[] s_settableTypes =
        [.. Enum.GetNames<CheckpointType>().Where(n => n != nameof(CheckpointType.Unknown))];

    /// <summary>A 400 answer with <paramref name="message"/>.</summary>
    internal static JsonHttpResult<ProblemMessage> Invalid(string message) =>
        TypedResults.Json(new ProblemMessage(message), statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A checkpoint type that can be set (not Unknown), by name ignoring case; null when <paramref name="text"/> is null.</summary>
    internal static CheckpointType? ReadCheckpointType(string? text, string field, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var match = s_settableTypes.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add($"The field '{field}' must be one of {string.Join(", ", s_settableTypes)}; '{text}' is not.");
            return null;
        }

        return Enum.Parse<CheckpointType>(match);
    }

    /// <summary>The HTTP answer to a refusal of the bulk service or the policy store: 404, 400, 409 or 403 by its reason.</summary>
    public static JsonHttpResult<ProblemMessage> Rejected(JobRejectedException ex) =>
        TypedResults.Json(new ProblemMessage(ex.Message), statusCode: ex.Reason switch
        {
            JobRejection.NotFound => StatusCodes.Status404NotFound,
            JobRejection.Invalid => StatusCodes.Status400BadRequest,
            JobRejection.Conflict => StatusCodes.Status409Conflict,
            JobRejection.Forbidden => StatusCodes.Status403Forbidden,
            _ => throw new InvalidOperationException($"A rejection reason the API does not know: {ex.Reason}.", ex),
        });

    /// <summary>
    /// Reads an optional JSON object body. Read by hand rather than bound by the framework, whose answer to bad JSON is an
    /// empty 400: here the sentence says what is wrong and names the field. A field the body type does not have is
    /// refused rather than ignored, because an ignored filter (<c>"host"</c> for <c>"hosts"</c>) widens a bulk change to
    /// VMs nobody meant. No body at all is fine (null).
    /// </summary>
    internal static async Task<(T? Body, JsonHttpResult<ProblemMessage>? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0)
        {
            return (null, null);
        }

        // Only JSON: a browser can send text/plain across sites without asking, which would let any page start bulk
        // changes once sign-in uses cookies.
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Json(new ProblemMessage("Send the request body as JSON, with Content-Type: application/json."),
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, Invalid($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var fields = string.Join(", ", options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name));
                return (null, Invalid($"The request body must be a JSON object with the fields {fields}."));
            }

            if (UnknownField(document.RootElement, options.GetTypeInfo(typeof(T)), options, string.Empty) is { } unknown)
            {
                return (null, Invalid(unknown));
            }

            try
            {
                return (document.Deserialize<T>(options), null);
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : ex.Path;
                return (null, Invalid($"The field '{field}' has a value of the wrong type."));
            }
        }
    }

    private static string? UnknownField(JsonElement element, JsonTypeInfo info, JsonSerializerOptions options, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in element.EnumerateObject())
        {
            var match = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, comparison));
            if (match is null)
            {
                return $"The field '{path}{property.Name}' is not known; use {string.Join(", ", info.Properties.Select(p => p.Name))}.";
            }

            if (UnknownField(property.Value, options.GetTypeInfo(match.PropertyType), options, $"{path}{match.Name}.") is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
