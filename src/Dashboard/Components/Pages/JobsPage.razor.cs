using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// Every job: the open ones live, history filtered through <see cref="IJobService.QueryAsync"/> and kept current as jobs
/// finish, and the details of one job (<c>/jobs?id=…</c>) with the host's own error text. Filters live in the URL.
/// </summary>
public partial class JobsPage
{
    private const int HistoryLimit = 500;

    private JobFilter _filter = JobFilter.None;
    private JobFilter? _loadedFilter;
    private JobHistory _history = JobHistory.Empty;
    private IReadOnlyCollection<JobState> _states = [];
    private IReadOnlyCollection<JobKind> _kinds = [];
    private string[] _hosts = [];
    private JobInfo? _selected;
    private Guid? _shownId;
    private bool _selectedMissing;
    private bool _loading;
    private string? _historyError;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IFleetInventory Inventory { get; init; }

    [SupplyParameterFromQuery(Name = "id")]
    public Guid? Id { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string[]? State { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string[]? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "host")]
    public string? Host { get; set; }

    [SupplyParameterFromQuery(Name = "search")]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "running")]
    public bool Running { get; set; }

    protected override int FinishedLimit => 0;

    private IReadOnlyList<JobInfo> ActiveJobs => [.. Board.Active.Where(_filter.Matches)];

    protected override void OnInitialized()
    {
        _hosts = [.. Inventory.Current.Hosts.Select(h => h.Name).Order(StringComparer.OrdinalIgnoreCase)];
        base.OnInitialized();
    }

    protected override async Task OnParametersSetAsync()
    {
        var states = QueryValues.ParseEnums<JobState>(State).ToHashSet();
        if (!states.SetEquals(_states))
        {
            _states = states;
        }

        var kinds = QueryValues.ParseEnums<JobKind>(Kind).ToHashSet();
        if (!kinds.SetEquals(_kinds))
        {
            _kinds = kinds;
        }

        _filter = new JobFilter { States = states, Kinds = kinds, Host = Host, Search = Search, RunningOnly = Running };
        if (_loadedFilter is null || !SameFilter(_loadedFilter, _filter))
        {
            await LoadHistoryAsync();
        }

        if (Id != _shownId)
        {
            await ShowAsync(Id);
        }
    }

    protected override bool OnJobEvent(JobEvent change)
    {
        var changed = _history.Apply(change.Job);
        if (Id == change.Job.Id)
        {
            _selected = change.Job;
            _selectedMissing = false;
            changed = true;
        }

        return changed;
    }

    private static bool SameFilter(JobFilter a, JobFilter b) =>
        a.States.SetEquals(b.States) && a.Kinds.SetEquals(b.Kinds) && a.Host == b.Host && a.Search == b.Search && a.RunningOnly == b.RunningOnly;

    private async Task LoadHistoryAsync()
    {
        _loadedFilter = _filter;
        if (_filter.RunningOnly)
        {
            _history = JobHistory.Empty;
            return;
        }

        _loading = true;
        try
        {
            var loaded = await Jobs.QueryAsync(_filter.ToQuery(HistoryLimit), Stopping);
            _history = new JobHistory(loaded, _filter, HistoryLimit);
            _historyError = null;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Left the page while loading.
        }
        catch (Exception ex)
        {
            _historyError = $"Job history could not be read: {ex.Message}";
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ShowAsync(Guid? id)
    {
        _shownId = id;
        _selectedMissing = false;
        _selected = id is { } jobId ? Board.Find(jobId) ?? _history.Find(jobId) : null;
        if (id is { } wanted && _selected is null)
        {
            try
            {
                _selected = await Jobs.FindAsync(wanted, Stopping);
                _selectedMissing = _selected is null;
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                // Left the page while loading.
            }
        }
    }

    private static string RowClass(JobInfo job, int index) => job.State == JobState.Failed ? "row-failed" : string.Empty;

    private void OnRowClick(TableRowClickEventArgs<JobInfo> args)
    {
        if (args.Item is { } job)
        {
            Navigate(("id", job.Id.ToString()));
        }
    }

    private void CloseDetails() => Navigate(("id", null));

    private void OnSearchChanged(string? value) => Navigate(("search", string.IsNullOrWhiteSpace(value) ? null : value));

    private void OnHostChanged(string? value) => Navigate(("host", value));

    private void OnRunningChanged(bool value) => Navigate(("running", value ? "true" : null));

    private void OnStatesChanged(IEnumerable<JobState>? values)
    {
        var chosen = values?.ToHashSet() ?? [];
        if (!chosen.SetEquals(_states))
        {
            Navigate(("state", QueryValues.Join(chosen)));
        }
    }

    private void OnKindsChanged(IEnumerable<JobKind>? values)
    {
        var chosen = values?.ToHashSet() ?? [];
        if (!chosen.SetEquals(_kinds))
        {
            Navigate(("kind", QueryValues.Join(chosen)));
        }
    }

    private void ClearFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["state"] = null, ["kind"] = null, ["host"] = null, ["search"] = null, ["running"] = null,
    }));

    /// <summary>Puts one value into the URL; an unchanged value must not navigate, or inputs and page re-render each other.</summary>
    private void Navigate((string Name, string? Value) change)
    {
        var uri = Navigation.GetUriWithQueryParameter(change.Name, change.Value);
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(uri, replace: change.Name != "id");
        }
    }
}
