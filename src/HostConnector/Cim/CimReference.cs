using System.Collections.Immutable;
using System.Text;

namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// A reference to one CIM instance: its class, namespace and key values (WS-Management selectors).
/// Key names compare case-insensitively, as CIM names do.
/// </summary>
public sealed class CimReference : IEquatable<CimReference>
{
    public CimReference(string className, string cimNamespace, IEnumerable<KeyValuePair<string, string>> selectors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(cimNamespace);
        ArgumentNullException.ThrowIfNull(selectors);
        ClassName = className;
        Namespace = CimNamespaces.Normalize(cimNamespace);
        Selectors = [.. selectors];
    }

    public string ClassName { get; }

    public string Namespace { get; }

    /// <summary>Key property names and values, in the order given.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Selectors { get; }

    /// <summary>A reference with the given key values.</summary>
    public static CimReference Create(string className, string cimNamespace, params (string Name, string Value)[] keys) =>
        new(className, cimNamespace, keys.Select(k => KeyValuePair.Create(k.Name, k.Value)));

    /// <summary>The value of key <paramref name="name"/>, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var selector in Selectors)
            {
                if (string.Equals(selector.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return selector.Value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Formats as a WMI object path without a server (<c>root\ns:Class.Key="value",…</c>), the form WQL's
    /// <c>ASSOCIATORS OF {…}</c> and <c>Parent</c> properties use.
    /// </summary>
    public string ToWmiPath()
    {
        var builder = new StringBuilder();
        builder.Append(Namespace).Append(':').Append(ClassName);
        var separator = '.';
        foreach (var (key, value) in Selectors)
        {
            builder.Append(separator).Append(key).Append("=\"");
            foreach (var c in value)
            {
                if (c is '\\' or '"')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append('"');
            separator = ',';
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parses a WMI object path such as <c>\\HV01\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID="Microsoft:…"</c>.
    /// The server part is ignored; a path without a namespace gets <paramref name="defaultNamespace"/>.
    /// </summary>
    public static bool TryParseWmiPath(string? path, string defaultNamespace, out CimReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var text = path.Trim();
        var cimNamespace = defaultNamespace;
        var colon = IndexOutsideQuotes(text, ':');
        if (colon >= 0)
        {
            var prefix = text[..colon];
            text = text[(colon + 1)..];
            if (prefix.StartsWith(@"\\", StringComparison.Ordinal))
            {
                var slash = prefix.IndexOf('\\', 2);
                prefix = slash < 0 ? string.Empty : prefix[(slash + 1)..];
            }

            if (prefix.Length > 0)
            {
                cimNamespace = prefix;
            }
        }

        var dot = IndexOutsideQuotes(text, '.');
        var equalsSingleton = text.EndsWith("=@", StringComparison.Ordinal);
        if (dot < 0)
        {
            var className = equalsSingleton ? text[..^2] : text;
            if (!IsIdentifier(className))
            {
                return false;
            }

            reference = new CimReference(className, cimNamespace, []);
            return true;
        }

        var cls = text[..dot];
        if (!IsIdentifier(cls))
        {
            return false;
        }

        var selectors = new List<KeyValuePair<string, string>>();
        var i = dot + 1;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                return false;
            }

            var key = text[i..eq].Trim();
            if (!IsIdentifier(key))
            {
                return false;
            }

            i = eq + 1;
            string value;
            if (i < text.Length && (text[i] == '"' || text[i] == '\''))
            {
                var quote = text[i];
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c == '\\' && i + 1 < text.Length)
                    {
                        builder.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (c == quote)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    builder.Append(c);
                    i++;
                }

                if (!closed)
                {
                    return false;
                }

                value = builder.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }

            selectors.Add(KeyValuePair.Create(key, value));
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    return false;
                }

                i++;
            }
        }

        reference = new CimReference(cls, cimNamespace, selectors);
        return true;
    }

    public bool Equals(CimReference? other)
    {
        if (other is null)
        {
            return false;
        }

        if (!string.Equals(ClassName, other.ClassName, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(Namespace, other.Namespace, StringComparison.OrdinalIgnoreCase) ||
            Selectors.Length != other.Selectors.Length)
        {
            return false;
        }

        foreach (var (key, value) in Selectors)
        {
            if (!string.Equals(other[key], value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CimReference);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ClassName, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Selectors.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            hash.Add(key, StringComparer.OrdinalIgnoreCase);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => ToWmiPath();

    private static int IndexOutsideQuotes(string text, char target)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == target)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsIdentifier(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
