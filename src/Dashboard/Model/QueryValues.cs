namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Enum sets in page URLs: "state=Running,Failed" (or repeated keys), parsed leniently.</summary>
public static class QueryValues
{
    /// <summary>The values that parse (case-insensitive), each once; unknown ones are ignored.</summary>
    public static IEnumerable<T> ParseEnums<T>(string[]? values)
        where T : struct, Enum =>
        (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (T?)null)
            .OfType<T>()
            .Distinct();

    /// <summary>The URL value for a set, in a stable order; null for an empty set (the key is dropped).</summary>
    public static string? Join<T>(IEnumerable<T> values)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.Distinct().Order().Select(v => v.ToString()).ToList();
        return list.Count == 0 ? null : string.Join(',', list);
    }
}
