namespace CheckpointDashboard.Shared.Inventory;

/// <summary>Why a host could not be read, in terms an operator can act on.</summary>
public enum HostErrorKind
{
    None,
    Unreachable,
    Timeout,
    AuthenticationFailed,
    AccessDenied,
    MalformedResponse,
    ProviderError,
    NotSupported,
    CircuitOpen,
    Configuration,
    Unknown,
}
