using System.Runtime.CompilerServices;
using System.Security;
using CheckpointDashboard.HostConnector.Cim;
using Mi = Microsoft.Management.Infrastructure;
using MiOptions = Microsoft.Management.Infrastructure.Options;

namespace CheckpointDashboard.HostConnector.Mmi;

/// <summary>
/// <see cref="ICimSession"/> over an MMI <c>CimSession</c> (WS-Management, as <c>New-CimSession</c> uses by
/// default). MMI's instances are converted to the neutral <see cref="CimInstance"/> here, so the Hyper-V and
/// cluster mapping above is the same code for both transports and yields identical domain data.
/// </summary>
/// <remarks>
/// Every MMI call happens inside this class; on a platform without mi.dll the first one fails with
/// <see cref="CimErrorKind.PlatformNotSupported"/> instead of a loader exception. MMI's calls are blocking; they
/// run on the thread pool, bounded by the operation timeout and cancelled through MMI's own cancellation token.
/// </remarks>
internal sealed class MmiSession : ICimSession
{
    private readonly CimConnection _connection;
    private readonly Lock _gate = new();
    private Mi.CimSession? _session;

    public MmiSession(CimConnection connection)
    {
        _connection = connection;
    }

    public string HostName => _connection.HostName;

    public Task<IReadOnlyList<CimInstance>> QueryAsync(string cimNamespace, string wql, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CimInstance>>(token => Convert(Session().QueryInstances(Ns(cimNamespace), "WQL", wql, Options(token))), cancellationToken);

    public Task<IReadOnlyList<CimInstance>> EnumerateAsync(string cimNamespace, string className, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CimInstance>>(token => Convert(Session().EnumerateInstances(Ns(cimNamespace), className, Options(token))), cancellationToken);

    public Task<CimInstance> GetAsync(CimReference reference, CancellationToken cancellationToken) =>
        RunAsync(token =>
        {
            using var key = KeyInstance(reference);
            using var found = Session().GetInstance(Ns(reference.Namespace), key, Options(token));
            return ToNeutral(found, reference.Namespace);
        }, cancellationToken);

    public Task<CimMethodResult> InvokeAsync(
        CimReference target, string methodName, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        RunAsync(token =>
        {
            using var key = KeyInstance(target);
            var arguments = new Mi.CimMethodParametersCollection();
            foreach (var (name, value) in parameters)
            {
                if (value is not null)
                {
                    arguments.Add(ToParameter(name, value, target.Namespace));
                }
            }

            using var result = Session().InvokeMethod(Ns(target.Namespace), key, methodName, arguments, Options(token));
            var outputs = new List<KeyValuePair<string, object?>>();
            foreach (var parameter in result.OutParameters)
            {
                outputs.Add(KeyValuePair.Create(parameter.Name, ToNeutralValue(parameter.Value, parameter.CimType, target.Namespace)));
            }

            var returnValue = System.Convert.ToUInt32(result.ReturnValue?.Value ?? 0u, System.Globalization.CultureInfo.InvariantCulture);
            return new CimMethodResult(methodName, returnValue, outputs);
        }, cancellationToken);

    public Task<IReadOnlyList<CimInstance>> AssociatorsAsync(
        CimReference source, string associationClass, string? resultClass, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CimInstance>>(token =>
        {
            using var key = KeyInstance(source);
            return Convert(Session().EnumerateAssociatedInstances(
                Ns(source.Namespace), key, associationClass, resultClass, null, null, Options(token)));
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _session?.Dispose();
            _session = null;
        }

        return ValueTask.CompletedTask;
    }

    private static string Ns(string cimNamespace) => cimNamespace.Replace('\\', '/');

    private Task<T> RunAsync<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken) =>
        CimOperation.RunAsync(HostName, _connection.OperationTimeout, TimeProvider.System, token => Task.Run(() =>
        {
            try
            {
                return call(token);
            }
            catch (Mi.CimException ex)
            {
                throw Map(ex);
            }
            catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or PlatformNotSupportedException)
            {
                throw MmiTransportProvider.NotAvailable(HostName, ex);
            }
        }, token), cancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Mi.CimSession Session()
    {
        lock (_gate)
        {
            if (_session is not null)
            {
                return _session;
            }

            var options = new MiOptions.WSManSessionOptions
            {
                DestinationPort = (uint)_connection.Endpoint.Port,
                UseSsl = string.Equals(_connection.Endpoint.Scheme, "https", StringComparison.OrdinalIgnoreCase),
                CertCACheck = !_connection.Security.SkipCertificateValidation,
                CertCNCheck = !_connection.Security.SkipCertificateValidation,
                Timeout = _connection.OperationTimeout,
            };
            if (_connection.Credential is { } credential)
            {
                var mechanism = _connection.Security.Authentication.ToUpperInvariant() switch
                {
                    "BASIC" => MiOptions.PasswordAuthenticationMechanism.Basic,
                    "KERBEROS" => MiOptions.PasswordAuthenticationMechanism.Kerberos,
                    "NTLM" => MiOptions.PasswordAuthenticationMechanism.NtlmDomain,
                    _ => MiOptions.PasswordAuthenticationMechanism.Negotiate,
                };
                using var password = new SecureString();
                foreach (var c in credential.Password)
                {
                    password.AppendChar(c);
                }

                options.AddDestinationCredentials(new MiOptions.CimCredential(mechanism, credential.Domain, credential.UserName, password));
            }

            _session = Mi.CimSession.Create(_connection.Endpoint.Host, options);
            return _session;
        }
    }

    private MiOptions.CimOperationOptions Options(CancellationToken token) => new()
    {
        Timeout = _connection.OperationTimeout,
        CancellationToken = token,
    };

    private static List<CimInstance> Convert(IEnumerable<Mi.CimInstance> instances)
    {
        var result = new List<CimInstance>();
        foreach (var instance in instances)
        {
            using (instance)
            {
                result.Add(ToNeutral(instance, instance.CimSystemProperties.Namespace ?? string.Empty));
            }
        }

        return result;
    }

    private static CimInstance ToNeutral(Mi.CimInstance instance, string cimNamespace)
    {
        var properties = new List<KeyValuePair<string, object?>>();
        var keys = new List<string>();
        foreach (var property in instance.CimInstanceProperties)
        {
            properties.Add(KeyValuePair.Create(property.Name, ToNeutralValue(property.Value, property.CimType, cimNamespace)));
            if (property.Flags.HasFlag(Mi.CimFlags.Key))
            {
                keys.Add(property.Name);
            }
        }

        var className = instance.CimSystemProperties.ClassName;
        var ns = (instance.CimSystemProperties.Namespace ?? cimNamespace).Replace('/', '\\');
        var path = keys.Count > 0
            ? new CimReference(className, ns, keys.Select(k => KeyValuePair.Create(k, CimInstance.FormatScalar(properties.First(p => p.Key == k).Value) ?? string.Empty)))
            : null;
        return new CimInstance(className, ns, properties, keys, path);
    }

    private static object? ToNeutralValue(object? value, Mi.CimType type, string cimNamespace) => value switch
    {
        null => null,
        Mi.CimInstance nested when type is Mi.CimType.Reference => ToNeutral(nested, cimNamespace).Path,
        Mi.CimInstance nested => ToNeutral(nested, cimNamespace),
        Mi.CimInstance[] many => many.Select(i => ToNeutralValue(i, type == Mi.CimType.ReferenceArray ? Mi.CimType.Reference : Mi.CimType.Instance, cimNamespace)).ToArray(),
        DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind)).ToUniversalTime(),
        string text => text,
        Array array => array.Cast<object?>().Select(item => ToNeutralValue(item, Mi.CimType.Unknown, cimNamespace)).ToArray(),
        _ => value,
    };

    /// <summary>A key-only MMI instance that stands for <paramref name="reference"/>, as the Hyper-V PowerShell module passes REF arguments.</summary>
    private static Mi.CimInstance KeyInstance(CimReference reference)
    {
        var instance = new Mi.CimInstance(reference.ClassName, Ns(reference.Namespace));
        foreach (var (name, value) in reference.Selectors)
        {
            instance.CimInstanceProperties.Add(Mi.CimProperty.Create(name, value, Mi.CimType.String, Mi.CimFlags.Key));
        }

        return instance;
    }

    private static Mi.CimMethodParameter ToParameter(string name, object value, string cimNamespace) => value switch
    {
        CimReference reference => Mi.CimMethodParameter.Create(name, KeyInstance(reference), Mi.CimType.Reference, Mi.CimFlags.In),

        // Hyper-V declares embedded-instance parameters as strings holding CIM-XML (its PowerShell module
        // serializes with MI_XML); the same text our WS-Management client sends.
        CimInstance embedded => Mi.CimMethodParameter.Create(name, CimXml.Write(embedded), Mi.CimType.String, Mi.CimFlags.In),
        string text => Mi.CimMethodParameter.Create(name, text, Mi.CimType.String, Mi.CimFlags.In),
        bool b => Mi.CimMethodParameter.Create(name, b, Mi.CimType.Boolean, Mi.CimFlags.In),
        byte n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.UInt8, Mi.CimFlags.In),
        ushort n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.UInt16, Mi.CimFlags.In),
        uint n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.UInt32, Mi.CimFlags.In),
        ulong n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.UInt64, Mi.CimFlags.In),
        short n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.SInt16, Mi.CimFlags.In),
        int n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.SInt32, Mi.CimFlags.In),
        long n => Mi.CimMethodParameter.Create(name, n, Mi.CimType.SInt64, Mi.CimFlags.In),
        DateTimeOffset date => Mi.CimMethodParameter.Create(name, date.UtcDateTime, Mi.CimType.DateTime, Mi.CimFlags.In),
        TimeSpan interval => Mi.CimMethodParameter.Create(name, interval, Mi.CimType.DateTime, Mi.CimFlags.In),
        string[] texts => Mi.CimMethodParameter.Create(name, texts, Mi.CimType.StringArray, Mi.CimFlags.In),
        _ => Mi.CimMethodParameter.Create(name, CimInstance.FormatScalar(value), Mi.CimType.String, Mi.CimFlags.In),
    };

    private CimException Map(Mi.CimException error)
    {
        var code = (uint)error.NativeErrorCode;
        var kind = error.NativeErrorCode switch
        {
            Mi.NativeErrorCode.AccessDenied => CimErrorKind.AccessDenied,
            Mi.NativeErrorCode.NotFound or Mi.NativeErrorCode.InvalidClass or Mi.NativeErrorCode.InvalidNamespace => CimErrorKind.NotFound,
            Mi.NativeErrorCode.InvalidQuery or Mi.NativeErrorCode.QueryLanguageNotSupported => CimErrorKind.InvalidQuery,
            Mi.NativeErrorCode.InvalidParameter or Mi.NativeErrorCode.TypeMismatch => CimErrorKind.InvalidParameter,
            Mi.NativeErrorCode.NotSupported or Mi.NativeErrorCode.MethodNotAvailable => CimErrorKind.NotSupported,
            Mi.NativeErrorCode.ServerIsShuttingDown => CimErrorKind.Unreachable,
            _ => error.Message.Contains("cannot connect", StringComparison.OrdinalIgnoreCase) ? CimErrorKind.Unreachable : CimErrorKind.ProviderError,
        };
        return new CimException(kind, $"{HostName}: {error.Message}", error)
        {
            Host = HostName,
            WmiErrorCode = error.StatusCode == 0 ? code : (uint)error.StatusCode,
            HostMessage = error.Message,
        };
    }
}
