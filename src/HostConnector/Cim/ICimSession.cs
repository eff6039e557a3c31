namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// A session with one host's CIM server, whatever carries it (WS-Management, MMI, the in-process simulator).
/// </summary>
/// <remarks>
/// Every call is bounded by the session's operation timeout and by <c>cancellationToken</c>; a timeout
/// surfaces as <see cref="CimException"/> with <see cref="CimErrorKind.Timeout"/>, cancellation as
/// <see cref="OperationCanceledException"/>. Failures of any transport surface as <see cref="CimException"/>.
/// Sessions are safe for concurrent calls and are reused for the life of a host's watch loop.
/// </remarks>
public interface ICimSession : IAsyncDisposable
{
    /// <summary>The host this session talks to, for messages.</summary>
    string HostName { get; }

    /// <summary>Runs a WQL query (<c>SELECT …</c> or <c>ASSOCIATORS OF …</c>) in <paramref name="cimNamespace"/>.</summary>
    Task<IReadOnlyList<CimInstance>> QueryAsync(string cimNamespace, string wql, CancellationToken cancellationToken);

    /// <summary>Every instance of <paramref name="className"/> in <paramref name="cimNamespace"/>.</summary>
    Task<IReadOnlyList<CimInstance>> EnumerateAsync(string cimNamespace, string className, CancellationToken cancellationToken);

    /// <summary>One instance by its keys; <see cref="CimErrorKind.NotFound"/> when it does not exist.</summary>
    Task<CimInstance> GetAsync(CimReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Invokes <paramref name="methodName"/> on <paramref name="target"/>. Parameter values may be scalars,
    /// <see cref="CimReference"/> (REF parameters) or <see cref="CimInstance"/> (embedded-instance parameters).
    /// </summary>
    Task<CimMethodResult> InvokeAsync(
        CimReference target,
        string methodName,
        IReadOnlyDictionary<string, object?> parameters,
        CancellationToken cancellationToken);

    /// <summary>Instances associated with <paramref name="source"/> through <paramref name="associationClass"/>.</summary>
    Task<IReadOnlyList<CimInstance>> AssociatorsAsync(
        CimReference source,
        string associationClass,
        string? resultClass,
        CancellationToken cancellationToken);
}
