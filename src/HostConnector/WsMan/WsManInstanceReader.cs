using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Turns instance XML (enumeration items, Get bodies, method outputs) into <see cref="CimInstance"/> as
/// docs/WSMAN.md "Instance encoding" says, straight off a streaming <see cref="XmlReader"/>.
/// </summary>
/// <remarks>
/// Every method starts on an element's start tag and leaves the reader on the node after that element's end, like
/// <see cref="XmlReader.Skip"/>. The loop per property avoids LINQ and string building; most properties cost the
/// one string of their value.
/// </remarks>
internal static class WsManInstanceReader
{
    /// <summary>How deep embedded instances may nest; Hyper-V and clustering use one level.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// Reads the instance element the reader is on. The class is the element's local name, the namespace comes from
    /// the resource URI the element's XML namespace is (else <paramref name="defaultNamespace"/>).
    /// </summary>
    public static CimInstance ReadInstance(XmlReader reader, WsManParseState state, string defaultNamespace)
    {
        var className = reader.LocalName;
        var cimNamespace = state.TryParseResourceUri(reader.NamespaceURI, out var ns, out _) ? ns : defaultNamespace;
        var properties = state.PropertyList(0);
        CimReference? path = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            path = ReadPropertyList(reader, state, cimNamespace, 0, properties);
        }

