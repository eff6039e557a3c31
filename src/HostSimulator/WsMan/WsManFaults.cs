using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Cim;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// The faults the server sends, with the subcodes, reasons and codes of docs/WSMAN.md's fault table. A CIM error
/// from the simulated provider keeps its WMI HRESULT, so a client maps it to the same <see cref="CimErrorKind"/>
/// over the wire as in process.
/// </summary>
internal static class WsManFaults
{
    private const string Sender = "s:Sender";
    private const string Receiver = "s:Receiver";

    // Windows WS-Management error codes for f:WSManFault/@Code, named as in Windows' wsmerror.h (ERROR_WSMAN_*).
    // InvalidSelectors is the code of docs/WSMAN.md's example (ERROR_WSMAN_UNEXPECTED_SELECTORS); WmiProviderFailure
    // is the code of a captured WinRM/WMI provider fault. Which code WinRM picks for each WMI error is unverified;
    // clients key off the subcode and, for WMI errors, off p:error_Code.
    private const uint InvalidSelectorsCode = 0x8033805B;
    private const uint SchemaValidationErrorCode = 0x80338041;
    private const uint WmiProviderFailureCode = 0x80338102;
    private const uint ResourceNotFoundCode = 0x80338000;
    private const uint CannotProcessFilterCode = 0x8033801A;
    private const uint FilterDialectUnavailableCode = 0x80338019;
    private const uint FilteringRequiredCode = 0x8033804F;
    private const uint InvalidParameterCode = 0x8033803A;
    private const uint ActionNotSupportedCode = 0x80338013;
    private const uint EncodingLimitCode = 0x80338035;
    private const uint QuotaLimitCode = 0x8033803F;
    private const uint InvalidEnumerationContextCode = 0x8033801B;
    private const uint MustUnderstandCode = 0x80338010;
    private const uint AccessDeniedWin32Code = 5;

    /// <summary>WBEM_E_FAILED: the generic provider failure an injected error rate produces.</summary>
    public const uint GenericFailureCode = 0x80041001;

    private const uint AccessDeniedCode = 0x80041003;
    private const uint NotSupportedCode = 0x8004100C;

    /// <summary>The fault for a CIM error of the simulated provider (or of an argument the server could not use).</summary>
    public static WsManFault FromCimException(CimException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var wmiCode = exception.WmiErrorCode ?? exception.Kind switch
        {
            CimErrorKind.NotFound => SimulatedCimServer.NotFoundCode,
            CimErrorKind.InvalidQuery => 0x80041017,
            CimErrorKind.InvalidParameter => SimulatedCimServer.InvalidParameterCode,
            CimErrorKind.NotSupported => NotSupportedCode,
            CimErrorKind.AccessDenied => AccessDeniedCode,
            _ => GenericFailureCode,
        };
        var message = exception.HostMessage ?? exception.Message;
        return wmiCode switch
        {
            SimulatedCimServer.NotFoundCode => new(Sender, "w:InvalidSelectors",
                "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ",
                message, InvalidSelectorsCode, WmiCode: wmiCode),
            SimulatedCimServer.InvalidClassCode or SimulatedCimServer.InvalidNamespaceCode => new(Sender, "a:DestinationUnreachable",
                "The WS-Management service cannot process the request. The resource URI does not name a class or namespace of this host. ",
                message, ResourceNotFoundCode, WmiCode: wmiCode),
            0x80041017 => new(Sender, "w:CannotProcessFilter",
                "The data source could not process the filter. The filter might be missing or it might be invalid. ",
                message, CannotProcessFilterCode, WmiCode: wmiCode),
            SimulatedCimServer.InvalidParameterCode => new(Sender, "w:InvalidParameter",
                "The WS-Management service cannot process the request because a parameter is invalid. ",
                message, InvalidParameterCode, WmiCode: wmiCode),
            NotSupportedCode or SimulatedCimServer.InvalidMethodCode => new(Sender, "w:ActionNotSupported",
                "The action is not supported by the service. ",
                message, ActionNotSupportedCode, WmiCode: wmiCode),
            AccessDeniedCode => new(Sender, "w:AccessDenied",
                "Access is denied. ",
                message, AccessDeniedWin32Code, WmiCode: wmiCode),
            _ => new(Receiver, "w:InternalError",
                "The WS-Management service cannot process the request. The WMI service reported that the WMI provider could not perform the requested operation. ",
                message, WmiProviderFailureCode, WmiCode: wmiCode),
        };
    }

    public static WsManFault Malformed(string detail) => new(Sender, "w:SchemaValidationError",
        "The SOAP XML in the message does not match the corresponding XML schema definition. Change the XML and retry. ",
        detail, SchemaValidationErrorCode, HttpStatus: 400);

    public static WsManFault TooLarge(int limit) => new(Sender, "w:EncodingLimit",
        "The request exceeds a size limit of the WS-Management service. ",
        $"The request is larger than {limit} bytes.", EncodingLimitCode, HttpStatus: 400);

    public static WsManFault MustUnderstand(string header) => new("s:MustUnderstand", null,
        "The WS-Management service cannot process a SOAP header in the request that is marked as mustUnderstand by the client. ",
        $"The header {header} is marked mustUnderstand and is not supported.", MustUnderstandCode);

    public static WsManFault ActionNotSupported(string? action) => new(Sender, "a:ActionNotSupported",
        "The action is not supported by the service. ",
        $"The action '{action}' is not supported.", ActionNotSupportedCode);

    public static WsManFault DestinationUnreachable(string? resourceUri) => new(Sender, "a:DestinationUnreachable",
        "The WS-Management service cannot process the request. The resource URI is not supported. ",
        $"The resource URI '{resourceUri}' is not a WMI class or namespace resource URI.", ResourceNotFoundCode);

    public static WsManFault InvalidSelectors(string detail) => new(Sender, "w:InvalidSelectors",
        "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ",
        detail, InvalidSelectorsCode);

    public static WsManFault FilterDialectUnavailable(string dialect) => new(Sender, "n:FilterDialectRequestedUnavailable",
        "The requested filter dialect is not supported. ",
        $"The filter dialect '{dialect}' is not supported; use WQL ({HostConnector.WsMan.WsManNames.WqlDialect}).", FilterDialectUnavailableCode);

    public static WsManFault FilteringRequired() => new(Sender, "w:FilteringRequired",
        "The WS-Management service cannot process the request because a filter is required for this resource. ",
        "A wildcard resource URI needs a WQL filter that names the class.", FilteringRequiredCode);

    public static WsManFault CannotProcessFilter(string detail) => new(Sender, "w:CannotProcessFilter",
        "The data source could not process the filter. The filter might be missing or it might be invalid. ",
        detail, CannotProcessFilterCode);

    public static WsManFault InvalidEnumerationContext() => new(Receiver, "n:InvalidEnumerationContext",
        "The enumeration context supplied in the message is not valid. ",
        "The enumeration context is unknown, was released, or expired.", InvalidEnumerationContextCode);

    public static WsManFault QuotaLimit(int limit) => new(Sender, "w:QuotaLimit",
        "The WS-Management service cannot process the request because a quota was exceeded. ",
        $"More than {limit} enumeration contexts are open; release or finish some first.", QuotaLimitCode);

    public static WsManFault InternalError(string detail) => new(Receiver, "w:InternalError",
        "The WS-Management service cannot process the request because of an internal error. ",
        detail, WmiProviderFailureCode);
}
