using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>Maps the simulator's WS-Management endpoints onto an ASP.NET Core app.</summary>
public static class WsManEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Answers <c>POST /{host}/wsman</c> for every simulated host (names are case-insensitive; a cluster name answers as
    /// the cluster's active node) and <c>POST /wsman</c> as the first standalone host (or the first host), following
    /// docs/WSMAN.md. Enumeration contexts live as long as the mapping (one store per call).
    /// </summary>
    public static IEndpointConventionBuilder MapSimulatorWsMan(this IEndpointRouteBuilder endpoints, SimulatedFleet fleet, WsManServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(options);
        var handler = new WsManRequestHandler(fleet, options);
        var group = endpoints.MapGroup(string.Empty);
        group.MapPost("/wsman", context => handler.HandleAsync(context, null));
        group.MapPost("/{host}/wsman", context => handler.HandleAsync(context, context.Request.RouteValues["host"] as string));
        return group;
    }
}
