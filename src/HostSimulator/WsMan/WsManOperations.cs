using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Answers one WS-Management request against a simulated host's <see cref="SimulatedCimServer"/>: Enumerate (WQL,
/// association filter, or a whole class), Pull, Release, Get and Invoke. Errors surface as
/// <see cref="WsManFaultException"/> (protocol) or <see cref="CimException"/> (the provider's own).
/// </summary>
internal sealed class WsManOperations
{
    /// <summary>WinRM's default <c>MaxEnvelopeSizekb</c> (500 KB), used when a client does not say.</summary>
    private const int DefaultMaxEnvelopeSize = 512_000;

    /// <summary>Room for the envelope, header and enumeration context around the items.</summary>
    private const int EnvelopeOverhead = 2_048;

    private const string DmtfResourcePrefix = "http://schemas.dmtf.org/wbem/wscim/1/";

    private readonly EnumerationContextStore _contexts;
    private readonly Action<WsManInvocation>? _onInvoke;

    public WsManOperations(EnumerationContextStore contexts, Action<WsManInvocation>? onInvoke = null)
    {
        _contexts = contexts;
        _onInvoke = onInvoke;
    }

    public WsManResponse Dispatch(SimulatedHost host, WsManRequest request)
    {
        var server = new SimulatedCimServer(host);
        return request.Action switch
        {
            null or "" => throw new WsManFaultException(WsManFaults.Malformed("The request has no a:Action header.")),
            WsManNames.ActionEnumerate => Enumerate(server, request),
            WsManNames.ActionPull => Pull(host, request),
            WsManNames.ActionRelease => Release(host, request),
            WsManNames.ActionGet => Get(server, request),
            var action when IsMethodAction(action, request.ResourceUri) => Invoke(server, request),
            var action => throw new WsManFaultException(WsManFaults.ActionNotSupported(action)),
        };
    }

