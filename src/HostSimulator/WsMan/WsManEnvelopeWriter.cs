using System.Globalization;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Writes response envelopes in the shapes of docs/WSMAN.md: the addressing header, instances as <c>p:Class</c>
/// elements in the class's resource-URI namespace, endpoint references, and faults.
/// </summary>
internal static class WsManEnvelopeWriter
{
    /// <summary>Nested embedded instances deeper than this are cut off (CIM-XML's own limit is 8).</summary>
    private const int MaxDepth = 8;

    public static XmlWriterSettings Settings { get; } = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Opens the envelope, writes the header, and opens <c>s:Body</c>.</summary>
    public static void WriteStart(XmlWriter writer, string action, string? relatesTo)
    {
        writer.WriteStartElement("s", "Envelope", WsManNames.Soap);
        writer.WriteAttributeString("xml", "lang", null, "en-US");
        writer.WriteAttributeString("xmlns", "a", null, WsManNames.Addressing);
        writer.WriteAttributeString("xmlns", "w", null, WsManNames.WsMan);
        writer.WriteAttributeString("xmlns", "n", null, WsManNames.Enumeration);
        writer.WriteStartElement("Header", WsManNames.Soap);
        writer.WriteElementString("To", WsManNames.Addressing, WsManNames.AnonymousAddress);
        writer.WriteElementString("Action", WsManNames.Addressing, action);
        writer.WriteElementString("MessageID", WsManNames.Addressing, "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant());
        if (!string.IsNullOrEmpty(relatesTo))
        {
            writer.WriteElementString("RelatesTo", WsManNames.Addressing, relatesTo);
        }

        writer.WriteEndElement();
        writer.WriteStartElement("Body", WsManNames.Soap);
    }

    /// <summary>Closes <c>s:Body</c> and the envelope.</summary>
    public static void WriteEnd(XmlWriter writer)
    {
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// One instance: <c>&lt;p:Class xmlns:p="…/Class"&gt;</c> with a child element per property. Arrays repeat the
    /// element, null is <c>xsi:nil</c>, date-times and intervals are wrapped in <c>cim:Datetime</c>/<c>cim:Interval</c>,
    /// references are EPRs and embedded instances nested elements typed <c>…_Type</c>.
    /// </summary>
    public static void WriteInstance(XmlWriter writer, CimInstance instance)
    {
        var ns = WsManNames.ResourceUri(instance.Namespace, instance.ClassName);
        writer.WriteStartElement("p", instance.ClassName, ns);
        writer.WriteAttributeString("xmlns", "cim", null, WsManNames.CimCommon);
        writer.WriteAttributeString("xmlns", "xsi", null, WsManNames.XmlSchemaInstance);
        WriteProperties(writer, "p", ns, instance.Properties, 0);
        writer.WriteEndElement();
    }

    /// <summary>Writes each property as a child element in <paramref name="ns"/>.</summary>
    public static void WriteProperties(XmlWriter writer, string prefix, string ns, IEnumerable<KeyValuePair<string, object?>> properties, int depth)
    {
        foreach (var (name, value) in properties)
        {
            if (value is IReadOnlyList<object?> list)
            {
                // An empty array has no element at all; a one-item array looks like a scalar (docs/WSMAN.md).
                foreach (var item in list)
                {
                    WriteValue(writer, prefix, ns, name, item, depth);
                }
            }
            else
            {
                WriteValue(writer, prefix, ns, name, value, depth);
            }
        }
    }

    /// <summary>The parts of an endpoint reference (<c>a:Address</c>, <c>a:ReferenceParameters</c>) inside the current element.</summary>
    public static void WriteEndpointReference(XmlWriter writer, CimReference reference)
    {
        writer.WriteElementString("Address", WsManNames.Addressing, WsManNames.AnonymousAddress);
        writer.WriteStartElement("ReferenceParameters", WsManNames.Addressing);
        writer.WriteElementString("ResourceURI", WsManNames.WsMan, WsManNames.ResourceUri(reference.Namespace, reference.ClassName));
        writer.WriteStartElement("SelectorSet", WsManNames.WsMan);
        foreach (var (key, value) in reference.Selectors)
        {
            writer.WriteStartElement("Selector", WsManNames.WsMan);
            writer.WriteAttributeString("Name", key);
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// <c>s:Fault</c> with code, subcode, reason and a detail holding <c>f:WSManFault</c> and, for WMI errors,
    /// <c>p:MSFT_WmiError</c> (shaped like the ones WinRM sends, <c>error_Code</c> = the HRESULT, unsigned).
    /// </summary>
    public static void WriteFault(XmlWriter writer, WsManFault fault, string machine)
    {
        ArgumentNullException.ThrowIfNull(fault);
        writer.WriteStartElement("Fault", WsManNames.Soap);
        writer.WriteStartElement("Code", WsManNames.Soap);
        writer.WriteElementString("Value", WsManNames.Soap, fault.Code);
        if (fault.Subcode is not null)
        {
            writer.WriteStartElement("Subcode", WsManNames.Soap);
            writer.WriteElementString("Value", WsManNames.Soap, fault.Subcode);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("Reason", WsManNames.Soap);
        writer.WriteStartElement("Text", WsManNames.Soap);
        writer.WriteAttributeString("xml", "lang", null, "en-US");
        writer.WriteString(fault.Reason);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("Detail", WsManNames.Soap);
        writer.WriteStartElement("f", "WSManFault", WsManNames.WsManFault);
        writer.WriteAttributeString("Code", fault.WsManCode.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("Machine", machine);
        writer.WriteElementString("Message", WsManNames.WsManFault, fault.Message);
        writer.WriteEndElement();
        if (fault.WmiCode is { } wmiCode)
        {
            WriteWmiError(writer, wmiCode, fault.Message);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A rough upper bound of an instance's size on the wire, to keep a response under <c>w:MaxEnvelopeSize</c>.</summary>
    public static int EstimateSize(CimInstance instance) => 300 + (4 * instance.ClassName.Length) + EstimateProperties(instance.Properties, 0);

    private static int EstimateProperties(IEnumerable<KeyValuePair<string, object?>> properties, int depth)
    {
        var total = 0;
        foreach (var (name, value) in properties)
        {
            var items = value as IReadOnlyList<object?> ?? [value];
            foreach (var item in items)
            {
                total += 20 + (2 * name.Length) + item switch
                {
                    null => 30,
                    string text => text.Length + (text.Length / 8),
                    CimReference reference => 400 + reference.Selectors.Sum(s => s.Key.Length + s.Value.Length + 40),
                    CimInstance nested when depth < MaxDepth => 200 + EstimateProperties(nested.Properties, depth + 1),
                    _ => 60,
                };
            }
        }

        return total;
    }

    private static void WriteValue(XmlWriter writer, string prefix, string ns, string name, object? value, int depth)
    {
        writer.WriteStartElement(prefix, name, ns);
        switch (value)
        {
            case null:
                writer.WriteAttributeString("xsi", "nil", WsManNames.XmlSchemaInstance, "true");
                break;
            case DateTimeOffset date:
                writer.WriteElementString("cim", "Datetime", WsManNames.CimCommon, CimDateTime.FormatIso(date));
                break;
            case DateTime date:
                var utc = date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date;
                writer.WriteElementString("cim", "Datetime", WsManNames.CimCommon, CimDateTime.FormatIso(new DateTimeOffset(utc)));
                break;
            case TimeSpan interval:
                writer.WriteElementString("cim", "Interval", WsManNames.CimCommon, CimDateTime.FormatDuration(interval));
                break;
            case CimReference reference:
                WriteEndpointReference(writer, reference);
                break;
            case CimInstance nested when depth < MaxDepth:
                // docs/WSMAN.md: child property elements, typed by xsi:type="<Class>_Type". The children stay in the
                // outer instance's namespace, so a reader that reads an instance's properties in its own namespace
                // reads the nested ones the same way (what WinRM does here is unverified on a live cluster).
                writer.WriteAttributeString("xsi", "type", WsManNames.XmlSchemaInstance, nested.ClassName + "_Type");
                WriteProperties(writer, prefix, ns, nested.Properties, depth + 1);
                break;
            case CimInstance:
                writer.WriteAttributeString("xsi", "nil", WsManNames.XmlSchemaInstance, "true");
                break;
            default:
                writer.WriteString(CimInstance.FormatScalar(value));
                break;
        }

        writer.WriteEndElement();
    }

    private static void WriteWmiError(XmlWriter writer, uint wmiCode, string message)
    {
        var ns = WsManNames.ResourceUri(CimNamespaces.Cimv2, "MSFT_WmiError");
        writer.WriteStartElement("p", "MSFT_WmiError", ns);
        writer.WriteAttributeString("b", "IsCIM_Error", WsManNames.CimBinding, "true");
        writer.WriteAttributeString("xmlns", "cim", null, WsManNames.CimCommon);
        writer.WriteAttributeString("xmlns", "xsi", null, WsManNames.XmlSchemaInstance);
        writer.WriteAttributeString("xsi", "type", WsManNames.XmlSchemaInstance, "p:MSFT_WmiError_Type");
        Typed("CIMStatusCode", "cimUnsignedInt", CimStatusCode(wmiCode).ToString(CultureInfo.InvariantCulture));
        Typed("Message", "cimString", message);
        Typed("MessageID", "cimString", string.Create(CultureInfo.InvariantCulture, $"HRESULT 0x{wmiCode:x8}"));
        Typed("error_Category", "cimUnsignedInt", "0");
        Typed("error_Code", "cimUnsignedInt", wmiCode.ToString(CultureInfo.InvariantCulture));
        Typed("error_Type", "cimString", "HRESULT");
        Typed("error_WindowsErrorMessage", "cimString", message);
        writer.WriteEndElement();

        void Typed(string name, string type, string value)
        {
            writer.WriteStartElement("p", name, ns);
            writer.WriteAttributeString("xsi", "type", WsManNames.XmlSchemaInstance, "cim:" + type);
            writer.WriteString(value);
            writer.WriteEndElement();
        }
    }

    /// <summary>The DMTF CIM status code (DSP0200) WMI reports beside its own HRESULT.</summary>
    private static uint CimStatusCode(uint wmiCode) => wmiCode switch
    {
        0x80041002 => 6,
        0x80041003 => 2,
        0x80041008 => 4,
        0x8004100C => 7,
        0x8004100E => 3,
        0x80041010 => 5,
        0x80041017 => 15,
        0x80041031 => 17,
        _ => 1,
    };
}
