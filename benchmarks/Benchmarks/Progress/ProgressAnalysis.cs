namespace CheckpointDashboard.Benchmarks.Progress;

/// <summary>
/// Latencies from the hosts' progress to the clients, in milliseconds. Every change a host makes counts once per client:
/// each percent from 1 to 99 and the completion. A change's latency is the time from the host making it until the
/// client received an event that carries it or a later state (a later percent, or the job's end), so a change the
/// dashboard only reported as part of a later one is not left out: its wait counts in full.
/// </summary>
internal sealed class ProgressAnalysis
{
    /// <summary>Every host change × every client: host change → first event carrying it (or later) at the client.</summary>
    public List<double> ChangeToClient { get; } = [];

    /// <summary>Job completion on the host → the client's <c>JobFinished</c>.</summary>
    public List<double> FinalToClient { get; } = [];

    /// <summary>Per progress event received: the host reaching its percent → the hub reading it from the job service.</summary>
    public List<double> HostToHub { get; } = [];

    /// <summary>Per progress event received: the hub reading it → the client receiving it.</summary>
    public List<double> HubToClient { get; } = [];

    /// <summary>Host changes a client never received, not even as part of a later event.</summary>
    public int Unseen { get; private set; }

    /// <summary>Events that arrived before the host made the change they carry: a measuring error, expected 0.</summary>
    public int Early { get; private set; }

    public static ProgressAnalysis Compute(IReadOnlyList<HostTimeline> jobs, IEnumerable<IReadOnlyList<Receipt>> clients)
    {
        var analysis = new ProgressAnalysis();
        foreach (var receipts in clients)
        {
            var byJob = receipts.ToLookup(r => r.JobId);
            foreach (var job in jobs)
            {
                analysis.Add(job, [.. byJob[job.JobId]]);
            }
        }

        return analysis;
    }

    public static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(values.Count * share) - 1, 0, values.Count - 1)];
    }

    public static string Describe(List<double> values) => values.Count == 0
        ? "no samples"
        : $"{Percentile(values, 0.5):F0} / {Percentile(values, 0.95):F0} / {Percentile(values, 1):F0} ms";

    private void Add(HostTimeline job, Receipt[] receipts)
    {
        // Percent only grows within a create job (0 → 100), so one pass finds, for each host percent, the first event
        // at or past it.
        var next = 0;
        for (var percent = 1; percent <= 99; percent++)
        {
            while (next < receipts.Length && !receipts[next].Finished && receipts[next].Percent < percent)
            {
                next++;
            }

            if (next == receipts.Length)
            {
                Unseen++;
                continue;
            }

            ChangeToClient.Add(Since(job.Reached(percent), receipts[next].ReceivedAt));
        }

        if (receipts.FirstOrDefault(r => r.Finished) is { Finished: true } final)
        {
            var latency = Since(job.Completed, final.ReceivedAt);
            ChangeToClient.Add(latency);
            FinalToClient.Add(latency);
        }
        else
        {
            Unseen++;
        }

        foreach (var receipt in receipts.Where(r => !r.Finished && r.Percent > 0 && r.ServerAt is not null))
        {
            HostToHub.Add(Since(job.Reached(receipt.Percent), receipt.ServerAt!.Value));
            HubToClient.Add((receipt.ReceivedAt - receipt.ServerAt!.Value).TotalMilliseconds);
        }
    }

    private double Since(DateTimeOffset change, DateTimeOffset received)
    {
        var milliseconds = (received - change).TotalMilliseconds;
        if (milliseconds < 0)
        {
            Early++;
        }

        return milliseconds;
    }
}
