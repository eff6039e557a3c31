using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace CheckpointDashboard.Benchmarks.Grid;

/// <summary>
/// Debian's headless Chromium (never a downloaded one) driven by Playwright, signed in to the hosted dashboard, with
/// the VM grid's timings measured as a user sees them: from the navigation or the last keystroke until the rows are on
/// screen.
/// </summary>
internal sealed class GridBrowser : IAsyncDisposable
{
    /// <summary>A data row of the grid: a row with a link to a VM (the "no records" row has none).</summary>
    public const string DataRow = ".vm-grid tbody tr.mud-table-row:has(a[href^='/vms/'])";

    private const string Interactive = ".mud-layout[data-interactive=true]";

    // True once the count above the grid says "Showing <count> of" and the first row contains the search text.
    private const string ShowsFilter = """
        ([count, text]) => {
          const c = document.querySelector('[data-testid=vm-count]');
          if (!c || !c.textContent.replace(/\s+/g, ' ').includes('Showing ' + count + ' of')) return false;
          const row = document.querySelector(".vm-grid tbody tr.mud-table-row");
          return !!row && row.innerText.toLowerCase().includes(text.toLowerCase());
        }
        """;

    // True once the count above the grid shows every VM ("Showing 25,012 of 25,012 VMs").
    private const string ShowsAll = """
        () => {
          const c = document.querySelector('[data-testid=vm-count]');
          const m = c && c.textContent.replace(/\s+/g, ' ').match(/Showing ([\d,]+) of ([\d,]+) VMs/);
          return !!m && m[1] === m[2];
        }
        """;

    // What the grid shows, for an error message.
    private const string Shown = """
        () => {
          const c = document.querySelector('[data-testid=vm-count]');
          const rows = document.querySelectorAll('.vm-grid tbody tr');
          const box = document.querySelector('#vm-search');
          return `count "${c ? c.textContent.replace(/\s+/g, ' ').trim() : '(none)'}", ${rows.length} rows in the body, ` +
            `first "${rows.length ? rows[0].innerText.replace(/\s+/g, ' ') : ''}", search box "${box ? box.value : '(none)'}", ` +
            `interactive ${!!document.querySelector('.mud-layout[data-interactive=true]')}`;
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _baseUrl;
    private string? _state;

    private GridBrowser(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        _baseUrl = baseUrl;
    }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<GridBrowser> LaunchAsync(Uri baseUrl)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install Debian's chromium package (scripts/install-test-deps.sh does) or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return new GridBrowser(playwright, browser, baseUrl.ToString().TrimEnd('/'));
    }

    /// <summary>Signs in through the sign-in page once; every later context starts with its cookies.</summary>
    public async Task SignInAsync(string user, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl });
        context.SetDefaultTimeout(120_000); // the first sign-in compiles the pages; slow on a busy machine
        var page = await context.NewPageAsync();
        // Back to the grid, not to the overview: at 25,000 VMs the overview builds the checkpoint report on every
        // inventory snapshot, which would weigh on the figures measured here.
        await page.GotoAsync("/account/signin?ReturnUrl=%2Fvms", new() { WaitUntil = WaitUntilState.Load });
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        _state = await context.StorageStateAsync();
        await context.CloseAsync();
    }

    /// <summary>A fresh signed-in context (so a page of its own, and a Blazor circuit of its own), with no page loaded.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            StorageState = _state ?? throw new InvalidOperationException("Sign in first."),
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Loads <c>/vms</c> in <paramref name="page"/> and times it from the navigation to the first data row on screen,
    /// then to the live (interactive) grid, then to a data row of the live grid.
    /// </summary>
    public static async Task<LoadTimes> LoadGridAsync(IPage page)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/vms", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(DataRow).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var rows = watch.Elapsed.TotalMilliseconds;
        await page.Locator(Interactive).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(DataRow).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var live = watch.Elapsed.TotalMilliseconds;

        // Where the time went, as the browser saw it: the prerendered document's answer, and the scripts loaded.
        var marks = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd, n.domContentLoadedEventEnd]; }");
        return new LoadTimes(rows, live, marks[0], marks[1]);
    }

    /// <summary>
    /// Navigates inside the running app (the "Virtual machines" menu link, as a user would from another page; the jobs
    /// page, a light one) and times it until the first data row is on screen.
    /// </summary>
    public static async Task<double> NavigateToGridAsync(IPage page)
    {
        await page.GotoAsync("/jobs");
        await page.Locator(Interactive).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Virtual machines", Exact = true });
        var watch = Stopwatch.StartNew();
        await link.ClickAsync();
        await page.Locator(DataRow).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Clears the search box and waits for the whole fleet, then enters <paramref name="text"/>: key by key with
    /// <paramref name="keyDelayMs"/> between keys (a fast typist), or at once (pasted) when it is null. Times it from the
    /// last key until the count shows <paramref name="expected"/> rows and the first row contains the text.
    /// </summary>
    /// <returns>The milliseconds, or null (with what the grid showed on the console) when it never got there.</returns>
    public static async Task<double?> FilterAsync(IPage page, string text, int expected, int? keyDelayMs)
    {
        var box = page.Locator("#vm-search");
        await box.FillAsync(string.Empty);
        await page.WaitForFunctionAsync(ShowsAll, null, new() { Timeout = 60_000 });
        Stopwatch watch;
        if (keyDelayMs is { } delay)
        {
            await box.ClickAsync();
            await box.PressSequentiallyAsync(text, new() { Delay = delay });
            watch = Stopwatch.StartNew();
        }
        else
        {
            watch = Stopwatch.StartNew();
            await box.FillAsync(text);
        }

        try
        {
            await page.WaitForFunctionAsync(ShowsFilter, new object[] { expected.ToString("N0", CultureInfo.InvariantCulture), text }, new() { Timeout = 10_000 });
            return watch.Elapsed.TotalMilliseconds;
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"  After entering \"{text}\" the grid did not show {expected:N0} rows starting with a match within 10 s: {await page.EvaluateAsync<string>(Shown)}.");
            return null;
        }
    }

    /// <summary>
    /// Closes the page as a user closes a tab (its unload handlers run, so Blazor's script tells the server the circuit
    /// is gone), then its context.
    /// </summary>
    public static async Task CloseAsync(IPage page)
    {
        await page.CloseAsync(new() { RunBeforeUnload = true });
        await page.Context.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>
    /// Milliseconds from the navigation to the first data row on screen and to a data row of the live grid; and, from the
    /// browser's own clock, to the end of the (prerendered) document and to the document ready.
    /// </summary>
    public readonly record struct LoadTimes(double FirstRows, double LiveRows, double Document, double DomReady);
}
