namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>Bounds one CIM call by its operation timeout on a <see cref="TimeProvider"/>; shared by every transport.</summary>
public static class CimOperation
{
    /// <summary>
    /// Runs <paramref name="body"/> with a token that is cancelled after <paramref name="timeout"/>. A call cut off by
    /// the timeout becomes <see cref="CimErrorKind.Timeout"/>; cancellation by the caller stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        string host,
        TimeSpan timeout,
        TimeProvider time,
        Func<CancellationToken, Task<T>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await body(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CimException(CimErrorKind.Timeout,
                $"{host} did not answer within the operation timeout ({timeout.TotalSeconds:0.###} s).", ex)
            {
                Host = host,
            };
        }
    }
}
