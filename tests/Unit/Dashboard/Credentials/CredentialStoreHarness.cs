using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Credentials;

/// <summary>
/// A <see cref="ProtectedCredentialStore"/> on a temporary folder with a real key ring on disk (as the app keeps it), the
/// configuration's credentials, a fleet, a fake audit log, a fake clock and every log line captured. Deletes the folder.
/// </summary>
internal sealed class CredentialStoreHarness : IDisposable
{
    public const string Secret = "Pa55-w0rd!Zebra#91";

    private readonly ILoggerFactory _loggers;

    public CredentialStoreHarness(Dictionary<string, string?>? configuration = null, string? folder = null)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "cpd-tests", "credentials-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? []).Build();
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Store = NewStore(KeyDirectory);
    }

    public string Folder { get; }

    public string KeyDirectory => Path.Combine(Folder, "keys");

    public string FilePath => Path.Combine(Folder, ProtectedCredentialStore.FileName);

    public IConfiguration Configuration { get; }

    public FleetOptions Fleet { get; } = new();

    public FakeAuditLog Audit { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CapturingLoggerProvider Logs { get; } = new();

    public ProtectedCredentialStore Store { get; }

    /// <summary>Another store on the same file, with the key ring in <paramref name="keyDirectory"/> (a new process, say).</summary>
    public ProtectedCredentialStore NewStore(string keyDirectory) => new(
        new ConfigurationCredentialStore(Configuration),
        Configuration,
        FilePath,
        keyDirectory,
        DataProtectionProvider.Create(new DirectoryInfo(keyDirectory), b => b.SetApplicationName(CredentialsServiceCollectionExtensions.ApplicationName)),
        () => Fleet,
        Audit,
        Clock,
        _loggers.CreateLogger<ProtectedCredentialStore>());

    public void Dispose()
    {
        Store.Dispose();
        _loggers.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
