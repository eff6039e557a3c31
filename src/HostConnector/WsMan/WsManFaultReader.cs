using System.Globalization;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Reads a SOAP fault (docs/WSMAN.md "Faults") into a <see cref="CimException"/>: the kind from the WMI code and
/// the subcode, the WMI code from <c>p:error_Code</c> else <c>f:WSManFault/@Code</c>, the host's own message from
/// the WMI error, <c>f:Message</c> or <c>s:Reason</c>.
/// </summary>
internal static class WsManFaultReader
{
    /// <summary>Host messages longer than this are cut: an operator reads the start, a hostile host gets no more.</summary>
    private const int MaxMessageLength = 4096;

    /// <summary>Reads the <c>s:Fault</c> element the reader is on.</summary>
    public static CimException Read(XmlReader reader, WsManParseState state, string hostName)
    {
        string? code = null;
        string? subcode = null;
        string? reason = null;
        string? wsmanCode = null;
        string? wmiCode = null;
        string? wmiMessage = null;
        StringBuilder? wsmanMessage = null;
        var messageDepth = -1;
        var wmiDepth = -1;
        var inSubcode = false;

        var faultDepth = reader.Depth;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == faultDepth))
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var ns = reader.NamespaceURI;
                        var local = reader.LocalName;
                        if (wmiDepth >= 0 && (object)ns != state.WsManFault && local is "error_Code" or "Message")
                        {
                            var text = WsManInstanceReader.ReadText(reader).Trim();
                            if (local == "error_Code")
                            {
                                wmiCode ??= text;
                            }
                            else
                            {
                                wmiMessage ??= text;
                            }
                        }
                        else if ((object)ns == state.Soap && local == "Subcode")
                        {
                            inSubcode = true;
                            reader.Read();
                        }
                        else if ((object)ns == state.Soap && local == "Value")
                        {
                            // Nested subcodes refine each other: the innermost value wins.
                            var text = WsManInstanceReader.ReadText(reader).Trim();
                            if (inSubcode)
                            {
                                subcode = text;
                            }
                            else
                            {
                                code ??= text;
                            }
                        }
                        else if ((object)ns == state.Soap && local == "Text")
                        {
                            reason ??= WsManInstanceReader.ReadText(reader).Trim();
                        }
                        else if ((object)ns == state.WsManFault && local == "WSManFault")
                        {
                            // A provider fault nests another WSManFault inside f:Message; its code is the more precise.
                            wsmanCode = reader.GetAttribute("Code") ?? wsmanCode;
                            WsManInstanceReader.Advance(reader);
                        }
                        else if ((object)ns == state.WsManFault && local == "Message" && messageDepth < 0 && !reader.IsEmptyElement)
                        {
                            // Only text inside f:Message counts; its end tag resets the marker.
                            messageDepth = reader.Depth;
                            wsmanMessage ??= new StringBuilder();
                            WsManInstanceReader.Advance(reader);
                        }
                        else if (wmiDepth < 0 && !reader.IsEmptyElement && IsWmiError(reader, state, local))
                        {
                            wmiDepth = reader.Depth;
                            WsManInstanceReader.Advance(reader);
                        }
                        else
                        {
                            WsManInstanceReader.Advance(reader);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (reader.Depth == messageDepth)
                        {
                            messageDepth = -1;
                        }

                        if (reader.Depth == wmiDepth)
                        {
                            wmiDepth = -1;
                        }

                        WsManInstanceReader.Advance(reader);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        if (messageDepth >= 0 && wsmanMessage is not null && wsmanMessage.Length < MaxMessageLength)
                        {
                            if (wsmanMessage.Length > 0)
                            {
                                wsmanMessage.Append(' ');
                            }

                            wsmanMessage.Append(reader.Value.Trim());
                        }

                        WsManInstanceReader.Advance(reader);
                        break;
                    default:
                        WsManInstanceReader.Advance(reader);
                        break;
                }
            }
        }

        return Create(hostName, code, subcode, reason, wsmanCode, wsmanMessage?.ToString(), wmiCode, wmiMessage);
    }

    /// <summary>The kind a WMI HRESULT means, or null when it says nothing more specific than "failed".</summary>
    public static CimErrorKind? KindOfWmiCode(uint code) => code switch
    {
        0x80041003 => CimErrorKind.AccessDenied,
        0x80041002 or 0x80041010 or 0x8004100E => CimErrorKind.NotFound,
        0x80041017 => CimErrorKind.InvalidQuery,
        0x80041008 => CimErrorKind.InvalidParameter,
        0x8004100C or 0x80041031 => CimErrorKind.NotSupported,
        _ => null,
    };

    /// <summary>The kind a fault subcode means (its local part: <c>w:InvalidSelectors</c> → InvalidSelectors), or null.</summary>
    public static CimErrorKind? KindOfSubcode(string? subcode)
    {
        if (string.IsNullOrEmpty(subcode))
        {
            return null;
        }

        var colon = subcode.LastIndexOf(':');
        var local = colon >= 0 ? subcode[(colon + 1)..] : subcode;
        return local switch
        {
            "AccessDenied" => CimErrorKind.AccessDenied,
            "InvalidSelectors" or "DestinationUnreachable" => CimErrorKind.NotFound,
            "CannotProcessFilter" or "FilteringRequired" => CimErrorKind.InvalidQuery,
            "InvalidParameter" or "SchemaValidationError" => CimErrorKind.InvalidParameter,
            "ActionNotSupported" or "UnsupportedFeature" => CimErrorKind.NotSupported,
            "TimedOut" => CimErrorKind.Timeout,
            "EncodingLimit" or "QuotaLimit" => CimErrorKind.ProviderError,
            _ => null,
        };
    }

    private static CimException Create(
        string hostName, string? code, string? subcode, string? reason, string? wsmanCode, string? wsmanMessage, string? wmiCode, string? wmiMessage)
    {
        var errorCode = ParseCode(wmiCode) ?? ParseCode(wsmanCode);
        var kind = (errorCode is { } c ? KindOfWmiCode(c) : null) ?? KindOfSubcode(subcode) ?? CimErrorKind.ProviderError;
        var hostMessage = FirstNonEmpty(wmiMessage, wsmanMessage, reason);
        if (hostMessage is { Length: > MaxMessageLength })
        {
            hostMessage = string.Concat(hostMessage.AsSpan(0, MaxMessageLength), "…");
        }

        var label = FirstNonEmpty(subcode, code) ?? "no fault code";
        if (errorCode is { } value)
        {
            label = string.Create(CultureInfo.InvariantCulture, $"{label}, 0x{value:X8}");
        }

        var message = hostMessage is null
            ? $"{hostName} returned a WS-Management fault ({label})."
            : $"{hostName} returned a WS-Management fault ({label}): {hostMessage}";
        return new CimException(kind, message)
        {
            Host = hostName,
            WmiErrorCode = errorCode,
            HostMessage = hostMessage,
        };
    }

    private static bool IsWmiError(XmlReader reader, WsManParseState state, string local)
    {
        if (local is "MSFT_WmiError" or "CIM_Error" or "__ExtendedStatus")
        {
            return true;
        }

        return reader.HasAttributes && reader.GetAttribute("IsCIM_Error", state.CimBinding) is "true";
    }

    private static uint? ParseCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            return unsigned;
        }

        // WMI codes sometimes arrive as signed 32-bit integers (-2147217406 for 0x80041002).
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) ? unchecked((uint)signed) : null;
    }

    private static string? FirstNonEmpty(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
