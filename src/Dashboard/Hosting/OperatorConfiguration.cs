namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>
/// Finds the operator's <c>appsettings.json</c>: the file named by <c>--ConfigFile</c> (or the environment variable
/// <c>CHECKPOINTDASHBOARD_CONFIGFILE</c>), else the one in the content root, else the one at the root of a source
/// checkout (next to <c>CheckpointDashboard.sln</c>), so <c>dotnet run --project src/Dashboard</c> reads it from anywhere.
/// </summary>
public static class OperatorConfiguration
{
    public const string FileKey = "ConfigFile";

    public static void AddOperatorFile(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var explicitFile = builder.Configuration[FileKey] ?? Environment.GetEnvironmentVariable("CHECKPOINTDASHBOARD_CONFIGFILE");
        if (!string.IsNullOrWhiteSpace(explicitFile))
        {
            var full = Path.GetFullPath(explicitFile);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"The configuration file given by {FileKey} does not exist: {full}", full);
            }

            Insert(builder, full);
            return;
        }

        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            return;
        }

        if (FindCheckoutFile(builder.Environment.ContentRootPath) is { } found)
        {
            Insert(builder, found);
        }
    }

    private static string? FindCheckoutFile(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "appsettings.json");
            if (File.Exists(Path.Combine(dir.FullName, "CheckpointDashboard.sln")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // The operator's file goes right after the defaults, below environment variables and the command line,
    // so those still override it as usual.
    private static void Insert(WebApplicationBuilder builder, string path)
    {
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var index = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource)
            {
                index = i + 1;
            }
        }

        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!),
        };
        sources.Insert(index, source);
    }
}
