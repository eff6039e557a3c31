using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// The audit trail: filters in the URL (the same names as the CSV export, so the link downloads what is shown),
/// entries from <see cref="IAuditLog.QueryAsync"/>, newest first.
/// </summary>
public partial class AuditPage : IDisposable
{
    private static readonly string[] s_actions = Enum.GetNames<JobKind>();
    private static readonly string[] s_outcomes = ["Requested", "Completed", "Failed", "Cancelled", "OutcomeUnknown", "Denied"];

    private readonly CancellationTokenSource _stop = new();
    private AuditFilter _filter = new();
    private AuditFilter? _loaded;
    private IReadOnlyList<AuditEntry> _entries = [];
    private bool _loading;
    private string? _error;

    [Inject]
    public required IAuditLog Audit { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "user")]
    public string? User { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = "outcome")]
    public string? Outcome { get; set; }

    [SupplyParameterFromQuery(Name = "search")]
    public string? Search { get; set; }

    /// <summary>First day, "yyyy-MM-dd" (UTC).</summary>
    [SupplyParameterFromQuery(Name = "since")]
    public string? Since { get; set; }

    /// <summary>Last day, "yyyy-MM-dd" (UTC), included.</summary>
    [SupplyParameterFromQuery(Name = "until")]
    public string? Until { get; set; }

    [SupplyParameterFromQuery(Name = "limit")]
    public int? Limit { get; set; }

    private DateTime? FromDate => _filter.From?.ToDateTime(TimeOnly.MinValue);

    private DateTime? ToDate => _filter.To?.ToDateTime(TimeOnly.MinValue);

    private bool IsUnfiltered => _filter with { Limit = AuditFilter.DefaultLimit } == new AuditFilter();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnParametersSetAsync()
    {
        _filter = new AuditFilter
        {
            User = User,
            Action = Action,
            Outcome = Outcome,
            Search = Search,
            From = AuditFilter.ParseDay(Since),
            To = AuditFilter.ParseDay(Until),
            Limit = Limit is > 0 and <= 100_000 ? Limit.Value : AuditFilter.DefaultLimit,
        };
        if (_filter == _loaded)
        {
            return;
        }

        _loaded = _filter;
        _loading = true;
        try
        {
            _entries = await Audit.QueryAsync(_filter.ToQuery(), _stop.Token);
            _error = null;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Left the page while loading.
        }
        catch (Exception ex)
        {
            _error = $"The audit trail could not be read: {ex.Message}";
        }
        finally
        {
            _loading = false;
        }
    }

    private static Color OutcomeColor(string outcome) => outcome switch
    {
        "Completed" => Color.Success,
        "Failed" or "Denied" => Color.Error,
        "OutcomeUnknown" => Color.Warning,
        "Cancelled" => Color.Secondary,
        _ => Color.Default,
    };

    private static string RowClass(AuditEntry entry, int index) => entry.Outcome is "Failed" or "Denied" ? "row-failed" : string.Empty;

    private void OnUserChanged(string? value) => Navigate("user", value);

    private void OnActionChanged(string? value) => Navigate("action", value);

    private void OnOutcomeChanged(string? value) => Navigate("outcome", value);

    private void OnSearchChanged(string? value) => Navigate("search", value);

    private void OnFromChanged(DateTime? value) => Navigate("since", value is { } day ? AuditFilter.FormatDay(DateOnly.FromDateTime(day)) : null);

    private void OnToChanged(DateTime? value) => Navigate("until", value is { } day ? AuditFilter.FormatDay(DateOnly.FromDateTime(day)) : null);

    private void ClearFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["user"] = null, ["action"] = null, ["outcome"] = null, ["search"] = null, ["since"] = null, ["until"] = null,
    }));

    private void Navigate(string name, string? value)
    {
        var uri = Navigation.GetUriWithQueryParameter(name, string.IsNullOrWhiteSpace(value) ? null : value.Trim());
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }
}
