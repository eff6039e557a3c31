using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>How <see cref="ReportRules"/> are kept in the store: camelCase JSON, enums by name, durations as "d.hh:mm:ss".</summary>
public static class ReportRulesJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ReportRules rules) => JsonSerializer.Serialize(rules, s_options);

    /// <summary>The rules in <paramref name="json"/>, with the rule table ignoring case again (JSON gives an ordinal dictionary).</summary>
    /// <exception cref="JsonException">The text is not stored rules.</exception>
    public static ReportRules Deserialize(string json)
    {
        var rules = JsonSerializer.Deserialize<ReportRules>(json, s_options) ?? throw new JsonException("The stored rules are null.");
        return rules with
        {
            Rules = (rules.Rules ?? []).ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        };
    }
}
