using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Bulk;

/// <summary>Starting items within the limits, following their jobs, settling results, and resuming after a restart.</summary>
public sealed partial class BulkService
{
    /// <summary>Loads bulk changes that were running when the dashboard stopped; they resume where they were.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Follow job events before anything is resumed or started; a missed event is caught by the periodic check.
        _startedAt = _time.GetUtcNow();
        _follower = Task.Run(() => FollowJobsAsync(_stop.Token), CancellationToken.None);
        _inventoryFollower = Task.Run(() => FollowInventoryAsync(_stop.Token), CancellationToken.None);
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);

        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var running = await db.Bulks.AsNoTracking().Where(b => b.State == BulkState.Running).ToListAsync(cancellationToken);
            foreach (var record in running)
            {
                var items = await db.BulkItems.AsNoTracking().Where(i => i.BulkId == record.Id).ToListAsync(cancellationToken);
                var unfinished = items.Where(i => i.Status is BulkItemStatus.Pending or BulkItemStatus.Running).ToList();

                // Whether an unfinished item's job was sent is not known from the store (its writes may have been lost):
                // each goes back to pending and looks its job up before sending anything.
                foreach (var item in unfinished)
                {
                    item.Status = BulkItemStatus.Pending;
                }

                var run = new BulkRun(record, items);
                run.Resumed.UnionWith(unfinished.Select(i => i.VmId));
                lock (_gate)
                {
                    _runs[record.Id] = run;
                }

                _logger.LogInformation("Resuming bulk change {BulkId} after a restart: {Count} VMs not known to be finished.", record.Id, unfinished.Count);
            }
        }

        lock (_gate)
        {
            foreach (var run in _runs.Values.ToList())
            {
                FinishLocked(run);
            }
        }

        _dispatcher = Task.Run(() => DispatchLoopAsync(_stop.Token), CancellationToken.None);
        Wake();
    }

    /// <summary>Stops starting items and following jobs, then writes every pending result. Jobs on the hosts carry on; the next start re-attaches.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop a service it has already disposed (a test host torn down while starting): nothing left to stop.
        if (Volatile.Read(ref _stopDisposed) == 1)
        {
            return;
        }

        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Task[] submissions;
        lock (_submissions)
        {
            submissions = [.. _submissions];
        }

        try
        {
            await Task.WhenAll([.. new[] { _follower, _inventoryFollower, _dispatcher }.OfType<Task>(), .. submissions]).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }

        _writes.Writer.TryComplete();
        try
        {
            if (_writer is not null)
            {
                await _writer.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Stopped before every bulk result was written; the bulk changes resume from their jobs on the next start.");
        }

        _feed.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_stop.IsCancellationRequested && _writer is not null)
        {
            await StopAsync(CancellationToken.None);
        }

        Volatile.Write(ref _stopDisposed, 1);
        _stop.Dispose();
    }

    private async Task DispatchLoopAsync(CancellationToken cancellationToken)
    {
        var nextCheck = _time.GetUtcNow() + _options.CheckInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var wait = nextCheck - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await _wake.Reader.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The check is due.
                    }
                }

                _wake.Reader.TryRead(out _);
                Dispatch();
                if (_time.GetUtcNow() >= nextCheck)
                {
                    await CheckRunningAsync(cancellationToken);
                    nextCheck = _time.GetUtcNow() + _options.CheckInterval;
                }

                ForgetFlushed();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "The bulk dispatcher failed; it carries on.");
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Starts pending items, oldest bulk change first, as far as the per-host and overall limits allow. Right after a
    /// start, an item whose host the inventory has not read yet waits for that read (at most
    /// <see cref="BulkOptions.InventoryWait"/>): until then its VM is missing from the inventory only because nothing has
    /// been read, and deciding it would fail a VM that is there.
    /// </summary>
    private void Dispatch()
    {
        var snapshot = _inventory.Current;
        var patient = _time.GetUtcNow() - _startedAt < _options.InventoryWait;
        var waiting = false;
        var starts = new List<(BulkRun Run, BulkItemRecord Item, bool Resumed, bool Cancelled)>();
        lock (_gate)
        {
            foreach (var run in _runs.Values.Where(r => r.IsRunning).OrderBy(r => r.Record.RequestedAt))
            {
                for (var node = run.Pending.First; node is not null && _runningTotal < _options.MaxConcurrent;)
                {
                    var next = node.Next;
                    var item = node.Value;
                    if (patient && !HasRead(snapshot, item.Host))
                    {
                        waiting = true;
                    }
                    else if (_runningPerHost.GetValueOrDefault(item.Host) < _options.MaxConcurrentPerHost)
                    {
                        run.Pending.Remove(node);
                        item.Status = BulkItemStatus.Running;
                        item.JobId = ChildJobId(run.Record.Id, item.VmId);
                        item.Detail = null;
                        _runningPerHost[item.Host] = _runningPerHost.GetValueOrDefault(item.Host) + 1;
                        _runningTotal++;
                        run.Submitting.Add(item.VmId);
                        Write(item);
                        starts.Add((run, item, run.Resumed.Remove(item.VmId), run.Record.CancelRequested));
                        Publish(new BulkEvent.ItemChanged(run.Summary(), ToItem(item)));
                    }

                    node = next;
                }
            }
        }

        Volatile.Write(ref _waitingForInventory, waiting ? 1 : 0);
        foreach (var (run, item, resumed, cancelled) in starts)
        {
            Track(StartItemAsync(run, item.VmId, item.Host, item.JobId!.Value, resumed, cancelled));
        }
    }

    /// <summary>
    /// Whether the inventory has read (or tried to read) <paramref name="host"/> since the dashboard started, so that a VM
    /// missing from it is really missing. A host it does not list counts as read once every host it lists has been tried
    /// and every cluster asked for its nodes (a cluster node is listed only after that).
    /// </summary>
    internal static bool HasRead(FleetSnapshot snapshot, string host) => snapshot.FindHost(host) is { } status
        ? status.State != HostState.Connecting
        : (snapshot.Hosts.Length > 0 || snapshot.Clusters.Length > 0) &&
          snapshot.Hosts.All(h => h.State != HostState.Connecting) &&
          snapshot.Clusters.All(c => c.LastSuccess is not null || c.LastError is not null);

    /// <summary>Wakes the dispatcher on each new inventory snapshot while items wait for the inventory's first read.</summary>
    private async Task FollowInventoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _inventory.WatchAsync(cancellationToken))
            {
                if (Volatile.Read(ref _waitingForInventory) == 1)
                {
                    Wake();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task StartItemAsync(BulkRun run, Guid vmId, string host, Guid jobId, bool resumed, bool cancelled)
    {
        JobInfo? job = null;
        (BulkItemStatus Status, string Detail)? settle = null;
        try
        {
            if (resumed)
            {
                job = await _jobs.FindAsync(jobId, _stop.Token);
            }

            if (job is null)
            {
                var target = run.Target;
                var snapshot = _inventory.Current;
                var vm = snapshot.FindVm(vmId);
                settle = cancelled ? (BulkItemStatus.Cancelled, "Not started: the bulk change was cancelled.")
                    : vm is null ? (BulkItemStatus.Failed, snapshot.FindHost(host) is { State: not HostState.Online } status
                        ? $"Not started: {host} could not be read ({status.LastError ?? status.State.ToString()}), so the VM's current settings are not known."
                        : "The VM is no longer in the inventory (deleted, or its host left the fleet).")
                    : target.IsMetBy(vm) ? (BulkItemStatus.Succeeded, $"Already {target.Describe()}; nothing was sent.")
                    : null;
                if (settle is null)
                {
                    var request = new ChangeCheckpointSettingsRequest(vmId, target.CheckpointType, target.AutomaticCheckpoints, CheckpointFileLocation: null);
                    job = await _jobs.SubmitAsync(request, run.Record.RequestedBy, jobId, run.Record.Id, _stop.Token);
                }
            }
        }
        catch (JobRejectedException ex)
        {
            settle = (BulkItemStatus.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down: the item stays running in memory and is looked up again after the restart.
            return;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not start the change of VM {VmId} in bulk change {BulkId}.", vmId, run.Record.Id);
            settle = (BulkItemStatus.Failed, $"Could not start the change: {ex.Message}");
        }

        lock (_gate)
        {
            run.Submitting.Remove(vmId);
            if (settle is { } s && run.ByVm.TryGetValue(vmId, out var item))
            {
                if (job is null)
                {
                    // Nothing was submitted: the item has no job.
                    item.JobId = null;
                }

                Settle(run, item, s.Status, s.Detail);
            }
        }

        if (job is not null)
        {
            OnJob(job);
        }
    }

    private async Task FollowJobsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in _jobs.WatchAsync(cancellationToken))
            {
                if (change.Job.BulkId is not null && change is not JobEvent.Created)
                {
                    OnJob(change.Job);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Settles the item of a bulk child job that finished or whose outcome became unknown.</summary>
    private void OnJob(JobInfo job)
    {
        if (job.BulkId is not { } bulkId)
        {
            return;
        }

        var outcome = Outcome(job);
        if (outcome is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_runs.TryGetValue(bulkId, out var run))
            {
                if (run.ByVm.TryGetValue(job.VmId, out var item) && item.JobId == job.Id)
                {
                    Settle(run, item, outcome.Value.Status, outcome.Value.Detail);
                }

                return;
            }
        }

        if (job.IsFinal)
        {
            // The bulk change finished and left memory while this job's outcome was unknown: settle it in the store.
            Track(SettleLateAsync(bulkId, job, outcome.Value.Status, outcome.Value.Detail));
        }
    }

    private static (BulkItemStatus Status, string Detail)? Outcome(JobInfo job)
    {
        var change = job.Parameters.Count == 0 ? "Changed" : "Changed: " + string.Join(", ", job.Parameters.Select(p => $"{p.Key} {p.Value}"));
        return job.State switch
        {
            JobState.Completed => (BulkItemStatus.Succeeded, job.Warning is { Length: > 0 } warning ? $"{change}. {warning}" : change + "."),
            JobState.Failed => (BulkItemStatus.Failed, job.Error ?? "The change failed."),
            JobState.Cancelled => (BulkItemStatus.Cancelled, job.Error ?? "Its job was cancelled."),
            JobState.OutcomeUnknown => (BulkItemStatus.OutcomeUnknown, job.Error ?? "Its host stopped answering after the change was sent."),
            _ => null,
        };
    }

    /// <summary>Records an item's result and finishes the bulk change when nothing is left. Call under the gate.</summary>
    private void Settle(BulkRun run, BulkItemRecord item, BulkItemStatus status, string detail)
    {
        if (item.Status is not (BulkItemStatus.Running or BulkItemStatus.OutcomeUnknown) || (item.Status == status && item.Detail == detail))
        {
            return;
        }

        if (item.Status == BulkItemStatus.Running)
        {
            _runningTotal--;
            _runningPerHost[item.Host]--;
            Wake();
        }

        item.Status = status;
        item.Detail = detail;
        item.FinishedAt = _time.GetUtcNow();
        Write(item);
        if (!run.IsRunning && status != BulkItemStatus.OutcomeUnknown)
        {
            // A late result after the bulk change finished (reconciliation settled an unknown outcome).
            run.Record.State = FinalState(run);
            run.FinalWrite = Write(run.Record);
        }

        Publish(new BulkEvent.ItemChanged(run.Summary(), ToItem(item)));
        FinishLocked(run);
    }

    private void FinishIfDone(Guid bulkId)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(bulkId, out var run))
            {
                FinishLocked(run);
            }
        }
    }

    private void FinishLocked(BulkRun run)
    {
        if (!run.IsRunning || run.Pending.Count > 0 || run.Items.Any(i => i.Status == BulkItemStatus.Running))
        {
            return;
        }

        run.Record.State = FinalState(run);
        run.Record.FinishedAt = _time.GetUtcNow();
        run.FinalWrite = Write(run.Record);
        var summary = run.Summary();
        Publish(new BulkEvent.Finished(summary));
        _logger.LogInformation("Bulk change {BulkId} finished: {State}; {Succeeded} changed, {Failed} failed, {Unknown} unknown, {Skipped} skipped, {Cancelled} cancelled.",
            summary.Id, summary.State, summary.Succeeded, summary.Failed, summary.Unknown, summary.Skipped, summary.Cancelled);
        Track(AuditAsync(new AuditEntry
        {
            At = run.Record.FinishedAt.Value,
            User = run.Record.RequestedBy,
            Action = AuditAction,
            Target = summary.Target.Describe(),
            Parameters = $"bulk={summary.Id}; selection={summary.Selection}",
            Outcome = summary.State.ToString(),
            Detail = $"{summary.Succeeded} changed, {summary.Failed} failed, {summary.Unknown} unknown, {summary.Skipped} skipped, {summary.Cancelled} cancelled.",
        }, CancellationToken.None));
    }

    private static BulkState FinalState(BulkRun run) =>
        run.Record.CancelRequested ? BulkState.Cancelled
        : run.Items.Any(i => i.Status is BulkItemStatus.Failed or BulkItemStatus.OutcomeUnknown) ? BulkState.CompletedWithFailures
        : BulkState.Completed;

    /// <summary>Looks up the job of every running item, in case its final event was missed.</summary>
    private async Task CheckRunningAsync(CancellationToken cancellationToken)
    {
        List<(BulkRun Run, Guid VmId, Guid JobId)> running;
        lock (_gate)
        {
            running = [.. _runs.Values.SelectMany(r => r.Items
                .Where(i => i.Status is BulkItemStatus.Running or BulkItemStatus.OutcomeUnknown && i.JobId is not null && !r.Submitting.Contains(i.VmId))
                .Select(i => (r, i.VmId, i.JobId!.Value)))];
        }

        foreach (var (run, vmId, jobId) in running)
        {
            var job = await _jobs.FindAsync(jobId, cancellationToken);
            if (job is not null)
            {
                OnJob(job);
                continue;
            }

            // Marked running but its job does not exist: it was never sent. Send it again (same job id, so at most once).
            lock (_gate)
            {
                if (run.ByVm.TryGetValue(vmId, out var item) && item.Status == BulkItemStatus.Running && !run.Submitting.Contains(vmId))
                {
                    _runningTotal--;
                    _runningPerHost[item.Host]--;
                    item.Status = BulkItemStatus.Pending;
                    run.Pending.AddFirst(item);
                    run.Resumed.Add(vmId);
                    Wake();
                }
            }
        }
    }

    private async Task SettleLateAsync(Guid bulkId, JobInfo job, BulkItemStatus status, string detail)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        var item = await db.BulkItems.FirstOrDefaultAsync(i => i.BulkId == bulkId && i.VmId == job.VmId && i.JobId == job.Id, CancellationToken.None);
        var bulk = await db.Bulks.FirstOrDefaultAsync(b => b.Id == bulkId, CancellationToken.None);
        if (item is null || bulk is null || item.Status != BulkItemStatus.OutcomeUnknown || bulk.State == BulkState.Running)
        {
            return;
        }

        item.Status = status;
        item.Detail = detail;
        item.FinishedAt = _time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        var counts = (await CountsAsync(db, [bulkId], CancellationToken.None)).GetValueOrDefault(bulkId) ?? [];
        if (bulk.State == BulkState.CompletedWithFailures && counts.GetValueOrDefault(BulkItemStatus.Failed) + counts.GetValueOrDefault(BulkItemStatus.OutcomeUnknown) == 0)
        {
            bulk.State = BulkState.Completed;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        Publish(new BulkEvent.ItemChanged(ToInfo(bulk, counts), ToItem(item)));
    }

    /// <summary>Queues a row to be written; returns its sequence number.</summary>
    private long Write(object row)
    {
        var sequence = Interlocked.Increment(ref _writeSequence);
        object copy = row switch
        {
            BulkItemRecord item => Clone(item),
            BulkRecord bulk => Clone(bulk),
            _ => throw new ArgumentException($"Cannot write a {row.GetType().Name}.", nameof(row)),
        };
        _writes.Writer.TryWrite((sequence, copy));
        return sequence;
    }

    /// <summary>
    /// The one writer of bulk rows: drains what is queued, keeps the last version of each row, and writes them in one
    /// transaction, so a 1,000-VM change costs a handful of transactions instead of thousands.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var items = new Dictionary<(Guid, Guid), BulkItemRecord>();
            var bulks = new Dictionary<Guid, BulkRecord>();
            long last = 0;
            while (items.Count + bulks.Count < 2000 && reader.TryRead(out var write))
            {
                last = write.Sequence;
                switch (write.Row)
                {
                    case BulkItemRecord item:
                        items[(item.BulkId, item.VmId)] = item;
                        break;
                    case BulkRecord bulk:
                        bulks[bulk.Id] = bulk;
                        break;
                }
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
                    db.BulkItems.UpdateRange(items.Values);
                    db.Bulks.UpdateRange(bulks.Values);
                    await db.SaveChangesAsync(CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException && attempt < 5)
                {
                    _logger.LogWarning(ex, "Writing {Count} bulk results failed (attempt {Attempt}); retrying.", items.Count + bulks.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Could not write {Count} bulk results; the store is behind until the next change of those rows.", items.Count + bulks.Count);
                    break;
                }
            }

            Volatile.Write(ref _flushedSequence, last);
        }
    }

    /// <summary>Drops finished bulk changes from memory once their final state is in the store.</summary>
    private void ForgetFlushed()
    {
        var flushed = Volatile.Read(ref _flushedSequence);
        lock (_gate)
        {
            foreach (var run in _runs.Values.Where(r => !r.IsRunning && r.FinalWrite > 0 && r.FinalWrite <= flushed).ToList())
            {
                _runs.Remove(run.Record.Id);
            }
        }
    }

    private void Track(Task task)
    {
        lock (_submissions)
        {
            _submissions.Add(task);
        }

        _ = task.ContinueWith(t =>
        {
            lock (_submissions)
            {
                _submissions.Remove(t);
            }

            if (t.Exception is { } ex)
            {
                _logger.LogError(ex, "A bulk background task failed.");
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
