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
public partial class Vms
{
    private static readonly VmState[] s_states = [VmState.Running, VmState.Off, VmState.Saved, VmState.Paused, VmState.Starting, VmState.Stopping, VmState.Other, VmState.Unknown];
    private static readonly CheckpointType[] s_types = [CheckpointType.Production, CheckpointType.ProductionOnly, CheckpointType.Standard, CheckpointType.Disabled, CheckpointType.Unknown];

    private HashSet<VirtualMachine> _selected = new(VmIdComparer.Instance);
    private VmGridView _view = VmGridView.Empty;
    private VmFilter _filter = VmFilter.None;
    private VmGrouping _grouping;
    private IReadOnlyCollection<VmState> _states = [];
    private IReadOnlyCollection<CheckpointType> _types = [];
    private string[] _clusters = [];
    private string[] _hosts = [];

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

        _grouping = Enum.TryParse<VmGrouping>(Group, ignoreCase: true, out var grouping) ? grouping : VmGrouping.None;
        _filter = new VmFilter
        {
            Search = Search,
            Cluster = Cluster,
            Host = Host,
            States = states,
            CheckpointTypes = types,
            HasCheckpoints = HasCheckpoints,
            MinCheckpointAgeDays = MinAge,
            StaleOnly = Stale,
        };
        Rebuild(Snapshot);
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        _clusters = FleetNames.Clusters(snapshot);
        _hosts = FleetNames.Hosts(snapshot);
        Rebuild(snapshot);
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

    private void OnSearchChanged(string? value) => Navigate(("search", string.IsNullOrWhiteSpace(value) ? null : value));

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
    private void Navigate((string Name, object? Value) change)
    {
        var uri = Navigation.GetUriWithQueryParameter(change.Name, change.Value switch
        {
            null => (string?)null,
            string[] array => string.Join(",", array),
            bool b => b ? "true" : "false",
            int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString(),
        });
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private static IEnumerable<T> ParseEnums<T>(string[]? values)
        where T : struct, Enum =>
        (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var parsed) ? parsed : (T?)null)
            .OfType<T>()
            .Distinct();
}
