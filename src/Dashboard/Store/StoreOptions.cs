namespace CheckpointDashboard.Dashboard.Store;

/// <summary>The <c>Store</c> section: where jobs and the audit trail are kept.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>"Sqlite" (the embedded default). PostgreSQL, for several dashboard instances, is not built yet.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder for the SQLite file (and, later, the key ring); relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Overrides the connection string; by default <c>Data Source={DataDirectory}/checkpointdashboard.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
