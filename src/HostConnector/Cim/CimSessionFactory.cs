namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>Opens a session over the transport a connection asks for, resolving <see cref="CimTransport.Auto"/>.</summary>
public sealed class CimSessionFactory
{
    private readonly Dictionary<CimTransport, ICimTransportProvider> _providers;

    public CimSessionFactory(IEnumerable<ICimTransportProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [];
        foreach (var provider in providers)
        {
            _providers[provider.Transport] = provider;
        }
    }

    /// <summary>Which transport <paramref name="requested"/> means on this machine for <paramref name="endpoint"/>.</summary>
    public CimTransport Resolve(CimTransport requested, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (requested != CimTransport.Auto)
        {
            return requested;
        }

        if (string.Equals(endpoint.Scheme, "sim", StringComparison.OrdinalIgnoreCase))
        {
            return CimTransport.Simulator;
        }

        return _providers.TryGetValue(CimTransport.Mmi, out var mmi) && mmi.IsAvailable ? CimTransport.Mmi : CimTransport.WsMan;
    }

    public ICimSession Open(CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transport = Resolve(connection.Transport, connection.Endpoint);
        if (!_providers.TryGetValue(transport, out var provider))
        {
            throw new CimException(CimErrorKind.Configuration,
                $"Host '{connection.HostName}': transport '{transport}' is not available in this build.")
            {
                Host = connection.HostName,
            };
        }

        return provider.Open(connection with { Transport = transport });
    }
}
