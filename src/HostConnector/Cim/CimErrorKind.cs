namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>What went wrong with a CIM call, independent of the transport that carried it.</summary>
public enum CimErrorKind
{
    /// <summary>The host could not be reached (DNS, refused connection, network).</summary>
    Unreachable,

    /// <summary>The call did not finish within its operation timeout.</summary>
    Timeout,

    /// <summary>The host rejected the credentials.</summary>
    AuthenticationFailed,

    /// <summary>Authenticated, but not allowed to do this (WMI access denied, UAC filtering).</summary>
    AccessDenied,

    /// <summary>The instance, class or namespace does not exist.</summary>
    NotFound,

    /// <summary>The host rejected the query text.</summary>
    InvalidQuery,

    /// <summary>The host rejected a method or selector argument.</summary>
    InvalidParameter,

    /// <summary>The response could not be understood: bad XML, wrong namespaces, unparseable values, over size caps.</summary>
    MalformedResponse,

    /// <summary>The host's WMI provider reported a failure of its own.</summary>
    ProviderError,

    /// <summary>The host does not support the operation.</summary>
    NotSupported,

    /// <summary>This transport cannot run on this platform (for example MMI without Windows' mi.dll).</summary>
    PlatformNotSupported,

    /// <summary>The dashboard's own configuration for the host is wrong (bad endpoint, unknown credential, refused insecure auth).</summary>
    Configuration,
}
