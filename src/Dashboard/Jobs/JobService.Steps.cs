using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// One step of a job: write-ahead (the step is marked sent before its method goes out), send once, follow Hyper-V's
/// job to its end, record the outcome. A step found marked sent after a restart is never sent again: it is followed
/// when its Hyper-V job is known, and otherwise its outcome is unknown.
/// </summary>
public sealed partial class JobService
{
    /// <returns>True when the step completed; false when the job ended (failed, cancelled, unknown).</returns>
    private async Task<bool> StepAsync(
        JobWork work,
        string step,
        string phase,
        int from,
        int to,
        Func<ICimSession, CancellationToken, Task<HyperVCall>> invoke,
        CancellationToken stopping,
        Func<CimReference, HyperVJobStatus, CancellationToken, Task>? onJobDone = null)
    {
        CimReference? job = null;
        bool resume;
        lock (work.Gate)
        {
            if (work.StepDone(step))
            {
                return true;
            }

            resume = work.Record.Step == step && work.Record.StepDispatched;
            if (resume && work.Record.HyperVJob is { } path)
            {
                CimReference.TryParseWmiPath(path, CimNamespaces.Virtualization, out job);
            }
        }

        var session = _sessions.Get(work.Record.Host);
        if (resume && job is null)
        {
            await LoseAsync(work, $"The dashboard restarted after sending '{phase}' to {work.Record.Host} and before the host acknowledged it.", stopping);
            return false;
        }

        if (!resume)
        {
            bool cancelled;
            lock (work.Gate)
            {
                cancelled = work.CancelRequested;
                if (!cancelled)
                {
                    work.Record.Step = step;
                    work.Record.StepDispatched = true;
                    work.Record.HyperVJob = null;
                    work.Record.Phase = phase;
                    work.Record.Percent = from;
                    work.StepCancellable = false;
                }
            }

            if (cancelled)
            {
                await FinishAsync(work, JobState.Cancelled, null, $"Cancelled before '{phase}' was sent.", null, stopping);
                return false;
            }

            await PersistAsync(work, force: true, stopping);
            Publish(new JobEvent.Progressed(Snapshot(work)));

            HyperVCall call;
            try
            {
                call = await invoke(session, stopping);
            }
            catch (CimException ex) when (NothingHappened(ex))
            {
                await FinishAsync(work, JobState.Failed, null, $"{phase} was refused: {ex.Message}", ex.WmiErrorCode, stopping);
                return false;
            }
            catch (CimException ex)
            {
                await LoseAsync(work, $"{work.Record.Host} stopped answering while '{phase}' was being sent: {ex.Message}", stopping);
                return false;
            }

            if (call.CompletedAtOnce)
            {
                await CompleteStepAsync(work, step, to, stopping);
                return true;
            }

            if (!call.StartedJob)
            {
                await FinishAsync(work, JobState.Failed, null, $"{phase} failed: {call.Describe()}.", call.ReturnValue, stopping);
                return false;
            }

            job = call.Job!;
            lock (work.Gate)
            {
                work.Record.HyperVJob = job.ToWmiPath();
                work.Record.LastContact = _time.GetUtcNow();
            }

            await PersistAsync(work, force: true, stopping);
        }

        return await FollowAsync(work, session, step, phase, from, to, job!, onJobDone, stopping);
    }

    /// <summary>Polls a Hyper-V job until it ends or its host is lost, publishing progress as it moves.</summary>
    private async Task<bool> FollowAsync(
        JobWork work, ICimSession session, string step, string phase, int from, int to, CimReference job,
        Func<CimReference, HyperVJobStatus, CancellationToken, Task>? onJobDone, CancellationToken stopping)
    {
        var lastContact = work.Record.LastContact ?? _time.GetUtcNow();
        while (true)
        {
            HyperVJobStatus? status;
            try
            {
                status = await _operations.GetJobAsync(session, job, stopping);
                lastContact = _time.GetUtcNow();
            }
            catch (CimException ex) when (ex.Kind is not CimErrorKind.NotFound)
            {
                if (_time.GetUtcNow() - lastContact > _options.HostLostAfter)
                {
                    await LoseAsync(work, $"{work.Record.Host} stopped answering during '{phase}' ({ex.Message}).", stopping);
                    return false;
                }

                await Task.Delay(_options.PollInterval, _time, stopping);
                continue;
            }

            if (status is null)
            {
                await LoseAsync(work, $"{work.Record.Host} no longer has the Hyper-V job of '{phase}' (it keeps finished jobs five minutes).", stopping);
                return false;
            }

            var percent = from + ((to - from) * Math.Clamp((int)status.PercentComplete, 0, 100) / 100);
            bool changed;
            lock (work.Gate)
            {
                changed = work.Record.Percent != percent || work.StepCancellable != status.Cancellable;
                work.Record.Percent = percent;
                work.Record.LastContact = lastContact;
                work.StepCancellable = status.Cancellable && !status.IsFinished;
            }

            if (status.IsFinished)
            {
                if (status.Succeeded)
                {
                    if (onJobDone is not null)
                    {
                        await onJobDone(job, status, stopping);
                    }

                    await CompleteStepAsync(work, step, to, stopping);
                    return true;
                }

                if (status.WasCancelled)
                {
                    await FinishAsync(work, JobState.Cancelled, null, $"Cancelled on {work.Record.Host} during '{phase}'.", status.ErrorCode, stopping);
                    return false;
                }

                await FinishAsync(work, JobState.Failed, null,
                    status.Error ?? $"'{phase}' failed on {work.Record.Host} (job state {status.JobState}, error {status.ErrorCode}).",
                    status.ErrorCode == 0 ? status.JobState : status.ErrorCode, stopping);
                return false;
            }

            if (changed)
            {
                await PersistAsync(work, force: false, stopping);
                Publish(new JobEvent.Progressed(Snapshot(work)));
            }

            await Task.Delay(_options.PollInterval, _time, stopping);
        }
    }

