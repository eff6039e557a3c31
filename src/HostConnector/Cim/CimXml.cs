using System.Globalization;
using System.Text;
using System.Xml;

namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// The CIM-XML (DMTF DSP0201) form of one instance, as WMI carries embedded instances inside string method
/// parameters and properties (<c>SnapshotSettings</c>, <c>SystemSettings</c>, <c>GetVirtualHardDiskSettingData</c>'s
/// <c>SettingData</c>, <c>Msvm_Error</c>): <c>&lt;INSTANCE CLASSNAME=…&gt;&lt;PROPERTY NAME=… TYPE=…&gt;&lt;VALUE&gt;…</c>.
/// </summary>
/// <remarks>
/// Written by hand because no maintained .NET library reads or writes CIM-XML outside Windows' MI (which needs
/// mi.dll). Reading is hardened like every response the dashboard reads from a host: DTDs prohibited, no external
/// resolution, a size cap and a nesting limit.
/// </remarks>
public static class CimXml
{
    /// <summary>The largest embedded instance accepted (characters).</summary>
    public const int MaxCharacters = 4 * 1024 * 1024;

    private const int MaxDepth = 8;

    /// <summary>Parses CIM-XML text into an instance in <paramref name="cimNamespace"/>.</summary>
    /// <exception cref="CimException">Malformed, oversized or hostile text (<see cref="CimErrorKind.MalformedResponse"/>).</exception>
    public static CimInstance Parse(string text, string cimNamespace = "") => Parse(text, cimNamespace, 0);

