using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// A report service for pages: the real report engine over the test's inventory and clock (no folder listings, no
/// store), every filter it was asked for recorded, a history the test gives, and rules saved in memory.
/// </summary>
internal sealed class FakeReportService(IFleetInventory inventory, TimeProvider time) : IReportService
{
    private readonly Lock _gate = new();
    private readonly List<ReportFilter?> _builds = [];
    private readonly List<(ReportRules Rules, string User)> _saves = [];

    public event EventHandler? RulesChanged;

    public ReportRules Rules { get; private set; } = ReportRules.Default;

    public int Version { get; set; }

    public ReportRulesState RulesState => new(Rules, Version, Version == 0 ? null : "local", null);

    /// <summary>What HistoryAsync returns (filtered to the days asked for).</summary>
    public List<InventorySummary> History { get; } = [];

    public IReadOnlyList<ReportFilter?> Builds
    {
        get
        {
            lock (_gate)
            {
                return [.. _builds];
            }
        }
    }

    public IReadOnlyList<(ReportRules Rules, string User)> Saves
    {
        get
        {
            lock (_gate)
            {
                return [.. _saves];
            }
        }
    }

    public CheckpointReport Build(ReportFilter? filter = null)
    {
        lock (_gate)
        {
            _builds.Add(filter);
        }

        if (filter?.Validate() is { Count: > 0 } errors)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }

        return CheckpointReporter.Build(inventory.Current, Rules, time.GetUtcNow(), filter);
    }

    public Task<ReportRules> SaveRulesAsync(ReportRules rules, string user, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (rules.Validate() is { Count: > 0 } errors)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }

        lock (_gate)
        {
            _saves.Add((rules, user));
            if (expectedVersion is { } expected && expected != Version)
            {
                throw new JobRejectedException(JobRejection.Conflict, $"The rules were changed by someone else (version {Version}); you edited version {expected}.");
            }

            Rules = rules;
            Version++;
        }

        RulesChanged?.Invoke(this, EventArgs.Empty);
        return Task.FromResult(rules);
    }

    public Task<IReadOnlyList<InventorySummary>> HistoryAsync(int days, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-days);
        return Task.FromResult<IReadOnlyList<InventorySummary>>([.. History.Where(h => h.At >= since)]);
    }
}