    private async Task CompleteStepAsync(JobWork work, string step, int percent, CancellationToken stopping)
    {
        lock (work.Gate)
        {
            work.MarkStepDone(step);
            work.Record.Percent = percent;
            work.StepCancellable = false;
        }

        await PersistAsync(work, force: true, stopping);
        Publish(new JobEvent.Progressed(Snapshot(work)));
    }

    /// <summary>Failures that mean the host never acted on the request (it refused it, or it was never sent).</summary>
    private static bool NothingHappened(CimException error) => error.Kind is CimErrorKind.AuthenticationFailed or CimErrorKind.AccessDenied
        or CimErrorKind.Configuration or CimErrorKind.InvalidParameter or CimErrorKind.NotFound or CimErrorKind.NotSupported
        or CimErrorKind.PlatformNotSupported or CimErrorKind.InvalidQuery;

    /// <summary>Ends a job. Final states leave memory; the audit trail and subscribers hear of it; the host is re-read.</summary>
    private async Task FinishAsync(JobWork work, JobState state, string? result, string? error, uint? code, CancellationToken stopping)
    {
        lock (work.Gate)
        {
            work.Record.State = state;
            work.Record.FinishedAt = _time.GetUtcNow();
            work.Record.Result = result ?? work.Record.Result;
            work.Record.Error = error;
            work.Record.ErrorCode = code;
            work.Record.Phase = state switch
            {
                JobState.Completed => "Done",
                JobState.Cancelled => "Cancelled",
                _ => "Failed",
            };
            if (state == JobState.Completed)
            {
                work.Record.Percent = 100;
            }

            work.StepCancellable = false;
        }

        // Final states are recorded even while the service stops: a finished operation is never forgotten.
        await PersistAsync(work, force: true, CancellationToken.None);
        _jobs.TryRemove(work.Id, out _);
        var info = Snapshot(work);
        await AuditAsync(AuditFor(info, state.ToString(), error ?? result), CancellationToken.None);
        Publish(new JobEvent.Finished(info));
        RefreshHost(work.Record.Host);
    }

    /// <summary>The host went silent after the operation was sent: the outcome is unknown until reconciled.</summary>
    private async Task LoseAsync(JobWork work, string reason, CancellationToken stopping)
    {
        lock (work.Gate)
        {
            work.Record.State = JobState.OutcomeUnknown;
            work.Record.Error = reason;
            work.Record.Phase = "Outcome unknown: waiting for the host to answer";
            work.Record.LastContact ??= _time.GetUtcNow();
            work.StepCancellable = false;
        }

        await PersistAsync(work, force: true, CancellationToken.None);
        var info = Snapshot(work);
        await AuditAsync(AuditFor(info, "OutcomeUnknown", reason) with { At = _time.GetUtcNow() }, CancellationToken.None);
        Publish(new JobEvent.Progressed(info));
        RefreshHost(work.Record.Host);
    }

    private void RefreshHost(string host) => _ = Task.Run(async () =>
    {
        try
        {
            await _inventory.RefreshAsync(host, CancellationToken.None);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or OperationCanceledException or ObjectDisposedException)
        {
            // The host left the fleet or the app is stopping; the next regular refresh covers it.
        }
    });

    /// <summary>Writes the job's record; progress at most every <see cref="JobsOptions.ProgressPersistInterval"/>.</summary>
    private async Task PersistAsync(JobWork work, bool force, CancellationToken stopping)
    {
        await work.PersistLock.WaitAsync(stopping);
        try
        {
            var now = _time.GetUtcNow();
            JobRecord copy;
            lock (work.Gate)
            {
                if (!force && now - work.LastPersisted < _options.ProgressPersistInterval)
                {
                    return;
                }

                work.Record.ContextJson = JobWork.Serialize(work.Context);
                copy = Clone(work.Record);
            }

            copy.Version++;
            await using var db = await _contexts.CreateDbContextAsync(stopping);
            db.Jobs.Attach(copy).State = EntityState.Modified;
            db.Entry(copy).Property(j => j.Version).OriginalValue = copy.Version - 1;
            await db.SaveChangesAsync(stopping);
            lock (work.Gate)
            {
                work.Record.Version = copy.Version;
                work.LastPersisted = now;
            }
        }
        finally
        {
            work.PersistLock.Release();
        }
    }

    private static JobRecord Clone(JobRecord record) => new()
    {
        Id = record.Id,
        Kind = record.Kind,
        State = record.State,
        VmId = record.VmId,
        VmName = record.VmName,
        Host = record.Host,
        Cluster = record.Cluster,
        CheckpointId = record.CheckpointId,
        CheckpointName = record.CheckpointName,
        ParametersJson = record.ParametersJson,
        RequestJson = record.RequestJson,
        RequestedBy = record.RequestedBy,
        RequestedAt = record.RequestedAt,
        StartedAt = record.StartedAt,
        FinishedAt = record.FinishedAt,
        Percent = record.Percent,
        Phase = record.Phase,
        Result = record.Result,
        Error = record.Error,
        ErrorCode = record.ErrorCode,
        Warning = record.Warning,
        ResultCheckpointId = record.ResultCheckpointId,
        Reconciliation = record.Reconciliation,
        Step = record.Step,
        StepDispatched = record.StepDispatched,
        HyperVJob = record.HyperVJob,
        ContextJson = record.ContextJson,
        LastContact = record.LastContact,
        BulkId = record.BulkId,
        Version = record.Version,
    };
}
