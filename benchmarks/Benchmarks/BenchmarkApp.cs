using System.Globalization;
using System.Text.RegularExpressions;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CheckpointDashboard.Benchmarks;

/// <summary>
/// The real dashboard for the end-to-end scenarios: Kestrel on a loopback port, the given configuration on top of the
/// app's own, and a bootstrap administrator the scenario signs in as. Dispose it to stop the server.
/// </summary>
internal sealed partial class BenchmarkApp : WebApplicationFactory<Program>
{
    public const string UserName = "benchmark";
    public const string Password = "Benchmark-password-1";

    private readonly Dictionary<string, string?> _settings;

    private BenchmarkApp(Dictionary<string, string?> settings) => _settings = settings;

    /// <summary>Starts the dashboard on a loopback port with <paramref name="settings"/>; its address is <c>ClientOptions.BaseAddress</c>.</summary>
    public static BenchmarkApp Start(Dictionary<string, string?> settings)
    {
        // WebApplicationFactory finds the dashboard's content root through MvcTestingAppManifest.json, read relative to
        // the working directory; `dotnet run` starts in the repository root.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        settings["Auth:BootstrapAdmin:UserName"] = UserName;
        settings["Auth:BootstrapAdmin:Password"] = Password;
        var app = new BenchmarkApp(settings);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>A fresh store folder under <c>--store-dir</c> (default: the temp folder), for <see cref="DeleteStore"/> at the end.</summary>
    public static string NewStoreDirectory(string[] args, string scenario)
    {
        var index = Array.IndexOf(args, "--store-dir");
        var root = index >= 0 && index + 1 < args.Length ? args[index + 1] : Path.GetTempPath();
        return Path.Combine(root, $"cpd-bench-{scenario}", Guid.NewGuid().ToString("N"));
    }

    public static void DeleteStore(string store)
    {
        try
        {
            Directory.Delete(store, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; a leftover folder in temp is harmless.
        }
    }

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && T.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>
    /// Signs <paramref name="http"/> in through the sign-in form (its antiforgery token read from the page), as a browser
    /// does; its cookies then carry the session.
    /// </summary>
    /// <exception cref="InvalidOperationException">The API still refuses the client afterwards.</exception>
    public static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = UserName,
            ["Input.Password"] = Password,
        });
        using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), content);
        using var check = await http.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative));
        if (!check.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The benchmark could not sign in (sign-in answered {(int)response.StatusCode}, the API {(int)check.StatusCode}).");
        }
    }

    /// <summary>The first inventory snapshot that meets <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">None did within <paramref name="timeout"/>.</exception>
    public static async Task<FleetSnapshot> WaitAsync(IFleetInventory inventory, Func<FleetSnapshot, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await foreach (var snapshot in inventory.WatchAsync(cts.Token))
        {
            if (condition(snapshot))
            {
                return snapshot;
            }
        }

        throw new TimeoutException("The inventory did not get there in time.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
