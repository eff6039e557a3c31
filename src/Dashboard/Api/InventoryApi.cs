using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.HostConnector.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>Read-only inventory endpoints under <c>/api/v1</c>, served from the in-memory snapshot (never from hosts).</summary>
public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Inventory").RequireAuthorization(RightPolicies.View);
        api.MapGet("/vms", (IFleetInventory inventory, string? host, string? cluster) =>
            inventory.Current.Vms
                .Where(vm => host is null || string.Equals(vm.Host, host, StringComparison.OrdinalIgnoreCase))
                .Where(vm => cluster is null || string.Equals(vm.Cluster, cluster, StringComparison.OrdinalIgnoreCase))
                .Select(VmDto.From));
        api.MapGet("/vms/{vmId:guid}", Results<Ok<VmDto>, NotFound<ProblemMessage>> (IFleetInventory inventory, Guid vmId) =>
            inventory.Current.FindVm(vmId) is { } vm
                ? TypedResults.Ok(VmDto.From(vm))
                : TypedResults.NotFound(new ProblemMessage($"No VM with id {vmId} is in the inventory.")));
        api.MapGet("/checkpoints", (IFleetInventory inventory, Guid? vmId) =>
            inventory.Current.Vms
                .Where(vm => vmId is null || vm.Id == vmId)
                .SelectMany(vm => vm.Checkpoints.Select(c => CheckpointDto.From(vm, c))));
        api.MapGet("/hosts", (IFleetInventory inventory) => inventory.Current.Hosts);
        api.MapGet("/clusters", (IFleetInventory inventory) => inventory.Current.Clusters);
        api.MapPost("/refresh", async Task<Results<Accepted, NotFound<ProblemMessage>>> (IFleetInventory inventory, string? name, CancellationToken cancellationToken) =>
        {
            try
            {
                await inventory.RefreshAsync(name, cancellationToken);
                return TypedResults.Accepted((string?)null);
            }
            catch (KeyNotFoundException ex)
            {
                return TypedResults.NotFound(new ProblemMessage(ex.Message));
            }
        });
        return endpoints;
    }
}
