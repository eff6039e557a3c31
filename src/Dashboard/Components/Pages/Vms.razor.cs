using CheckpointDashboard.Dashboard.Components.Dialogs;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// The fleet-wide VM grid. Filters live in the URL (so overview links and bookmarks open a filtered grid), the
/// filtering itself in <see cref="VmGridView"/>, and the grid virtualizes its rows.
/// </summary>
/// <remarks>
/// Built for fleets of tens of thousands of VMs, with one copy of this page per open browser: the rows are the
/// snapshot's own array when nothing is filtered; the cluster and host choices are computed only while their list is
/// open (a select would keep a component per host); new snapshots are drawn at most once per
/// <see cref="SnapshotInterval"/>; and the search box filters after a pause in typing, at once, without waiting for
/// the URL to come back (while the page redraws for every key, a slow answer can overwrite keys typed since).
/// </remarks>
public partial class Vms
{
    /// <summary>The pause after the last key before the search box filters (typing stays cheap until then).</summary>
    internal const int SearchDebounceMs = 150;

    /// <summary>How many clusters or hosts the filter lists show at once; typing narrows them.</summary>
    private const int MaxChoices = 50;

    /// <summary>
    /// The grid redraws for a new snapshot at most this often: a large fleet publishes several a second, and redrawing
    /// each, in every open browser, would keep the server busy for changes nobody can read that fast.
    /// </summary>
    internal static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    private static readonly VmState[] s_states = [VmState.Running, VmState.Off, VmState.Saved, VmState.Paused, VmState.Starting, VmState.Stopping, VmState.Other, VmState.Unknown];
    private static readonly Dictionary<string, object?> s_searchAttributes = new() { ["aria-label"] = "Search virtual machines" };
    private static readonly CheckpointType[] s_types = [CheckpointType.Production, CheckpointType.ProductionOnly, CheckpointType.Standard, CheckpointType.Disabled, CheckpointType.Unknown];

    private HashSet<VirtualMachine> _selected = new(VmIdComparer.Instance);
    private VmGridView _view = VmGridView.Empty;
    private VmFilter _filter = VmFilter.None;
    private VmGrouping _grouping;
    private IReadOnlyCollection<VmState> _states = [];
    private IReadOnlyCollection<CheckpointType> _types = [];
    private UpdateThrottle? _snapshots;
    private bool _holdRender;

    /// <summary>The search text as typed; the filter follows it, the URL is brought into line after.</summary>
    private string? _search;

    /// <summary>Search texts this page put into the URL whose navigation has not come back yet.</summary>
    private readonly List<string?> _searchEchoes = [];

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required BulkHandoff Handoff { get; init; }

