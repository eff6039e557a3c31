using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Components.Jobs;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// A dialog that submits a job: it sends the request through <see cref="IJobService.SubmitAsync"/>, shows a refusal
/// inline (the dialog stays open, nothing was sent to any host), and on acceptance closes with the job and says so in
/// a snackbar that links to the job.
/// </summary>
public abstract class JobDialogBase : ComponentBase
{
    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = null!;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IJobService Jobs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>True while a request is on its way.</summary>
    protected bool Busy { get; private set; }

    /// <summary>The job service's refusal, in its words; null when there is none.</summary>
    protected string? Rejection { get; private set; }

    protected JobRejection? RejectionReason { get; private set; }

    protected void Cancel() => Dialog.Cancel();

    /// <summary>Submits <paramref name="request"/>; the accepted job, or null when it was refused (shown inline).</summary>
    protected async Task<JobInfo?> TrySubmitAsync(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Busy = true;
        ClearRejection();
        try
        {
            // Not tied to the dialog: once sent, a request is either accepted or refused, and the operator must learn which.
            return await Jobs.SubmitAsync(request, await Operator.NameAsync(), CancellationToken.None);
        }
        catch (JobRejectedException ex)
        {
            Rejection = ex.Message;
            RejectionReason = ex.Reason;
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Rejection = $"The request could not be submitted: {ex.Message}";
            RejectionReason = null;
            return null;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Submits <paramref name="request"/>, and on acceptance announces the job and closes with it.</summary>
    protected async Task SubmitAsync(JobRequest request)
    {
        if (await TrySubmitAsync(request) is { } job)
        {
            Announce($"{JobDisplay.Summary(job)}…", JobDisplay.Href(job.Id));
            Dialog.Close(DialogResult.Ok(job));
        }
    }

    protected void Announce(string text, string href) =>
        Snackbar.Add<JobAcceptedMessage>(
            new Dictionary<string, object> { [nameof(JobAcceptedMessage.Text)] = text, [nameof(JobAcceptedMessage.Href)] = href },
            Severity.Info);

    protected void ClearRejection()
    {
        Rejection = null;
        RejectionReason = null;
    }
}
