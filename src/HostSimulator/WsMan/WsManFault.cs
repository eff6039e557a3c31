namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// One SOAP fault as the server sends it: SOAP code and WS-Management subcode (prefixed with a prefix the response
/// envelope declares: <c>w</c>, <c>a</c>, <c>n</c> or <c>s</c>), the reason text, the <c>f:WSManFault</c> code and
/// message, and for WMI errors the HRESULT that goes into <c>p:MSFT_WmiError/p:error_Code</c>.
/// </summary>
/// <param name="Code">The SOAP 1.2 code: <c>s:Sender</c>, <c>s:Receiver</c> or <c>s:MustUnderstand</c>.</param>
/// <param name="Subcode">The subcode QName, or null (only <c>s:MustUnderstand</c> has none).</param>
/// <param name="Reason">The generic reason text WinRM sends for this subcode.</param>
/// <param name="Message">What went wrong in this request, for <c>f:Message</c> and <c>p:Message</c>.</param>
/// <param name="WsManCode">The Windows WS-Management error code in <c>f:WSManFault/@Code</c>.</param>
/// <param name="HttpStatus">400 for requests that could not be read, 500 otherwise (as WinRM answers faults).</param>
/// <param name="WmiCode">The WMI HRESULT when the fault reports a WMI error; adds <c>p:MSFT_WmiError</c> to the detail.</param>
internal sealed record WsManFault(
    string Code,
    string? Subcode,
    string Reason,
    string Message,
    uint WsManCode,
    int HttpStatus = 500,
    uint? WmiCode = null);

/// <summary>A fault raised while reading or answering a request; the endpoint turns it into a fault response.</summary>
internal sealed class WsManFaultException : Exception
{
    public WsManFaultException(WsManFault fault)
        : base(fault.Message)
    {
        Fault = fault;
    }

    public WsManFault Fault { get; }
}