    [SupplyParameterFromQuery(Name = "search")]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "cluster")]
    public string? Cluster { get; set; }

    [SupplyParameterFromQuery(Name = "host")]
    public string? Host { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string[]? State { get; set; }

    [SupplyParameterFromQuery(Name = "type")]
    public string[]? Type { get; set; }

    [SupplyParameterFromQuery(Name = "hasCheckpoints")]
    public bool? HasCheckpoints { get; set; }

    [SupplyParameterFromQuery(Name = "minAge")]
    public int? MinAge { get; set; }

    [SupplyParameterFromQuery(Name = "stale")]
    public bool Stale { get; set; }

    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    private string HasCheckpointsText => HasCheckpoints switch
    {
        true => "true",
        false => "false",
        null => "any",
    };

    protected override void OnParametersSet()
    {
        // Multi-selects re-announce their values whenever they get a new collection; hand them a new one only
        // when the URL really changed it, so the page and the selects do not re-render each other.
        var states = ParseEnums<VmState>(State).ToHashSet();
        if (!states.SetEquals(_states))
        {
            _states = states;
        }

        var types = ParseEnums<CheckpointType>(Type).ToHashSet();
        if (!types.SetEquals(_types))
        {
            _types = types;
        }

        // The URL's search text is taken unless it is the echo of one this page wrote (the box may be ahead of it by then).
        var urlSearch = NormalizeSearch(Search);
        var echo = _searchEchoes.IndexOf(urlSearch);
        if (echo >= 0)
        {
            _searchEchoes.RemoveRange(0, echo + 1);
        }
        else
        {
            _search = urlSearch;
        }

        _grouping = Enum.TryParse<VmGrouping>(Group, ignoreCase: true, out var grouping) ? grouping : VmGrouping.None;
        var filter = new VmFilter
        {
            Search = _search,
            Cluster = Cluster,
            Host = Host,
            States = states,
            CheckpointTypes = types,
            HasCheckpoints = HasCheckpoints,
            MinCheckpointAgeDays = MinAge,
            StaleOnly = Stale,
        };

        // Navigations that leave the filter as it is (the echo of the search box, a change of grouping) keep the rows.
        if (!filter.IsSameAs(_filter))
        {
            _filter = filter;
            Rebuild(Snapshot);
        }
    }

    protected override void OnInitialized()
    {
        _snapshots = new UpdateThrottle(Time, SnapshotInterval, () => _ = InvokeAsync(ShowLatestSnapshot));
        base.OnInitialized();
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        if (_snapshots?.TryPass() != false)
        {
            Rebuild(snapshot);
        }
        else
        {
            // Too soon after the last redraw: keep showing it; the throttle calls back with the latest when it is time.
            _holdRender = true;
        }
    }

    protected override bool ShouldRender()
    {
        var render = !_holdRender;
        _holdRender = false;
        return render;
    }

    protected override void OnAfterRender(bool firstRender) => _holdRender = false;

    protected override async ValueTask DisposeCoreAsync()
    {
        _snapshots?.Dispose();
        await base.DisposeCoreAsync();
    }

    private void ShowLatestSnapshot()
    {
        Rebuild(Snapshot);
        StateHasChanged();
    }

    private void Rebuild(FleetSnapshot snapshot)
    {
        _view = VmGridView.Build(snapshot, _filter, Now);

        // Keep the selection on VMs that still exist, with their current data.
        if (_selected.Count > 0)
        {
            _selected = [.. _selected.Select(v => snapshot.FindVm(v.Id)).OfType<VirtualMachine>()];
            _selected = new HashSet<VirtualMachine>(_selected, VmIdComparer.Instance);
        }
    }

    private string GroupKey(VirtualMachine vm) => VmGridView.GroupKey(vm, _grouping);

    private static string RowClass(VirtualMachine vm, int index) => vm.StaleSince is null ? string.Empty : "row-stale";

    private void OnSelectionChanged(HashSet<VirtualMachine> selected)
    {
        // The grid reports its selection on its own renders too; only a real change replaces the set, or the
        // page and the grid would keep re-rendering each other.
        if (!ReferenceEquals(selected, _selected) && !selected.SetEquals(_selected))
        {
            _selected = new HashSet<VirtualMachine>(selected, VmIdComparer.Instance);
        }
    }

    /// <summary>One dialog for the selected VMs, as the grid shows them (their versions go with the requests).</summary>
    private async Task CreateCheckpointsAsync() =>
        await Dialogs.ShowBulkCreateAsync([.. _selected.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)]);

    /// <summary>Opens the bulk page with the selected VMs (too many ids for a URL, so they go through the handoff).</summary>
    private void ChangeSettingsOfSelected()
    {
        Handoff.Give(new VmSelector { VmIds = [.. _selected.Select(v => v.Id)] }, null, "selected in the VM grid");
        Navigation.NavigateTo("/bulk");
    }

    private void ClearSelection() => _selected = new HashSet<VirtualMachine>(VmIdComparer.Instance);

    /// <summary>Filters at once, then puts the text into the URL (whose echo <see cref="OnParametersSet"/> then ignores).</summary>
    private void OnSearchChanged(string? value)
    {
        var search = NormalizeSearch(value);
        if (string.Equals(search, _search, StringComparison.Ordinal))
        {
            return;
        }

        _search = search;
        _filter = _filter with { Search = search };
        Rebuild(Snapshot);
        if (Navigate(("search", search)))
        {
            _searchEchoes.Add(search);
        }
    }

    private static string? NormalizeSearch(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? ClusterLabel(string? cluster) => cluster switch
    {
        null => null,
        "" => "(standalone hosts)",
        _ => cluster,
    };

    private Task<IEnumerable<string>> SearchClustersAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Matching(FleetNames.Clusters(Snapshot), text, ClusterLabel));

    private Task<IEnumerable<string>> SearchHostsAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Matching(FleetNames.Hosts(Snapshot), text, h => h));

    private static IEnumerable<string> Matching(string[] names, string? text, Func<string, string?> label) =>
        string.IsNullOrWhiteSpace(text)
            ? names
            : names.Where(n => label(n)?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) == true);

    private void OnClusterChanged(string? value) => Navigate(("cluster", value));

    private void OnHostChanged(string? value) => Navigate(("host", value));

    private void OnStatesChanged(IEnumerable<VmState>? values)
    {
        var chosen = values?.ToHashSet() ?? [];
        if (!chosen.SetEquals(_states))
        {
            Navigate(("state", chosen.Count > 0 ? chosen.Order().Select(v => v.ToString()).ToArray() : null));
        }
    }

    private void OnTypesChanged(IEnumerable<CheckpointType>? values)
    {
        var chosen = values?.ToHashSet() ?? [];
        if (!chosen.SetEquals(_types))
        {
            Navigate(("type", chosen.Count > 0 ? chosen.Order().Select(v => v.ToString()).ToArray() : null));
        }
    }

    private void OnHasCheckpointsChanged(string? value) => Navigate(("hasCheckpoints", value is "true" or "false" ? value : null));

    private void OnMinAgeChanged(int? value) => Navigate(("minAge", value));

    private void OnStaleChanged(bool value) => Navigate(("stale", value ? true : null));

    private void OnGroupingChanged(VmGrouping value) => Navigate(("group", value == VmGrouping.None ? null : value.ToString()));

    private void ClearFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["search"] = null, ["cluster"] = null, ["host"] = null, ["state"] = null, ["type"] = null,
        ["hasCheckpoints"] = null, ["minAge"] = null, ["stale"] = null,
    }));

    /// <summary>
    /// Puts one filter into the URL (which sets the query parameters and rebuilds the view). Inputs that report an
    /// unchanged value must not navigate, or the page and its inputs would re-render each other without end.
    /// </summary>
    /// <returns>True when the URL changed.</returns>
    private bool Navigate((string Name, object? Value) change)
    {
        var uri = Navigation.GetUriWithQueryParameter(change.Name, change.Value switch
        {
            null => (string?)null,
            string[] array => string.Join(",", array),
            bool b => b ? "true" : "false",
            int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString(),
        });
        if (string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            return false;
        }

        Navigation.NavigateTo(uri, replace: true);
        return true;
    }

    private static IEnumerable<T> ParseEnums<T>(string[]? values)
        where T : struct, Enum =>
        (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var parsed) ? parsed : (T?)null)
            .OfType<T>()
            .Distinct();
}
