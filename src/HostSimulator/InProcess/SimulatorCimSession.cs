using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.InProcess;

/// <summary>
/// An in-process <see cref="ICimSession"/> onto one simulated host (or cluster name), applying the host's injected
/// faults the way a network would: refused connections, latency, hangs past the timeout, provider errors,
/// rejected credentials and malformed answers.
/// </summary>
public sealed class SimulatorCimSession : ICimSession
{
    private readonly SimulatedFleet _fleet;
    private readonly CimConnection _connection;
    private readonly string _target;

    public SimulatorCimSession(SimulatedFleet fleet, CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _fleet = fleet;
        _connection = connection;
        _target = connection.Endpoint.Host.Length > 0 ? connection.Endpoint.Host : connection.HostName;
    }

    public string HostName => _connection.HostName;

    public Task<IReadOnlyList<CimInstance>> QueryAsync(string cimNamespace, string wql, CancellationToken cancellationToken) =>
        CallAsync(server => server.Query(cimNamespace, wql), Corrupt, cancellationToken);

    public Task<IReadOnlyList<CimInstance>> EnumerateAsync(string cimNamespace, string className, CancellationToken cancellationToken) =>
        CallAsync(server => server.Enumerate(cimNamespace, className), Corrupt, cancellationToken);

    public Task<CimInstance> GetAsync(CimReference reference, CancellationToken cancellationToken) =>
        CallAsync(server => server.Get(reference), instance => Corrupt([instance])[0], cancellationToken);

    public Task<CimMethodResult> InvokeAsync(
        CimReference target, string methodName, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        CallAsync(server => server.Invoke(target, methodName, parameters),
            result => new CimMethodResult(result.MethodName, result.ReturnValue,
                [KeyValuePair.Create<string, object?>("Job", "<<not a reference>>")]),
            cancellationToken);

    public Task<IReadOnlyList<CimInstance>> AssociatorsAsync(
        CimReference source, string associationClass, string? resultClass, CancellationToken cancellationToken) =>
        CallAsync(server => server.Associators(source, associationClass, resultClass), Corrupt, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<T> CallAsync<T>(Func<SimulatedCimServer, T> call, Func<T, T> corrupt, CancellationToken cancellationToken) =>
        CimOperation.RunAsync(HostName, _connection.OperationTimeout, _fleet.Time, async token =>
        {
            var host = _fleet.Resolve(_target) ?? throw new CimException(CimErrorKind.Unreachable,
                $"{_target}: no such host (the name does not resolve).") { Host = HostName };
            var faults = host.Faults;
            var fails = host.CountRequestAndRollFailure();
            if (faults.Unreachable)
            {
                throw new CimException(CimErrorKind.Unreachable, $"{_target}: connection refused.") { Host = HostName };
            }

            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, _fleet.Time, token).ConfigureAwait(false);
            }

            if (faults.Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _fleet.Time, token).ConfigureAwait(false);
            }

            if (faults.RejectCredentials)
            {
                throw new CimException(CimErrorKind.AuthenticationFailed,
                    $"{_target} rejected the credentials (HTTP 401).") { Host = HostName };
            }

            if (fails)
            {
                throw new CimException(CimErrorKind.ProviderError, $"{_target}: the WMI provider failed (injected fault).")
                {
                    Host = HostName,
                    WmiErrorCode = 0x80041001,
                    HostMessage = "Generic failure",
                };
            }

            var result = call(new SimulatedCimServer(host));
            return faults.Malformed ? corrupt(result) : result;
        }, cancellationToken);

    /// <summary>What a broken provider might send: the right classes with values that cannot mean what they should.</summary>
    private static IReadOnlyList<CimInstance> Corrupt(IReadOnlyList<CimInstance> instances) =>
    [
        .. instances.Select(instance => new CimInstance(
            instance.ClassName,
            instance.Namespace,
            instance.Properties.Select(p => KeyValuePair.Create<string, object?>(p.Key, p.Value switch
            {
                null => null,
                string => "\u00bf?\u00bf",
                IReadOnlyList<object?> => "not-an-array",
                _ => "NaN",
            })),
            instance.KeyNames)),
    ];
}
