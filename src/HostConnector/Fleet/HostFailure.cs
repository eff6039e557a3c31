using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.Shared.Inventory;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>Turns whatever a host read threw into the kind and text an operator sees.</summary>
public static class HostFailure
{
    public static (HostErrorKind Kind, string Message) Describe(Exception exception, TimeSpan hostTimeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            CimException cim => (Map(cim.Kind), cim.Message),
            TimeoutRejectedException => (HostErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"No complete answer within the host timeout ({hostTimeout.TotalSeconds:0.#} s).")),
            BrokenCircuitException broken => (HostErrorKind.CircuitOpen,
                broken.RetryAfter is { } after
                    ? string.Create(CultureInfo.InvariantCulture, $"Circuit open after repeated failures; the next attempt goes through in {after.TotalSeconds:0} s.")
                    : "Circuit open after repeated failures."),
            _ => (HostErrorKind.Unknown, $"{exception.GetType().Name}: {exception.Message}"),
        };
    }

    public static HostErrorKind Map(CimErrorKind kind) => kind switch
    {
        CimErrorKind.Unreachable => HostErrorKind.Unreachable,
        CimErrorKind.Timeout => HostErrorKind.Timeout,
        CimErrorKind.AuthenticationFailed => HostErrorKind.AuthenticationFailed,
        CimErrorKind.AccessDenied => HostErrorKind.AccessDenied,
        CimErrorKind.MalformedResponse => HostErrorKind.MalformedResponse,
        CimErrorKind.NotSupported or CimErrorKind.PlatformNotSupported => HostErrorKind.NotSupported,
        CimErrorKind.Configuration => HostErrorKind.Configuration,
        _ => HostErrorKind.ProviderError,
    };
}