    /// <summary>
    /// Writes <paramref name="instance"/> as CIM-XML. Property types come from <paramref name="types"/> when it knows
    /// them (values read over WS-Management are untyped text), else from the CLR type of the value.
    /// </summary>
    public static string Write(CimInstance instance, Func<string, string, CimType?>? types = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, CheckCharacters = true };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            WriteInstance(writer, instance, types);
        }

        return builder.ToString();
    }

    /// <summary>The CIM-XML name of a type.</summary>
    public static string TypeName(CimType type) => type switch
    {
        CimType.String or CimType.Instance => "string",
        CimType.Boolean => "boolean",
        CimType.UInt8 => "uint8",
        CimType.SInt8 => "sint8",
        CimType.UInt16 => "uint16",
        CimType.SInt16 => "sint16",
        CimType.UInt32 => "uint32",
        CimType.SInt32 => "sint32",
        CimType.UInt64 => "uint64",
        CimType.SInt64 => "sint64",
        CimType.Real32 => "real32",
        CimType.Real64 => "real64",
        CimType.Char16 => "char16",
        CimType.DateTime => "datetime",
        CimType.Reference => "reference",
        _ => "string",
    };

    private static CimInstance Parse(string text, string cimNamespace, int depth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (depth > MaxDepth)
        {
            throw Malformed($"embedded instances are nested deeper than {MaxDepth} levels");
        }

        if (text.Length > MaxCharacters)
        {
            throw Malformed($"the embedded instance is {text.Length:N0} characters long; at most {MaxCharacters:N0} are accepted");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,

            // 0 would mean "no limit" to XmlReaderSettings. With DTDs prohibited no entity can be declared and the
            // predefined ones (&lt; …) do not count, so a small limit costs nothing and stays as a second fence.
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,

            // Whitespace is kept: a string VALUE of spaces is a value, and the loops below step over layout anyway.
            IgnoreWhitespace = false,
            ConformanceLevel = ConformanceLevel.Document,
        };

        // MI serializes to UTF-16 and says so in its declaration; the text is already decoded, so drop it.
        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (trimmed.StartsWith("<?xml", StringComparison.Ordinal))
        {
            var end = trimmed.IndexOf("?>", StringComparison.Ordinal);
            trimmed = end < 0 ? trimmed : trimmed[(end + 2)..];
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(trimmed), settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "INSTANCE")
            {
                throw Malformed($"expected an INSTANCE element, found '{reader.LocalName}'");
            }

            return ReadInstance(reader, cimNamespace, depth);
        }
        catch (XmlException ex)
        {
            throw new CimException(CimErrorKind.MalformedResponse, $"Embedded instance is not well-formed CIM-XML: {ex.Message}", ex);
        }
    }

    private static CimInstance ReadInstance(XmlReader reader, string cimNamespace, int depth)
    {
        var className = reader.GetAttribute("CLASSNAME");
        if (string.IsNullOrWhiteSpace(className))
        {
            throw Malformed("an INSTANCE element has no CLASSNAME");
        }

        var properties = new List<KeyValuePair<string, object?>>();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new CimInstance(className, cimNamespace, properties);
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "PROPERTY":
                    properties.Add(ReadProperty(reader, cimNamespace, depth));
                    break;
                case "PROPERTY.ARRAY":
                    properties.Add(ReadArray(reader, cimNamespace, depth));
                    break;
                case "PROPERTY.REFERENCE":
                    properties.Add(ReadReferenceProperty(reader, cimNamespace));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        reader.Read();
        return new CimInstance(className, cimNamespace, properties);
    }

    private static KeyValuePair<string, object?> ReadProperty(XmlReader reader, string cimNamespace, int depth)
    {
        var name = RequireName(reader);
        var type = reader.GetAttribute("TYPE") ?? "string";
        var embedded = reader.GetAttribute("EmbeddedObject") ?? reader.GetAttribute("EMBEDDEDOBJECT");
        string? text = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE")
                {
                    text = reader.ReadElementContentAsString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        reader.Read();
        if (text is null)
        {
            return KeyValuePair.Create<string, object?>(name, null);
        }

        if (embedded is not null)
        {
            return KeyValuePair.Create<string, object?>(name, Parse(text, cimNamespace, depth + 1));
        }

        return KeyValuePair.Create(name, Convert(name, type, text));
    }

    private static KeyValuePair<string, object?> ReadArray(XmlReader reader, string cimNamespace, int depth)
    {
        var name = RequireName(reader);
        var type = reader.GetAttribute("TYPE") ?? "string";
        var embedded = reader.GetAttribute("EmbeddedObject") ?? reader.GetAttribute("EMBEDDEDOBJECT");
        List<object?>? values = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE.ARRAY")
                {
                    values = [];
                    if (reader.IsEmptyElement)
                    {
                        reader.Read();
                        continue;
                    }

                    reader.Read();
                    while (reader.NodeType != XmlNodeType.EndElement)
                    {
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE")
                        {
                            var text = reader.ReadElementContentAsString();
                            values.Add(embedded is null ? Convert(name, type, text) : Parse(text, cimNamespace, depth + 1));
                        }
                        else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "VALUE.NULL")
                        {
                            values.Add(null);
                            reader.Skip();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        reader.Read();
        return KeyValuePair.Create<string, object?>(name, values);
    }

    private static KeyValuePair<string, object?> ReadReferenceProperty(XmlReader reader, string cimNamespace)
    {
        var name = RequireName(reader);
        CimReference? value = null;
        if (!reader.IsEmptyElement)
        {
            using var subtree = reader.ReadSubtree();
            string? className = null;
            string? key = null;
            List<string>? namespacePath = null;
            var selectors = new List<KeyValuePair<string, string>>();
            while (!subtree.EOF)
            {
                if (subtree.NodeType != XmlNodeType.Element)
                {
                    subtree.Read();
                    continue;
                }

                switch (subtree.LocalName)
                {
                    case "NAMESPACE" when subtree.GetAttribute("NAME") is { Length: > 0 } part:
                        // LOCALNAMESPACEPATH spells root\virtualization\v2 as one NAMESPACE element per segment.
                        (namespacePath ??= []).Add(part);
                        subtree.Read();
                        break;
                    case "INSTANCENAME":
                        className = subtree.GetAttribute("CLASSNAME");
                        subtree.Read();
                        break;
                    case "KEYBINDING":
                        key = subtree.GetAttribute("NAME");
                        subtree.Read();
                        break;
                    case "KEYVALUE" when key is not null:
                        // ReadElementContentAsString already moves past the element: no extra Read, or a node is lost.
                        selectors.Add(KeyValuePair.Create(key, subtree.ReadElementContentAsString()));
                        key = null;
                        break;
                    default:
                        subtree.Read();
                        break;
                }
            }

            if (className is not null)
            {
                value = new CimReference(className, namespacePath is null ? cimNamespace : string.Join('\\', namespacePath), selectors);
            }
        }

        reader.Read();
        return KeyValuePair.Create<string, object?>(name, value);
    }

    private static string RequireName(XmlReader reader) =>
        reader.GetAttribute("NAME") is { Length: > 0 } name ? name : throw Malformed($"a {reader.LocalName} element has no NAME");

    private static object? Convert(string name, string type, string text)
    {
        var value = text.Trim();
        var invariant = CultureInfo.InvariantCulture;
        object? result = type.ToLowerInvariant() switch
        {
            "string" or "char16" => text,
            "boolean" => bool.TryParse(value, out var b) ? b : null,
            "uint8" => byte.TryParse(value, NumberStyles.None, invariant, out var v) ? v : null,
            "sint8" => sbyte.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            "uint16" => ushort.TryParse(value, NumberStyles.None, invariant, out var v) ? v : null,
            "sint16" => short.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            "uint32" => uint.TryParse(value, NumberStyles.None, invariant, out var v) ? v : null,
            "sint32" => int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            "uint64" => ulong.TryParse(value, NumberStyles.None, invariant, out var v) ? v : null,
            "sint64" => long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            "real32" => float.TryParse(value, NumberStyles.Float, invariant, out var v) ? v : null,
            "real64" => double.TryParse(value, NumberStyles.Float, invariant, out var v) ? v : null,
            "datetime" when CimDateTime.TryParseInterval(value, out var interval) => interval,
            "datetime" => CimDateTime.TryParse(value, out var date) ? date : null,
            _ => text,
        };

        return result ?? throw Malformed($"property {name}: '{(text.Length > 60 ? text[..60] + "…" : text)}' is not a valid {type}");
    }

    private static void WriteInstance(XmlWriter writer, CimInstance instance, Func<string, string, CimType?>? types)
    {
        writer.WriteStartElement("INSTANCE");
        writer.WriteAttributeString("CLASSNAME", instance.ClassName);
        foreach (var (name, value) in instance.Properties)
        {
            var declared = types?.Invoke(instance.ClassName, name);
            if (AsList(value) is { } list)
            {
                var elementType = declared ?? Infer(list.FirstOrDefault(v => v is not null));
                writer.WriteStartElement("PROPERTY.ARRAY");
                writer.WriteAttributeString("NAME", name);
                writer.WriteAttributeString("TYPE", TypeName(elementType));
                if (elementType == CimType.Instance || list.Any(v => v is CimInstance))
                {
                    // Without the marker a reader takes the items for plain strings.
                    writer.WriteAttributeString("EmbeddedObject", "object");
                }

                writer.WriteStartElement("VALUE.ARRAY");
                foreach (var item in list)
                {
                    if (item is null)
                    {
                        writer.WriteElementString("VALUE.NULL", null);
                    }
                    else
                    {
                        writer.WriteElementString("VALUE", Format(item, elementType, types));
                    }
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
                continue;
            }

            var reference = value as CimReference;
            if (reference is null && declared == CimType.Reference && value is string path)
            {
                CimReference.TryParseWmiPath(path, instance.Namespace, out reference);
            }

            if (reference is not null || (declared == CimType.Reference && value is null))
            {
                WriteReferenceProperty(writer, name, reference);
                continue;
            }

            var type = declared ?? Infer(value);
            writer.WriteStartElement("PROPERTY");
            writer.WriteAttributeString("NAME", name);
            writer.WriteAttributeString("TYPE", TypeName(type));
            if (type == CimType.Instance || value is CimInstance)
            {
                writer.WriteAttributeString("EmbeddedObject", "object");
            }

            if (value is not null)
            {
                writer.WriteElementString("VALUE", Format(value, type, types));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// DSP0201's reference property: <c>PROPERTY.REFERENCE</c> with a <c>VALUE.REFERENCE</c> holding the namespace
    /// path and the key bindings, so a reader gets a reference back and not a string that happens to be a path.
    /// </summary>
    private static void WriteReferenceProperty(XmlWriter writer, string name, CimReference? reference)
    {
        writer.WriteStartElement("PROPERTY.REFERENCE");
        writer.WriteAttributeString("NAME", name);
        if (reference is not null)
        {
            writer.WriteAttributeString("REFERENCECLASS", reference.ClassName);
            writer.WriteStartElement("VALUE.REFERENCE");
            var hasNamespace = reference.Namespace.Length > 0;
            if (hasNamespace)
            {
                writer.WriteStartElement("LOCALINSTANCEPATH");
                writer.WriteStartElement("LOCALNAMESPACEPATH");
                foreach (var part in reference.Namespace.Split('\\', StringSplitOptions.RemoveEmptyEntries))
                {
                    writer.WriteStartElement("NAMESPACE");
                    writer.WriteAttributeString("NAME", part);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteStartElement("INSTANCENAME");
            writer.WriteAttributeString("CLASSNAME", reference.ClassName);
            foreach (var (key, keyValue) in reference.Selectors)
            {
                writer.WriteStartElement("KEYBINDING");
                writer.WriteAttributeString("NAME", key);
                writer.WriteStartElement("KEYVALUE");
                writer.WriteAttributeString("VALUETYPE", "string");
                writer.WriteString(keyValue);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            if (hasNamespace)
            {
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>An array value as a list of items: <c>object?[]</c>, typed arrays (<c>ushort[]</c>) and other sequences alike.</summary>
    private static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        null or string or CimInstance or CimReference => null,
        IReadOnlyList<object?> list => list,
        System.Collections.IEnumerable items => items.Cast<object?>().ToList(),
        _ => null,
    };

    private static CimType Infer(object? value) => value switch
    {
        bool => CimType.Boolean,
        byte => CimType.UInt8,
        sbyte => CimType.SInt8,
        ushort => CimType.UInt16,
        short => CimType.SInt16,
        uint => CimType.UInt32,
        int => CimType.SInt32,
        ulong => CimType.UInt64,
        long => CimType.SInt64,
        float => CimType.Real32,
        double => CimType.Real64,
        DateTimeOffset or DateTime or TimeSpan => CimType.DateTime,
        CimInstance => CimType.Instance,
        _ => CimType.String,
    };

    private static string Format(object value, CimType type, Func<string, string, CimType?>? types) => value switch
    {
        CimInstance nested => Write(nested, types),
        CimReference reference => reference.ToWmiPath(),
        DateTime date => CimDateTime.FormatDmtf(new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind))),
        string text when type == CimType.DateTime && CimDateTime.TryParseInterval(text, out var interval) => CimDateTime.FormatDmtfInterval(interval),
        string text when type == CimType.DateTime && CimDateTime.TryParse(text, out var date) => CimDateTime.FormatDmtf(date),
        string text when type == CimType.Boolean => text.Trim().ToLowerInvariant(),
        _ => CimInstance.FormatScalar(value) ?? string.Empty,
    };

    private static CimException Malformed(string message) =>
        new(CimErrorKind.MalformedResponse, "Embedded instance: " + message + ".");
}
