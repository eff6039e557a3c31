using System.Diagnostics;

namespace CheckpointDashboard.Benchmarks.Soak;

/// <summary>
/// A signed-in user who keeps the dashboard open: loads a page or an API answer every second, in turn, and records how
/// each went. Keeps running totals only, so its own memory does not grow with the soak's length.
/// </summary>
internal sealed class SoakClient(HttpClient http)
{
    private static readonly string[] s_paths = ["/", "/vms", "/hosts", "/jobs", "/api/v1/vms", "/api/v1/hosts", "/api/v1/jobs"];
    private readonly Lock _gate = new();
    private int _loads;
    private int _failures;
    private double _totalMs;
    private double _maxMs;
    private string? _lastFailure;

    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Loads that failed: an error status, a broken connection or no answer within the client's timeout.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public string? LastFailure => _lastFailure;

    public string Describe()
    {
        lock (_gate)
        {
            return _loads == 0 ? "no loads" : $"{_loads} loads, mean {_totalMs / _loads:F0} ms, max {_maxMs:F0} ms";
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            for (var i = 0; await timer.WaitForNextTickAsync(cancellationToken); i++)
            {
                var path = s_paths[i % s_paths.Length];
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Fail($"{path}: HTTP {(int)response.StatusCode}");
                        continue;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Fail($"{path}: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                lock (_gate)
                {
                    _loads++;
                    _totalMs += watch.Elapsed.TotalMilliseconds;
                    _maxMs = Math.Max(_maxMs, watch.Elapsed.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Fail(string what)
    {
        Interlocked.Increment(ref _failures);
        _lastFailure = what;
    }
}
