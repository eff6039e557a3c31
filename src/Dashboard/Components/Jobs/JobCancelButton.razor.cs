using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Jobs;

/// <summary>Cancels a job when the service says it can be cancelled; a refusal is shown, not thrown.</summary>
public partial class JobCancelButton
{
    private bool _busy;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IJobService Jobs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public JobInfo Job { get; set; } = null!;

    private async Task CancelAsync()
    {
        _busy = true;
        try
        {
            // Not tied to the component's lifetime: a cancel request that was sent should reach the service.
            await Jobs.CancelAsync(Job.Id, await Operator.NameAsync(), CancellationToken.None);
            Snackbar.Add($"Cancelling: {JobDisplay.Summary(Job)}.", Severity.Info);
        }
        catch (JobRejectedException ex)
        {
            Snackbar.Add($"Could not cancel: {ex.Message}", Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add($"Could not cancel: {ex.Message}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
