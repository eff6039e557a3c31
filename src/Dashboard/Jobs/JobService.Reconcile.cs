using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>Settling jobs whose outcome is unknown, from what their host shows once it answers again.</summary>
public sealed partial class JobService
{
    private async Task ReconcileLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(_options.ReconcileInterval, _time, stopping);
                await ReconcileOnceAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Tries every job whose outcome is unknown once against the current inventory.</summary>
    internal async Task ReconcileOnceAsync(CancellationToken stopping)
    {
        var snapshot = _inventory.Current;
        foreach (var work in _jobs.Values.Where(w => w.Record.State == JobState.OutcomeUnknown).ToList())
        {
            JobReconciler.Decision? decision;
            lock (work.Gate)
            {
                var facts = new Dictionary<string, string>(work.ToInfo().Parameters, StringComparer.Ordinal);
                foreach (var (key, value) in work.Context)
                {
                    facts[key] = value;
                }

                Guid? created = work.Context.TryGetValue(ContextCreated, out var text) && Guid.TryParse(text, out var id) ? id : null;
                decision = JobReconciler.Decide(
                    work.Record.Kind,
                    facts,
                    work.Record.CheckpointId,
                    created,
                    work.Record.StartedAt ?? work.Record.RequestedAt,
                    work.Record.LastContact ?? work.Record.StartedAt ?? work.Record.RequestedAt,
                    snapshot.FindVm(work.Record.VmId),
                    snapshot.FindHost(work.Record.Host));
                if (decision is not null)
                {
                    work.Record.Reconciliation = $"Settled by reconciliation: {decision.Evidence}";
                }
            }

            if (decision is null)
            {
                continue;
            }

            _logger.LogInformation("Job {JobId} ({Kind} on {Vm}) reconciled as {State}: {Evidence}",
                work.Id, work.Record.Kind, work.Record.VmName, decision.State, decision.Evidence);
            await FinishAsync(work, decision.State,
                decision.State == JobState.Completed ? decision.Evidence : null,
                decision.State == JobState.Failed ? decision.Evidence : null,
                null, stopping);
        }
    }
}