        return new CimInstance(className, cimNamespace, properties, KeyNamesOf(path), path);
    }

    /// <summary>Reads property elements up to the container's end tag, which it consumes; returns the <c>cim:Location</c>.</summary>
    private static CimReference? ReadPropertyList(
        XmlReader reader, WsManParseState state, string cimNamespace, int depth, List<KeyValuePair<string, object?>> properties)
    {
        CimReference? path = null;
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if ((object)reader.NamespaceURI == state.CimCommon && (object)reader.LocalName == state.Location)
                    {
                        path = ReadReference(reader, state, cimNamespace, "cim:Location");
                    }
                    else
                    {
                        ReadProperty(reader, state, cimNamespace, depth, properties);
                    }

                    break;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return path;
                default:
                    Advance(reader);
                    break;
            }
        }
    }

    private static void ReadProperty(
        XmlReader reader, WsManParseState state, string cimNamespace, int depth, List<KeyValuePair<string, object?>> properties)
    {
        var name = reader.LocalName;
        var nil = false;
        string? xsiType = null;
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if ((object)reader.NamespaceURI != state.Xsi)
                {
                    continue;
                }

                if ((object)reader.LocalName == state.Nil)
                {
                    nil = reader.Value is "true" or "1";
                }
                else if ((object)reader.LocalName == state.Type)
                {
                    xsiType = reader.Value;
                }
            }

            reader.MoveToElement();
        }

        object? value;
        if (nil)
        {
            reader.Skip();
            value = null;
        }
        else if (reader.IsEmptyElement)
        {
            reader.Read();
            value = string.Empty;
        }
        else
        {
            value = ReadValue(reader, state, name, xsiType, cimNamespace, depth);
        }

        Add(properties, name, value);
    }

    /// <summary>Text, or structured content (date-time, EPR, embedded instance) when the first child is an element.</summary>
    private static object? ReadValue(XmlReader reader, WsManParseState state, string name, string? xsiType, string cimNamespace, int depth)
    {
        reader.Read();
        string? text = null;
        StringBuilder? more = null;
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is null)
                    {
                        text = reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(text)).Append(reader.Value);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return more?.ToString() ?? text ?? string.Empty;
                case XmlNodeType.Element:
                    // Whitespace before a child element is layout, not a value.
                    return ReadStructured(reader, state, name, xsiType, cimNamespace, depth);
                default:
                    Advance(reader);
                    break;
            }
        }
    }

    private static object? ReadStructured(XmlReader reader, WsManParseState state, string name, string? xsiType, string cimNamespace, int depth)
    {
        var ns = reader.NamespaceURI;
        var local = reader.LocalName;
        if ((object)ns == state.CimCommon)
        {
            if ((object)local == state.Datetime || (object)local == state.Date || (object)local == state.Time)
            {
                var text = ReadText(reader);
                FinishElement(reader);
                return CimDateTime.TryParse(text, out var date) ? date : text;
            }

            if ((object)local == state.Interval)
            {
                var text = ReadText(reader);
                FinishElement(reader);
                return CimDateTime.TryParseInterval(text, out var interval) ? interval : text;
            }

            if ((object)local == state.CimDateTimeName)
            {
                // The DMTF text form: an interval ends in ":000", a date-time in a signed offset.
                var text = ReadText(reader);
                FinishElement(reader);
                return CimDateTime.TryParseInterval(text, out var interval) ? interval
                    : CimDateTime.TryParse(text, out var date) ? date
                    : text;
            }
        }

        if ((object)ns == state.Addressing)
        {
            return ReadReferenceContent(reader, state, cimNamespace, name);
        }

        return ReadEmbedded(reader, state, name, xsiType, cimNamespace, depth);
    }

    private static CimInstance ReadEmbedded(XmlReader reader, WsManParseState state, string name, string? xsiType, string cimNamespace, int depth)
    {
        if (depth + 1 > MaxDepth)
        {
            throw new WsManFormatException($"embedded instances are nested deeper than {MaxDepth} levels");
        }

        // docs/WSMAN.md: the class is the xsi:type without "_Type" (and without its prefix), else the property name.
        var className = name;
        var nestedNamespace = cimNamespace;
        if (!string.IsNullOrWhiteSpace(xsiType))
        {
            var colon = xsiType.IndexOf(':', StringComparison.Ordinal);
            var typeName = colon >= 0 ? xsiType[(colon + 1)..] : xsiType;
            if (typeName.EndsWith("_Type", StringComparison.Ordinal))
            {
                typeName = typeName[..^"_Type".Length];
            }

            if (typeName.Length > 0)
            {
                className = typeName;
            }

            // The reader is on the first child now; the prefix was declared on the property element or above,
            // so it is still in scope here.
            var prefixNamespace = reader.LookupNamespace(colon >= 0 ? xsiType[..colon] : string.Empty);
            if (prefixNamespace is not null && state.TryParseResourceUri(prefixNamespace, out var ns, out _))
            {
                nestedNamespace = ns;
            }
        }

        var properties = state.PropertyList(depth + 1);
        var path = ReadPropertyList(reader, state, nestedNamespace, depth + 1, properties);
        return new CimInstance(className, nestedNamespace, properties, KeyNamesOf(path), path);
    }

    /// <summary>Reads the EPR element the reader is on (<c>cim:Location</c>, a wrapped <c>a:EndpointReference</c>).</summary>
    private static CimReference ReadReference(XmlReader reader, WsManParseState state, string cimNamespace, string what)
    {
        if (reader.IsEmptyElement)
        {
            throw new WsManFormatException($"{what}: an endpoint reference is empty");
        }

        reader.Read();
        return ReadReferenceContent(reader, state, cimNamespace, what);
    }

    /// <summary>Reads an EPR's children (the reader is inside it) up to and including the container's end tag.</summary>
    private static CimReference ReadReferenceContent(XmlReader reader, WsManParseState state, string cimNamespace, string what)
    {
        string? resourceUri = null;
        List<KeyValuePair<string, string>>? selectors = null;
        CimReference? wrapped = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                Advance(reader);
                continue;
            }

            if ((object)reader.NamespaceURI == state.Addressing && (object)reader.LocalName == state.ReferenceParameters)
            {
                ReadReferenceParameters(reader, state, ref resourceUri, ref selectors);
            }
            else if ((object)reader.NamespaceURI == state.Addressing && (object)reader.LocalName == state.EndpointReference)
            {
                wrapped = ReadReference(reader, state, cimNamespace, what);
            }
            else
            {
                // a:Address (always the anonymous role or the host's own URL) and extensions carry nothing we need.
                reader.Skip();
            }
        }

        reader.Read();
        if (resourceUri is null && wrapped is not null)
        {
            return wrapped;
        }

        return BuildReference(state, resourceUri, selectors, cimNamespace, what);
    }

    private static void ReadReferenceParameters(
        XmlReader reader, WsManParseState state, ref string? resourceUri, ref List<KeyValuePair<string, string>>? selectors)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                Advance(reader);
                continue;
            }

            if ((object)reader.NamespaceURI == state.WsMan && (object)reader.LocalName == state.ResourceUri)
            {
                resourceUri = state.ReadAtomizedText(reader).Trim();
            }
            else if ((object)reader.NamespaceURI == state.WsMan && (object)reader.LocalName == state.SelectorSet && !reader.IsEmptyElement)
            {
                selectors ??= [];
                reader.Read();
                while (reader.NodeType != XmlNodeType.EndElement)
                {
                    if (reader.NodeType == XmlNodeType.Element &&
                        (object)reader.NamespaceURI == state.WsMan && (object)reader.LocalName == state.Selector)
                    {
                        var key = reader.GetAttribute("Name");
                        var value = ReadText(reader);
                        if (!string.IsNullOrEmpty(key))
                        {
                            selectors.Add(KeyValuePair.Create(key, value));
                        }
                    }
                    else if (reader.NodeType == XmlNodeType.Element)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        Advance(reader);
                    }
                }

                reader.Read();
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
    }

    private static CimReference BuildReference(
        WsManParseState state, string? resourceUri, List<KeyValuePair<string, string>>? selectors, string cimNamespace, string what)
    {
        if (string.IsNullOrEmpty(resourceUri))
        {
            throw new WsManFormatException($"{what}: an endpoint reference has no ResourceURI");
        }

        string className;
        if (state.TryParseResourceUri(resourceUri, out var ns, out var cls) && cls != "*")
        {
            cimNamespace = ns;
            className = cls;
        }
        else
        {
            // A DMTF-style URI (…/cim-schema/2/CIM_Foo): the class is the last segment and the namespace, when
            // the host names it, a __cimnamespace selector.
            var cut = resourceUri.LastIndexOf('/');
            className = cut >= 0 ? resourceUri[(cut + 1)..] : resourceUri;
            if (className.Length == 0 || className == "*")
            {
                throw new WsManFormatException($"{what}: the ResourceURI '{Shorten(resourceUri)}' names no class");
            }
        }

        if (selectors is not null)
        {
            for (var i = 0; i < selectors.Count; i++)
            {
                if (string.Equals(selectors[i].Key, WsManNames.CimNamespaceSelector, StringComparison.OrdinalIgnoreCase))
                {
                    if (!string.IsNullOrWhiteSpace(selectors[i].Value))
                    {
                        cimNamespace = selectors[i].Value;
                    }

                    selectors.RemoveAt(i);
                    break;
                }
            }
        }

        return new CimReference(className, cimNamespace, selectors ?? (IEnumerable<KeyValuePair<string, string>>)[]);
    }

    /// <summary>The text directly inside the element the reader is on; child elements are skipped. Consumes the element.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        reader.Read();
        string? text = null;
        StringBuilder? more = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is null)
                    {
                        text = reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(text)).Append(reader.Value);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    reader.Skip();
                    break;
                default:
                    Advance(reader);
                    break;
            }
        }

        reader.Read();
        return more?.ToString() ?? text ?? string.Empty;
    }

    /// <summary>Skips what is left inside the current element and consumes its end tag.</summary>
    private static void FinishElement(XmlReader reader)
    {
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                Advance(reader);
            }
        }

        reader.Read();
    }

    /// <summary>Moves on one node; a reader that runs out inside an element means the document ended early.</summary>
    public static void Advance(XmlReader reader)
    {
        if (!reader.Read())
        {
            throw new WsManFormatException("the response ended inside an element");
        }
    }

    private static void Add(List<KeyValuePair<string, object?>> properties, string name, object? value)
    {
        // An array arrives as the same element repeated, nearly always adjacent: look at the last entry first.
        // Names come atomized from the reader's name table, so a reference check finds the repeat.
        for (var i = properties.Count - 1; i >= 0; i--)
        {
            var existing = properties[i];
            if ((object)existing.Key != name)
            {
                continue;
            }

            if (existing.Value is List<object?> list)
            {
                list.Add(value);
            }
            else
            {
                properties[i] = KeyValuePair.Create<string, object?>(existing.Key, new List<object?>(4) { existing.Value, value });
            }

            return;
        }

        properties.Add(KeyValuePair.Create(name, value));
    }

    private static string[]? KeyNamesOf(CimReference? path)
    {
        if (path is null)
        {
            return null;
        }

        var keys = new string[path.Selectors.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = path.Selectors[i].Key;
        }

        return keys;
    }

    private static string Shorten(string text) => text.Length > 120 ? string.Concat(text.AsSpan(0, 120), "…") : text;
}
