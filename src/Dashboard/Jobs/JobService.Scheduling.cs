using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>Which queued job runs next, and the slots it holds while it runs.</summary>
public sealed partial class JobService
{
    private async Task DispatchLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                DispatchReady(stopping);

                // Woken by a submission or a finished job; the timeout re-checks in case a wake was missed.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await _wake.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Periodic re-check.
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void DispatchReady(CancellationToken stopping)
    {
        var candidates = _jobs.Values
            .Where(w => w.Record.State is JobState.Queued or JobState.Running && !_running.ContainsKey(w.Id))
            .OrderBy(w => _resumeFirst.Contains(w.Id) ? 0 : 1)
            .ThenBy(w => w.Record.RequestedAt)
            .ToList();
        var patient = _time.GetUtcNow() - _startedAt < _options.HostLostAfter;
        foreach (var work in candidates)
        {
            // Right after a start the inventory may not know a job's host yet (a cluster node is known once its cluster
            // has been read): the job waits for it rather than failing for want of a session. Not forever: for a host
            // that left the fleet, the job runs (and fails, or stays unknown if its step was sent) after HostLostAfter.
            if (patient && _inventory.ConnectionOf(work.Record.Host) is null)
            {
                continue;
            }

            lock (_scheduleGate)
            {
                if (_running.Count >= _options.MaxConcurrentJobs)
                {
                    return;
                }

                if (_busyVms.Contains(work.Record.VmId))
                {
                    continue;
                }

                if (work.IsMerge && _mergesPerHost.GetValueOrDefault(work.Record.Host) >= _options.MaxConcurrentMergesPerHost)
                {
                    continue;
                }

                lock (work.Gate)
                {
                    if (work.Record.State is not (JobState.Queued or JobState.Running))
                    {
                        continue;
                    }

                    if (work.Record.State == JobState.Queued)
                    {
                        // Marked running under the job's lock, so a cancel of a queued job cannot race the start.
                        work.Record.State = JobState.Running;
                        work.Record.StartedAt = _time.GetUtcNow();
                        work.Record.Phase = "Starting";
                    }
                }

                _busyVms.Add(work.Record.VmId);
                if (work.IsMerge)
                {
                    _mergesPerHost[work.Record.Host] = _mergesPerHost.GetValueOrDefault(work.Record.Host) + 1;
                }

                _resumeFirst.Remove(work.Id);
                _running[work.Id] = Task.Run(() => RunAndReleaseAsync(work, stopping), CancellationToken.None);
            }
        }
    }

    /// <summary>Takes a queued job out of the queue (for a cancel); false when it has started meanwhile.</summary>
    private bool TryTakeQueued(JobWork work)
    {
        lock (_scheduleGate)
        {
            lock (work.Gate)
            {
                if (work.Record.State != JobState.Queued || _running.ContainsKey(work.Id))
                {
                    return false;
                }

                work.Record.State = JobState.Cancelled;
                return true;
            }
        }
    }

    private async Task RunAndReleaseAsync(JobWork work, CancellationToken stopping)
    {
        try
        {
            await RunAsync(work, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the job stays Running in the store and resumes on the next start.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Job {JobId} failed unexpectedly.", work.Id);
            await SettleUnexpectedAsync(work, ex);
        }
        finally
        {
            lock (_scheduleGate)
            {
                _busyVms.Remove(work.Record.VmId);
                if (work.IsMerge && _mergesPerHost.TryGetValue(work.Record.Host, out var merges))
                {
                    _mergesPerHost[work.Record.Host] = Math.Max(0, merges - 1);
                }

                _running.TryRemove(work.Id, out _);
            }

            Wake();
        }
    }

    /// <summary>
    /// A bug in the dashboard (not a host error) stopped a job. If its current step had already been sent, whether
    /// it took effect is unknown; otherwise nothing happened on the host and it failed.
    /// </summary>
    private async Task SettleUnexpectedAsync(JobWork work, Exception error)
    {
        bool dispatched;
        lock (work.Gate)
        {
            dispatched = work.Record.StepDispatched;
        }

        try
        {
            if (dispatched)
            {
                await LoseAsync(work, $"The dashboard failed while following the job ({error.GetType().Name}: {error.Message}).", CancellationToken.None);
            }
            else
            {
                await FinishAsync(work, JobState.Failed, null, $"The dashboard failed before sending the operation ({error.GetType().Name}: {error.Message}); nothing was changed.", null, CancellationToken.None);
            }
        }
        catch (Exception inner)
        {
            _logger.LogError(inner, "Job {JobId} could not be settled after an unexpected failure.", work.Id);
        }
    }

    private bool HasStepsLeft(JobWork work)
    {
        lock (work.Gate)
        {
            return work.Record.Kind switch
            {
                JobKind.CreateCheckpoint => work.Record.Step == StepCreate && work.Request is CreateCheckpointRequest { Name: not null },
                JobKind.ApplyCheckpoint or JobKind.RevertVm => work.Record.Step is not StepStart and not StepApply,
                _ => false,
            };
        }
    }
}
