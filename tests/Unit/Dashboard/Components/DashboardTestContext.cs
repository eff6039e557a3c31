using Microsoft.AspNetCore.Components;
using Bunit;
using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>
/// A bUnit context with MudBlazor (loose JS interop, no transitions, popover and dialog providers rendered), a fake
/// inventory, fake job service, audit log, bulk service and policy store, and a fake clock.
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
        Services.AddSingleton<IJobService>(JobService);
        Services.AddSingleton<IAuditLog>(AuditLog);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IBulkService>(Bulks);
        Services.AddSingleton<IPolicyStore>(Policies);
        Services.AddSingleton(Handoff);
        Reports = new FakeReportService(Inventory, Clock);
        Services.AddSingleton<IReportService>(Reports);
        Services.AddSingleton(Options.Create(new BulkOptions()));
        Services.AddSingleton<IUserAccess>(new AllowEveryone());
        Services.AddScoped<CurrentOperator>();

        // Signed in as "local" with every right; tests of hidden controls narrow the policies.
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(TestAuthentication.DefaultUser);
        Authorization.SetPolicies([.. Enum.GetValues<Right>().Where(r => r is not (Right.None or Right.All)).Select(RightPolicies.For)]);
        // The pages run interactively (Blazor Server); LiveComponentBase follows no feed while prerendering.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    internal FakeFleetInventory Inventory { get; }

    internal UiFakeJobService JobService { get; } = new();

    /// <summary>The app's clock; MudBlazor's debounced inputs run on it too, so advance it to let them fire.</summary>
    internal FakeTimeProvider Clock { get; } = new(Fleets.Now.AddSeconds(5));

    internal UiFakeAuditLog AuditLog { get; } = new();

    internal FakeBulkService Bulks { get; } = new();

    internal FakePolicyStore Policies { get; } = new();

    internal FakeReportService Reports { get; }

    /// <summary>Who is signed in and which right policies they meet.</summary>
    internal Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>The circuit's handoff to the bulk page (scoped in the app; one per test here).</summary>
    internal BulkHandoff Handoff { get; } = new();

    /// <summary>Where menus, selects and tooltips render.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Where dialogs render.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; }
}
