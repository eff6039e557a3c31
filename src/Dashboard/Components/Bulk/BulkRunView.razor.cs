using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Bulk;

/// <summary>
/// One bulk change, live: its progress, every VM's result as it happens, cancel while it runs, and retry of the VMs
/// that failed once it has finished (which opens the new bulk change).
/// </summary>
public partial class BulkRunView
{
    private static readonly BulkItemStatus[] s_statuses =
    [
        BulkItemStatus.Running, BulkItemStatus.Pending, BulkItemStatus.Succeeded, BulkItemStatus.Failed,
        BulkItemStatus.OutcomeUnknown, BulkItemStatus.Cancelled, BulkItemStatus.Skipped,
    ];

    private BulkProgressView _view = new(Guid.Empty);
    private BulkItemStatus? _status;
    private bool _loading = true;
    private bool _busy;
    private string? _error;

    [Parameter, EditorRequired]
    public Guid BulkId { get; set; }

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private IEnumerable<BulkItem> ShownItems => _status is { } status ? _view.Items.Where(i => i.Status == status) : _view.Items;

    protected override async Task OnParametersSetAsync()
    {
        if (_view.BulkId == BulkId)
        {
            return;
        }

        _view = new BulkProgressView(BulkId);
        _status = null;
        _loading = true;
        _error = null;
        try
        {
            if (await Bulks.FindAsync(BulkId, Stopping) is not { } bulk)
            {
                _error = $"No bulk change with id {BulkId} is known. It may have been removed from the store.";
                return;
            }

            var items = await Bulks.ItemsAsync(BulkId, Stopping);
            _view.Load(bulk, items);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Disposed while loading.
        }
        catch (Exception ex)
        {
            _error = $"The bulk change could not be read: {ex.Message}";
        }
        finally
        {
            _loading = false;
        }
    }

    protected override bool OnBulkEvent(BulkEvent change) => _view.Apply(change);

    private static int CountOf(BulkJobInfo bulk, BulkItemStatus status) => status switch
    {
        BulkItemStatus.Pending => bulk.Pending,
        BulkItemStatus.Running => bulk.Running,
        BulkItemStatus.Succeeded => bulk.Succeeded,
        BulkItemStatus.Failed => bulk.Failed,
        BulkItemStatus.Skipped => bulk.Skipped,
        BulkItemStatus.Cancelled => bulk.Cancelled,
        BulkItemStatus.OutcomeUnknown => bulk.Unknown,
        _ => 0,
    };

    private void ToggleStatus(BulkItemStatus status) => _status = _status == status ? null : status;

    private Task CancelAsync() => RunAsync(async () => _view.Load(await Bulks.CancelAsync(BulkId, await Operator.NameAsync(), CancellationToken.None), []));

    private Task RetryFailedAsync() => RunAsync(async () =>
    {
        var retry = await Bulks.RetryFailedAsync(BulkId, await Operator.NameAsync(), CancellationToken.None);
        Navigation.NavigateTo(BulkDisplay.Href(retry.Id));
    });

    /// <summary>Runs a cancel or retry; the service's refusal is shown in its words.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (JobRejectedException ex)
        {
            _error = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"The request failed: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }
}
