using CheckpointDashboard.Dashboard;
using CheckpointDashboard.Dashboard.Api;
using CheckpointDashboard.Dashboard.Components;
using CheckpointDashboard.Dashboard.Hosting;
using CheckpointDashboard.Dashboard.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddOperatorFile();
builder.WebHost.UseStaticWebAssets();
builder.Services.AddDashboard(builder.Configuration);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// The whole pipeline, in order (routing is added first, implicitly, by WebApplication):
//   exception handler (not in Development)
//   → UseHardening: security headers (CSP and others, on every answer) → forwarded headers (Hardening:BehindProxy)
//     → HSTS → HTTPS redirection (both only when listening beyond loopback) → request body limit (413)
//   → authentication → rate limits (after authentication: the API limit counts per user; before authorization: refused
//     attempts count too) → forced password change → authorization → antiforgery → endpoints.
CheckpointDashboard.Dashboard.Hosting.Hardening.HardeningApplicationBuilderExtensions.UseHardening(app);

// Order: authentication, then the forced change of a one-time password, then authorization (every endpoint without a
// policy of its own needs a signed-in user: the fallback policy), then antiforgery for the forms.
app.UseAuthentication();
CheckpointDashboard.Dashboard.Hosting.Hardening.HardeningApplicationBuilderExtensions.UseHardeningRateLimits(app);
app.UseForcedPasswordChange();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAccount();
CheckpointDashboard.Dashboard.Security.Oidc.OidcEndpoints.MapOidcSignIn(app);
app.MapInventoryApi();
app.MapJobsApi();
app.MapAuditApi();
app.MapBulkApi();
app.MapPoliciesApi();
app.MapReportsApi();
CheckpointDashboard.Dashboard.Credentials.CredentialsApi.MapCredentialsApi(app);
app.MapHub<CheckpointDashboard.Dashboard.Hubs.JobsHub>("/hubs/jobs");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>The entry point, public so that tests can host the real app.</summary>
public partial class Program;
