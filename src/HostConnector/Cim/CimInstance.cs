using System.Collections.Immutable;
using System.Globalization;

namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// One CIM instance, transport-neutral: class, namespace, key names and property values. Property names
/// compare case-insensitively, as CIM names do.
/// </summary>
/// <remarks>
/// Values are what the transport could tell: typed values where it knows the type (MMI, the in-process
/// simulator) and text where it does not (WS-Management carries most scalars as text). The typed getters
/// accept both and throw <see cref="CimMappingException"/>, naming class, property and value, when a value
/// cannot mean what the schema says. Allowed value types: null, string, bool, integer types, double,
/// <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/>, <see cref="CimInstance"/> (embedded),
/// <see cref="CimReference"/>, and <see cref="IReadOnlyList{T}"/> of those for arrays.
/// </remarks>
public sealed class CimInstance
{
    private readonly Dictionary<string, object?> _properties;

    public CimInstance(
        string className,
        string cimNamespace,
        IEnumerable<KeyValuePair<string, object?>> properties,
        IEnumerable<string>? keyNames = null,
        CimReference? path = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(cimNamespace);
        ArgumentNullException.ThrowIfNull(properties);
        ClassName = className;
        Namespace = CimNamespaces.Normalize(cimNamespace);
        // Sized up front when the count is known: parsers build tens of thousands of these per refresh.
        var capacity = properties.TryGetNonEnumeratedCount(out var count) ? count : 0;
        _properties = new Dictionary<string, object?>(capacity, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in properties)
        {
            _properties[name] = value;
        }

        KeyNames = keyNames is null ? [] : [.. keyNames];
        Path = path;
    }

    public string ClassName { get; }

    public string Namespace { get; }

    /// <summary>Names of the key properties, when the source said which they are.</summary>
    public ImmutableArray<string> KeyNames { get; }

    /// <summary>The instance's own reference (WS-Management <c>cim:Location</c>), when the source sent it.</summary>
    public CimReference? Path { get; }

    public IReadOnlyDictionary<string, object?> Properties => _properties;

    public object? this[string name] => _properties.GetValueOrDefault(name);

    public bool HasProperty(string name) => _properties.ContainsKey(name);

    /// <summary>
    /// This instance's reference: <see cref="Path"/> when known, else built from <see cref="KeyNames"/>
    /// (or <paramref name="keyNames"/>) and their values.
    /// </summary>
    public CimReference ToReference(params string[] keyNames)
    {
        if (Path is not null)
        {
            return Path;
        }

        var keys = keyNames.Length > 0 ? keyNames : KeyNames.ToArray();
        return new CimReference(ClassName, Namespace,
            keys.Select(k => KeyValuePair.Create(k, FormatScalar(this[k]) ?? string.Empty)));
    }

    public string? GetString(string name) => this[name] switch
    {
        null => null,
        string s => s,
        IReadOnlyList<object?> => throw Bad(name, "an array where one value was expected"),
        CimInstance => throw Bad(name, "an embedded instance where text was expected"),
        var other => FormatScalar(other),
    };

    public string RequireString(string name) =>
        GetString(name) is { Length: > 0 } value ? value : throw Bad(name, "is missing or empty");

