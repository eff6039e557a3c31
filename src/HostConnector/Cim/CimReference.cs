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
    /// The server part (<c>\\server\</c> or <c>//server/</c>) is ignored; a path without a namespace gets
    /// <paramref name="defaultNamespace"/>. Values may be quoted with <c>"</c> or <c>'</c> (backslash escapes) or bare;
    /// bare hexadecimal integers (<c>0x10</c>) become decimal, as WMI compares them.
    /// </summary>
    public static bool TryParseWmiPath(string? path, string defaultNamespace, out CimReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var text = path.Trim();
        if (text.StartsWith(@"\\", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal))
        {
            var next = text.IndexOfAny(['\\', '/'], 2);
            if (next < 0)
            {
                return false;
            }

            text = text[(next + 1)..];
        }

        var cimNamespace = defaultNamespace;
        var first = IndexOfAnyOutsideQuotes(text, ':', '.', '=');
        if (first >= 0 && text[first] == ':')
        {
            var ns = text[..first].Replace('/', '\\').Trim('\\');
            if (ns.Length == 0 || !ns.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '\\'))
            {
                return false;
            }

            cimNamespace = ns;
            text = text[(first + 1)..];
        }

        var i = 0;
        var className = ReadIdentifier(text, ref i);
        if (className is null)
        {
            return false;
        }

        if (i == text.Length || text[i..] == "=@")
        {
            reference = new CimReference(className, cimNamespace, []);
            return true;
        }

        if (text[i] != '.')
        {
            return false;
        }

        i++;
        var selectors = new List<KeyValuePair<string, string>>();
        while (true)
        {
            SkipSpaces(text, ref i);
            var key = ReadIdentifier(text, ref i);
            SkipSpaces(text, ref i);
            if (key is null || i >= text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            SkipSpaces(text, ref i);
            if (ReadValue(text, ref i) is not { } value)
            {
                return false;
            }

            selectors.Add(KeyValuePair.Create(key, value));
            SkipSpaces(text, ref i);
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ',')
            {
                return false;
            }

            i++;
        }

        reference = new CimReference(className, cimNamespace, selectors);
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
            // WMI compares object paths case-insensitively, key values included.
            if (!string.Equals(other[key], value, StringComparison.OrdinalIgnoreCase))
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
            hash.Add(value, StringComparer.OrdinalIgnoreCase);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => ToWmiPath();

    private static int IndexOfAnyOutsideQuotes(string text, params char[] targets)
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
            else if (Array.IndexOf(targets, c) >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static string? ReadIdentifier(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i > start ? text[start..i] : null;
    }

    private static string? ReadValue(string text, ref int i)
    {
        if (i >= text.Length)
        {
            return null;
        }

        if (text[i] is '"' or '\'')
        {
            var quote = text[i++];
            var builder = new StringBuilder();
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[i + 1]);
                    i += 2;
                    continue;
                }

                i++;
                if (c == quote)
                {
                    return builder.ToString();
                }

                builder.Append(c);
            }

            return null;
        }

        var start = i;
        while (i < text.Length && text[i] != ',')
        {
            i++;
        }

        var bare = text[start..i].Trim();
        if (bare.Length == 0)
        {
            return null;
        }

        if (bare.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            ulong.TryParse(bare.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var hex))
        {
            return hex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return bare;
    }
}
