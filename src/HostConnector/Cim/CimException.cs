namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// A failed CIM call, with what an operator needs to act on it: the kind of failure, the host, and the
/// host's own error code and message when it sent one.
/// </summary>
public class CimException : Exception
{
    public CimException(CimErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public CimErrorKind Kind { get; }

    /// <summary>The host the call went to, when known.</summary>
    public string? Host { get; init; }

    /// <summary>The WMI/WS-Management error code the host returned (for example 0x80041002 not found), when it sent one.</summary>
    public uint? WmiErrorCode { get; init; }

    /// <summary>The host's own message, verbatim, when it sent one.</summary>
    public string? HostMessage { get; init; }

    /// <summary>True for failures a later retry may not meet again (network, timeout, a busy provider).</summary>
    public bool IsTransient => Kind is CimErrorKind.Unreachable or CimErrorKind.Timeout or CimErrorKind.ProviderError;
}
