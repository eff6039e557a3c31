using CheckpointDashboard.Dashboard.Components.Reports;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// The fleet-wide checkpoint audit: key figures, rule counts, charts, trends, findings and the roll-ups down to single
/// checkpoints. Filters live in the URL (the exports take the same query, so a download holds what the page shows).
/// The report is built from the inventory, never from hosts; it is rebuilt when the inventory changes, at most every
/// <see cref="RebuildInterval"/>, so a busy fleet does not rebuild it on every refresh of every host.
/// </summary>
public partial class ReportsPage
{
    private static readonly TimeSpan RebuildInterval = TimeSpan.FromSeconds(5);
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private ReportFilter _filter = ReportFilter.None;
    private string _query = string.Empty;
    private CheckpointReport? _report;
    private List<(string Rule, int Count)> _byRule = [];
    private DateTimeOffset _builtAt = DateTimeOffset.MinValue;
    private bool _newer;
    private string? _error;
    private string[] _clusters = [];
    private string[] _hosts = [];
    private TrendPanel? _trend;

    [Inject]
    public required IReportService Reports { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [SupplyParameterFromQuery(Name = "cluster")]
    public string[]? Cluster { get; set; }

    [SupplyParameterFromQuery(Name = "host")]
    public string[]? Host { get; set; }

    [SupplyParameterFromQuery(Name = "vm")]
    public string? Vm { get; set; }

    [SupplyParameterFromQuery(Name = "severity")]
    public string? MinimumSeverity { get; set; }

    [SupplyParameterFromQuery(Name = "rule")]
    public string[]? Rule { get; set; }

    [SupplyParameterFromQuery(Name = "onlyFindings")]
    public bool OnlyFindings { get; set; }

    protected override void OnInitialized()
    {
        Reports.RulesChanged += OnRulesChanged;
        base.OnInitialized();
    }

    protected override ValueTask DisposeCoreAsync()
    {
        Reports.RulesChanged -= OnRulesChanged;
        return base.DisposeCoreAsync();
    }

    protected override void OnParametersSet()
    {
        var filter = ReportQuery.Parse(Cluster, Host, Vm, MinimumSeverity, Rule, OnlyFindings);
        var query = ReportQuery.QueryString(filter);

        // The multi-selects hand back new collections on their own renders; rebuild only when the URL really changed.
        if (_report is null || !string.Equals(query, _query, StringComparison.Ordinal))
        {
            _filter = filter;
            _query = query;
            Rebuild();
        }
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        _clusters = FleetNames.Clusters(snapshot);
        _hosts = FleetNames.Hosts(snapshot);
        if (_report is null)
        {
            return;
        }

        if (Now - _builtAt >= RebuildInterval)
        {
            Rebuild();
        }
        else
        {
            _newer = snapshot.Version != _report.SnapshotVersion;
        }
    }

    private void Rebuild()
    {
        try
        {
            _report = Reports.Build(_filter);
            _byRule = [.. _report.Findings.GroupBy(f => f.RuleId).Select(g => (g.Key, g.Count()))
                .OrderBy(r => ReportRuleIds.All.IndexOf(r.Key))];
            _error = null;
        }
        catch (JobRejectedException ex)
        {
            _error = ex.Message;
        }

        _builtAt = Now;
        _newer = false;
        _ = _trend?.ReloadAsync();
    }

    private void OnRulesChanged(object? sender, EventArgs e) => _ = InvokeAsync(() =>
    {
        Rebuild();
        StateHasChanged();
    });

    private void ToggleRule(string rule) => Navigate(_filter with
    {
        RuleIds = _filter.RuleIds.Contains(rule) ? _filter.RuleIds.Remove(rule) : _filter.RuleIds.Add(rule),
    });

    private string ClusterHref(ReportRollUp group) =>
        "/reports" + ReportQuery.QueryString(_filter with { Clusters = [group.Cluster ?? string.Empty], Hosts = [] });

    private string HostHref(ReportRollUp group) => "/reports" + ReportQuery.QueryString(_filter with { Hosts = [group.Name] });

    private void Navigate(ReportFilter filter)
    {
        var uri = Navigation.GetUriWithQueryParameters(ReportQuery.Parameters(filter));
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    private async Task EditRulesAsync()
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true, BackdropClick = false };
        await Dialogs.ShowAsync<RulesDialog>("Report rules", new DialogParameters<RulesDialog> { { d => d.State, Reports.RulesState } }, options);
    }
}
