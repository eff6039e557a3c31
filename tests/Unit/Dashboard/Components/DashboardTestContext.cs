using Bunit;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>
/// A bUnit context with MudBlazor (loose JS interop, no transitions), a fake inventory and a fake clock.
/// MudBlazor 9 services must be disposed asynchronously; xunit v3 calls <see cref="BunitContext.DisposeAsync"/>.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext(FleetSnapshot initial)
    {
        Inventory = new FakeFleetInventory(initial);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.PopoverOptions.Duration = TimeSpan.Zero;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddSingleton<IFleetInventory>(Inventory);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Fleets.Now.AddSeconds(5)));
        Render<MudPopoverProvider>();
    }

    internal FakeFleetInventory Inventory { get; }
}