    public bool? GetBoolean(string name) => this[name] switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        bool b => b,
        string s when bool.TryParse(s.Trim(), out var b) => b,
        string s when s.Trim() == "1" => true,
        string s when s.Trim() == "0" => false,
        var other => throw Bad(name, $"'{Describe(other)}' is not a boolean"),
    };

    public ushort? GetUInt16(string name) => GetInteger(name, ushort.MinValue, ushort.MaxValue) is { } v ? (ushort)v : null;

    public uint? GetUInt32(string name) => GetInteger(name, uint.MinValue, uint.MaxValue) is { } v ? (uint)v : null;

    public long? GetInt64(string name) => GetInteger(name, long.MinValue, long.MaxValue);

    /// <summary>
    /// Reads a uint32 that clustering declares unsigned but fills with -1 for "unknown"
    /// (<c>MSCluster_Node.State</c>); both -1 and 0xFFFFFFFF come back as -1.
    /// </summary>
    public long? GetSignedState(string name) =>
        GetInteger(name, int.MinValue, uint.MaxValue) is { } v ? (v == uint.MaxValue ? -1 : v) : null;

    public ulong? GetUInt64(string name) => this[name] switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        ulong u => u,
        long l when l >= 0 => (ulong)l,
        int i when i >= 0 => (ulong)i,
        uint u => u,
        ushort u => u,
        byte b => b,
        string s when ulong.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var u) => u,
        var other => throw Bad(name, $"'{Describe(other)}' is not an unsigned 64-bit integer"),
    };

    public DateTimeOffset? GetDateTime(string name) => this[name] switch
    {
        null => null,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)).ToUniversalTime(),
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when CimDateTime.TryParse(s, out var d) => d,
        var other => throw Bad(name, $"'{Describe(other)}' is not a CIM date-time"),
    };

    public TimeSpan? GetInterval(string name) => this[name] switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        TimeSpan t => t,
        string s when CimDateTime.TryParseInterval(s, out var t) => t,
        var other => throw Bad(name, $"'{Describe(other)}' is not a CIM interval"),
    };

    public CimInstance? GetInstance(string name) => this[name] switch
    {
        null => null,
        CimInstance instance => instance,
        var other => throw Bad(name, $"'{Describe(other)}' is not an embedded instance"),
    };

    public CimReference? GetReference(string name) => this[name] switch
    {
        null => null,
        CimReference reference => reference,
        string s when CimReference.TryParseWmiPath(s, Namespace, out var reference) => reference,
        var other => throw Bad(name, $"'{Describe(other)}' is not a reference"),
    };

    /// <summary>An array property's elements as text; a single value counts as a one-element array.</summary>
    public IReadOnlyList<string?> GetStringArray(string name) => this[name] switch
    {
        null => [],
        IReadOnlyList<object?> list => list.Select(item => item is null ? null : item as string ?? FormatScalar(item)).ToArray(),
        string s => [s],
        var other => [FormatScalar(other)],
    };

    /// <summary>An array property's elements as uint16; a single value counts as a one-element array.</summary>
    public IReadOnlyList<ushort> GetUInt16Array(string name)
    {
        var raw = this[name] switch
        {
            null => [],
            IReadOnlyList<object?> list => list,
            var single => [single],
        };

        var result = new ushort[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            result[i] = raw[i] switch
            {
                ushort u => u,
                int n when n is >= 0 and <= ushort.MaxValue => (ushort)n,
                long n when n is >= 0 and <= ushort.MaxValue => (ushort)n,
                uint n when n <= ushort.MaxValue => (ushort)n,
                string s when ushort.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var u) => u,
                var other => throw Bad(name, $"element {i} '{Describe(other)}' is not a uint16"),
            };
        }

        return result;
    }

    public override string ToString() => $"{Namespace}:{ClassName}";

    /// <summary>Formats a scalar the way CIM text does (invariant culture, lower-case booleans, DMTF date-times).</summary>
    public static string? FormatScalar(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => CimDateTime.FormatDmtf(d),
        TimeSpan t => CimDateTime.FormatDmtfInterval(t),
        CimReference r => r.ToWmiPath(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private long? GetInteger(string name, long min, long max)
    {
        var value = this[name];
        long? result = value switch
        {
            null => null,
            byte b => b,
            sbyte b => b,
            short s => s,
            ushort s => s,
            int i => i,
            uint i => i,
            long l => l,
            ulong u when u <= long.MaxValue => (long)u,
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ => throw Bad(name, $"'{Describe(value)}' is not an integer"),
        };

        if (result is { } r && (r < min || r > max))
        {
            throw Bad(name, $"{r} is out of range [{min}, {max}]");
        }

        return result;
    }

    private CimMappingException Bad(string name, string message) => new(ClassName, name, message);

    private static string Describe(object? value)
    {
        var text = value is null ? "null" : FormatScalar(value) ?? value.GetType().Name;
        return text.Length > 80 ? string.Concat(text.AsSpan(0, 80), "…") : text;
    }
}
