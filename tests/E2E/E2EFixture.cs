using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Xunit;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>
/// The real dashboard on a loopback Kestrel port and one headless Chromium (Debian's, never a downloaded one),
/// shared by every E2E test.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string AdminUser = "e2e-admin";
    public const string AdminPassword = "E2e-admin-password-1";

    private readonly DashboardApp _app = new();
    private string? _adminState;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public IFleetInventory Inventory => _app.Services.GetRequiredService<IFleetInventory>();

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install Debian's chromium package (scripts/install-test-deps.sh does) or set CHROMIUM_PATH.");
        }

        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await WaitForFirstReadAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
        _adminState = await SignInStateAsync(AdminUser, AdminPassword);
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Signs in through the sign-in page in a throw-away browser context and returns its cookies (Playwright's storage
    /// state), so that each test's fresh context starts signed in without typing the password again.
    /// </summary>
    public async Task<string> SignInStateAsync(string user, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();

        // A busy CI machine (unit tests and this app sharing two cores) can be slow to answer the first sign-in; try
        // twice, and say what the page showed if it still did not let us in.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/account/signin", new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            await page.Locator("#username").FillAsync(user);
            await page.Locator("#password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal), new() { Timeout = 60_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                // Once more from a fresh form.
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Signing in as {user} did not leave the sign-in page ({page.Url}): {await page.InnerTextAsync("body")}", ex);
            }
        }

        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    /// <summary>
    /// A fresh page in its own context, signed in (as the administrator unless <paramref name="signedIn"/> gives another
    /// user's state), waiting until Blazor is interactive (clicks before that are lost).
    /// </summary>
    public async Task<IPage> OpenAsync(string path, string? signedIn = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            StorageState = signedIn ?? _adminState,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator(".mud-layout[data-interactive=true]")).ToBeAttachedAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    private async Task WaitForFirstReadAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var snapshot in Inventory.WatchAsync(cts.Token))
        {
            if (snapshot.Hosts.Length > 0 && snapshot.Hosts.All(h => h.State == HostState.Online))
            {
                return;
            }
        }
    }

    private sealed class DashboardApp : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Simulator:Seed"] = "42",
                ["Simulator:Speed"] = "10",
                ["Jobs:PollInterval"] = "00:00:00.200",
                ["Store:DataDirectory"] = Path.Combine(Path.GetTempPath(), "cpd-e2e", Guid.NewGuid().ToString("N")),
                ["Auth:BootstrapAdmin:UserName"] = AdminUser,
                ["Auth:BootstrapAdmin:Password"] = AdminPassword,
            }));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "E2E";
}
