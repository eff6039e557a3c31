using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// The guided bulk change of checkpoint settings: select VMs (by filters, or handed over from the grid or a policy's
/// remediation), choose the settings, preview every VM (nothing touches a host), confirm, and follow the run at
/// <c>/bulk/{id}</c>. Changing any input discards the preview, so what is confirmed is always what was previewed.
/// </summary>
public partial class BulkPage
{
    private SelectorForm _selection = new();
    private TargetForm _target = new() { CheckpointType = CheckpointType.Production };
    private string? _origin;
    private BulkPreview? _preview;
    private List<string> _errors = [];
    private bool _confirming;
    private bool _confirmAll;
    private bool _selectsEverything;
    private bool _starting;
    private string[] _clusters = [];
    private string[] _hosts = [];

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IBulkService Bulks { get; init; }

    [Inject]
    public required BulkHandoff Handoff { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<BulkOptions> Options { get; init; }

    private int MaxAtOnce => Options.Value.MaxConcurrent;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        if (Handoff.Take() is { } offer)
        {
            _selection = SelectorForm.From(offer.Selector);
            _origin = offer.Origin;
            if (offer.Target is { } target)
            {
                _target = TargetForm.From(target);
            }
        }
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        _clusters = FleetNames.Clusters(snapshot);
        _hosts = FleetNames.Hosts(snapshot);
    }

    private void OnFormChanged()
    {
        _preview = null;
        _confirming = false;
        _confirmAll = false;
        _errors = [];
    }

    private async Task PreviewChangeAsync()
    {
        OnFormChanged();
        var selector = _selection.ToSelector();
        var target = _target.ToTarget();
        _errors = [.. selector.Validate(), .. target.Validate()];
        if (_errors.Count > 0)
        {
            return;
        }

        try
        {
            _preview = await Bulks.PreviewAsync(new BulkRequest(selector, target), await Operator.NameAsync(), CancellationToken.None);
            _selectsEverything = selector.SelectsEverything;
        }
        catch (JobRejectedException ex)
        {
            _errors = [ex.Message];
        }
    }

    private async Task StartAsync()
    {
        _starting = true;
        try
        {
            // Not tied to the page: once sent, the bulk change either starts or is refused, and the operator must learn which.
            var bulk = await Bulks.StartAsync(new BulkRequest(_selection.ToSelector(), _target.ToTarget()), await Operator.NameAsync(), CancellationToken.None);
            Navigation.NavigateTo(BulkDisplay.Href(bulk.Id));
        }
        catch (JobRejectedException ex)
        {
            _errors = [ex.Message];
            _confirming = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _errors = [$"The bulk change could not be started: {ex.Message}"];
            _confirming = false;
        }
        finally
        {
            _starting = false;
        }
    }
}
