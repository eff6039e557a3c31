using CheckpointDashboard.Dashboard;
using CheckpointDashboard.Dashboard.Api;
using CheckpointDashboard.Dashboard.Components;
using CheckpointDashboard.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOperatorFile();
builder.WebHost.UseStaticWebAssets();
builder.Services.AddDashboard(builder.Configuration);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapInventoryApi();
app.MapJobsApi();
app.MapAuditApi();
app.MapBulkApi();
app.MapPoliciesApi();
app.MapReportsApi();
app.MapHub<CheckpointDashboard.Dashboard.Hubs.JobsHub>("/hubs/jobs");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>The entry point, public so that tests can host the real app.</summary>
public partial class Program;
