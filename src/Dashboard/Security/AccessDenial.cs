using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>A refusal for lack of rights, written to the audit trail (every denial is, whichever door it came through) before it is thrown.</summary>
public static class AccessDenial
{
    /// <summary>Audits the denial and returns the exception to throw.</summary>
    public static async Task<JobRejectedException> AuditAsync(IAuditLog audit, TimeProvider time, string user, string action, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            await audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), User = user, Action = action, Outcome = "Denied", Detail = message }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The refusal stands even when the store cannot record it; the caller still gets the sentence.
        }

        return new JobRejectedException(JobRejection.Forbidden, message);
    }
}
