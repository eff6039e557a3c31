using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;

namespace CheckpointDashboard.Tests.Unit.Drills;

/// <summary>
/// The real dashboard as a child process (<c>dotnet CheckpointDashboard.Dashboard.dll</c>, copied next to the tests by the
/// project reference), configured by environment variables only and listening on a free loopback port. Its output is
/// kept (the last lines) for assertion messages; it can be killed as a crash would (SIGKILL), and is killed on dispose.
/// </summary>
internal sealed class DashboardProcess : IAsyncDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private DashboardProcess(Process process, Uri baseAddress, string label)
    {
        _process = process;
        BaseAddress = baseAddress;
        Label = label;
    }

    public Uri BaseAddress { get; }

    /// <summary>Which run this is ("first run", "after the restart"), in output and messages.</summary>
    public string Label { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the dashboard with <paramref name="settings"/> (configuration keys, <c>:</c> separated) in a fresh content root.</summary>
    public static DashboardProcess Start(IReadOnlyDictionary<string, string> settings, string contentRoot, string label)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CheckpointDashboard.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The dashboard is not next to the tests; the project reference should copy it.", dll);
        }

        Directory.CreateDirectory(contentRoot);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(ExternalProcess.Dotnet)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // A content root without appsettings.json and outside the checkout: only the settings below apply.
            WorkingDirectory = contentRoot,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // Nothing inherited from the test run may point the app elsewhere.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                                                               k.StartsWith("CHECKPOINTDASHBOARD_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var dashboard = new DashboardProcess(process, baseAddress, label);
        process.OutputDataReceived += (_, e) => dashboard.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => dashboard.Keep(e.Data is null ? null : "stderr: " + e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("The dashboard process did not start.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return dashboard;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200; fails with the output when the process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard ({Label}) exited with {_process.ExitCode} while starting.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer on a busy machine; try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The dashboard ({Label}) was not healthy within {timeout}.{Environment.NewLine}{Tail()}");
    }

    /// <summary>Ends the process at once, with its children, as SIGKILL does: nothing is flushed, nothing stops cleanly.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for assertion messages.</summary>
    public string Tail(int lines = 60) =>
        $"--- last output of the dashboard ({Label}) ---{Environment.NewLine}" +
        string.Join(Environment.NewLine, _lines.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