    private WsManResponse Enumerate(SimulatedCimServer server, WsManRequest request)
    {
        var body = request.Body as EnumerateBody
            ?? throw new WsManFaultException(WsManFaults.Malformed("An Enumerate request needs an n:Enumerate body."));
        var (cimNamespace, className) = Resource(request);
        IReadOnlyList<CimInstance> items = body.Filter switch
        {
            null when className == "*" => throw new WsManFaultException(WsManFaults.FilteringRequired()),
            null => server.Enumerate(cimNamespace, className),
            { Association: { } association } => server.Associators(association.Source, association.AssociationClass, association.ResultClass),
            { Dialect: var dialect, Text: var wql } when string.Equals(dialect, WsManNames.WqlDialect, StringComparison.OrdinalIgnoreCase) =>
                string.IsNullOrWhiteSpace(wql)
                    ? throw new WsManFaultException(WsManFaults.CannotProcessFilter("The WQL filter is empty."))
                    : server.Query(cimNamespace, wql),
            { Dialect: var dialect } => throw new WsManFaultException(WsManFaults.FilterDialectUnavailable(dialect)),
        };

        var host = server.Host.Name;
        if (!body.Optimize)
        {
            // Non-optimized (DSP0226's original form): the response only opens the context; every item is pulled.
            var context = _contexts.Open(host, items, 0, body.Mode);
            return Respond(WsManNames.ActionEnumerateResponse, writer =>
            {
                writer.WriteStartElement("EnumerateResponse", WsManNames.Enumeration);
                writer.WriteElementString("EnumerationContext", WsManNames.Enumeration, context);
                writer.WriteEndElement();
            });
        }

        // DSP0226: OptimizeEnumeration without MaxElements means one item.
        var count = CountFitting(items, body.MaxElements ?? 1, Budget(request));
        var end = count == items.Count;
        var openContext = end ? null : _contexts.Open(host, items, count, body.Mode);
        var first = items.Take(count).ToList();
        return new WsManResponse(WsManNames.ActionEnumerateResponse, async (writer, cancellationToken) =>
        {
            writer.WriteStartElement("EnumerateResponse", WsManNames.Enumeration);
            if (openContext is not null)
            {
                writer.WriteElementString("EnumerationContext", WsManNames.Enumeration, openContext);
            }

            writer.WriteStartElement("Items", WsManNames.WsMan);
            await WriteItemsAsync(writer, first, body.Mode, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
            if (end)
            {
                writer.WriteElementString("EndOfSequence", WsManNames.WsMan, string.Empty);
            }

            writer.WriteEndElement();
        });
    }

    private WsManResponse Pull(SimulatedHost host, WsManRequest request)
    {
        var body = request.Body as PullBody
            ?? throw new WsManFaultException(WsManFaults.Malformed("A Pull request needs an n:Pull body."));
        var budget = Budget(request);
        var used = 0;
        var batch = _contexts.Take(body.Context, host.Name, body.MaxElements ?? 1, instance =>
        {
            used += WsManEnvelopeWriter.EstimateSize(instance);
            return used <= budget;
        });
        return new WsManResponse(WsManNames.ActionPullResponse, async (writer, cancellationToken) =>
        {
            writer.WriteStartElement("PullResponse", WsManNames.Enumeration);
            if (!batch.End)
            {
                writer.WriteElementString("EnumerationContext", WsManNames.Enumeration, body.Context);
            }

            writer.WriteStartElement("Items", WsManNames.Enumeration);
            await WriteItemsAsync(writer, batch.Items, batch.Mode, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
            if (batch.End)
            {
                writer.WriteElementString("EndOfSequence", WsManNames.Enumeration, string.Empty);
            }

            writer.WriteEndElement();
        });
    }

    private WsManResponse Release(SimulatedHost host, WsManRequest request)
    {
        var body = request.Body as ReleaseBody
            ?? throw new WsManFaultException(WsManFaults.Malformed("A Release request needs an n:Release body."));
        _contexts.Release(body.Context, host.Name);
        return Respond(WsManNames.ActionReleaseResponse, _ => { });
    }

    private static WsManResponse Get(SimulatedCimServer server, WsManRequest request)
    {
        var (cimNamespace, className) = Resource(request);
        if (className == "*")
        {
            throw new WsManFaultException(WsManFaults.DestinationUnreachable(request.ResourceUri));
        }

        var selectors = Keys(request);
        if (selectors.Count == 0)
        {
            throw new WsManFaultException(WsManFaults.InvalidSelectors("A Get needs the instance's keys in w:SelectorSet."));
        }

        var instance = server.Get(new CimReference(className, cimNamespace, selectors));
        return Respond(WsManNames.ActionGetResponse, writer => WsManEnvelopeWriter.WriteInstance(writer, instance));
    }

    private WsManResponse Invoke(SimulatedCimServer server, WsManRequest request)
    {
        var (cimNamespace, className) = Resource(request);
        var action = request.Action!;
        var method = action[(action.LastIndexOf('/') + 1)..];
        var parameters = request.Body switch
        {
            InvokeBody invoke when string.Equals(invoke.ElementName, method + "_INPUT", StringComparison.OrdinalIgnoreCase) => invoke.Parameters,
            InvokeBody invoke => throw new WsManFaultException(WsManFaults.Malformed($"The body of {method} must be p:{method}_INPUT, not p:{invoke.ElementName}.")),
            EmptyBody => [],
            _ => throw new WsManFaultException(WsManFaults.Malformed($"The body of {method} must be p:{method}_INPUT.")),
        };

        var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters)
        {
            arguments[name] = value;
        }

        var target = new CimReference(className, cimNamespace, Keys(request));
        _onInvoke?.Invoke(new WsManInvocation(server.Host.Name, method, target, arguments.AsReadOnly()));
        var result = server.Invoke(target, method, arguments);
        var ns = request.ResourceUri!;
        return Respond(action + "Response", writer =>
        {
            writer.WriteStartElement("p", method + "_OUTPUT", ns);
            writer.WriteAttributeString("xmlns", "cim", null, WsManNames.CimCommon);
            writer.WriteAttributeString("xmlns", "xsi", null, WsManNames.XmlSchemaInstance);
            WsManEnvelopeWriter.WriteProperties(writer, "p", ns, result.OutParameters.Properties, 0);
            WsManEnvelopeWriter.WriteProperties(writer, "p", ns, [KeyValuePair.Create<string, object?>("ReturnValue", result.ReturnValue)], 0);
            writer.WriteEndElement();
        });
    }

    private static async Task WriteItemsAsync(XmlWriter writer, IReadOnlyList<CimInstance> items, EnumerationMode mode, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (mode == EnumerationMode.ObjectsAndEndpointReferences)
            {
                writer.WriteStartElement("Item", WsManNames.WsMan);
            }

            if (mode != EnumerationMode.EndpointReferences)
            {
                WsManEnvelopeWriter.WriteInstance(writer, item);
            }

            if (mode != EnumerationMode.Objects)
            {
                writer.WriteStartElement("EndpointReference", WsManNames.Addressing);
                WsManEnvelopeWriter.WriteEndpointReference(writer, item.ToReference());
                writer.WriteEndElement();
            }

            if (mode == EnumerationMode.ObjectsAndEndpointReferences)
            {
                writer.WriteEndElement();
            }

            // Hand each item to the transport as it is written: a large enumeration streams instead of piling up.
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>How many of <paramref name="items"/> (at most <paramref name="max"/>, at least one) fit in <paramref name="budget"/>.</summary>
    private static int CountFitting(IReadOnlyList<CimInstance> items, int max, int budget)
    {
        var count = 0;
        var used = 0;
        while (count < items.Count && count < max)
        {
            used += WsManEnvelopeWriter.EstimateSize(items[count]);
            if (count > 0 && used > budget)
            {
                break;
            }

            count++;
        }

        return count;
    }

    private static int Budget(WsManRequest request) => Math.Max(1, (request.MaxEnvelopeSize ?? DefaultMaxEnvelopeSize) - EnvelopeOverhead);

    private static WsManResponse Respond(string action, Action<XmlWriter> write) => new(action, (writer, _) =>
    {
        write(writer);
        return Task.CompletedTask;
    });

    /// <summary>
    /// Namespace and class of the request's resource URI: the WMI form (<c>…/wmi/root/…/Class</c> or <c>…/*</c>), or
    /// the DMTF form (<c>http://schemas.dmtf.org/wbem/wscim/1/…</c>) with a <c>__cimnamespace</c> selector. A
    /// <c>__cimnamespace</c> selector overrides the namespace in either form.
    /// </summary>
    private static (string Namespace, string ClassName) Resource(WsManRequest request)
    {
        var selected = request.Selectors.FirstOrDefault(s => string.Equals(s.Key, "__cimnamespace", StringComparison.OrdinalIgnoreCase)).Value;
        var uri = request.ResourceUri;
        if (WsManNames.TryParseResourceUri(uri, out var cimNamespace, out var className))
        {
            return (CimNamespaces.Normalize(selected ?? cimNamespace), className);
        }

        if (selected is not null && uri is not null && uri.StartsWith(DmtfResourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var last = uri.TrimEnd('/')[(uri.TrimEnd('/').LastIndexOf('/') + 1)..];
            return (CimNamespaces.Normalize(selected), last);
        }

        throw new WsManFaultException(WsManFaults.DestinationUnreachable(uri));
    }

    /// <summary>The key selectors of the header, without WS-Management's own (<c>__cimnamespace</c>).</summary>
    private static List<KeyValuePair<string, string>> Keys(WsManRequest request) =>
        [.. request.Selectors.Where(s => !s.Key.StartsWith("__", StringComparison.Ordinal))];

    /// <summary>An Invoke action is the resource URI, a slash and the method name.</summary>
    private static bool IsMethodAction(string action, string? resourceUri)
    {
        var slash = action.LastIndexOf('/');
        return resourceUri is not null && slash > 0 && slash < action.Length - 1 &&
               string.Equals(action[..slash], resourceUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
