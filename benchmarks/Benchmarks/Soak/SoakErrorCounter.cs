using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CheckpointDashboard.Benchmarks.Soak;

/// <summary>
/// Counts what the soak calls unhandled errors: error-level log entries from anywhere in the dashboard (it is added as a
/// logging provider), task exceptions nobody observed, and exceptions that reach the top of a thread. Keeps the first
/// few for the summary; counts warnings too, for context (a flapping host logs warnings by design).
/// </summary>
internal sealed class SoakErrorCounter : ILoggerProvider
{
    private const int MaxExamples = 10;
    private readonly ConcurrentQueue<string> _examples = new();
    private int _logged;
    private int _warnings;
    private int _unobserved;
    private int _unhandled;

    public SoakErrorCounter()
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
    }

    /// <summary>Error and critical log entries.</summary>
    public int Logged => Volatile.Read(ref _logged);

    public int Warnings => Volatile.Read(ref _warnings);

    public int Unobserved => Volatile.Read(ref _unobserved);

    public int Unhandled => Volatile.Read(ref _unhandled);

    public int Total => Logged + Unobserved + Unhandled;

    public IReadOnlyCollection<string> Examples => _examples;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandled;
    }

    private void Record(ref int counter, string example)
    {
        Interlocked.Increment(ref counter);
        if (_examples.Count < MaxExamples)
        {
            _examples.Enqueue(example);
        }
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) =>
        Record(ref _unobserved, $"Unobserved task exception: {e.Exception.GetBaseException().GetType().Name}: {e.Exception.GetBaseException().Message}");

    private void OnUnhandled(object sender, UnhandledExceptionEventArgs e)
    {
        Record(ref _unhandled, $"Unhandled exception: {e.ExceptionObject}");
        Console.Error.WriteLine($"Unhandled exception (the process may end): {e.ExceptionObject}");
    }

    private sealed class Logger(SoakErrorCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref owner._warnings);
            }
            else if (IsEnabled(logLevel))
            {
                var error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
                owner.Record(ref owner._logged, $"{logLevel} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}
