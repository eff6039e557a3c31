using System.Diagnostics;
using System.Text;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>Runs a command-line tool to its end with a bounded wait, closed standard input and captured output.</summary>
internal static class ExternalProcess
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The dotnet host running the tests (set by the SDK), else <c>dotnet</c> on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessStartInfo StartInfo(string fileName, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs to exit within <see cref="TestTimeouts.Long"/> (killed otherwise); returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        var token = TestContext.Current.CancellationToken;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        try
        {
            // Closed input: a tool that wants to prompt reads end-of-file instead of waiting for a user.
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(token);
            var error = process.StandardError.ReadToEndAsync(token);
            await process.WaitForExitAsync(token).WaitAsync(TestTimeouts.Long, token);
            return (process.ExitCode, await output.WaitAsync(TestTimeouts.Short, token), await error.WaitAsync(TestTimeouts.Short, token));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A description of a run for assertion messages.</summary>
    public static string Describe((int ExitCode, string Output, string Error) run) =>
        new StringBuilder().Append("exit ").Append(run.ExitCode).AppendLine().Append("stdout: ").AppendLine(run.Output).Append("stderr: ").Append(run.Error).ToString();
}
