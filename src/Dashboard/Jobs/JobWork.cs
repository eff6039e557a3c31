using System.Collections.Immutable;
using System.Text.Json;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// A job in flight: its stored record, its request and its context, changed only under <see cref="Gate"/>.
/// </summary>
internal sealed class JobWork
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public JobWork(JobRecord record, JobRequest request, Dictionary<string, string> context)
    {
        Record = record;
        Request = request;
        Context = context;
    }

    public Lock Gate { get; } = new();

    /// <summary>Serializes writes of this job's record (each write bumps its concurrency version).</summary>
    public SemaphoreSlim PersistLock { get; } = new(1, 1);

    public JobRecord Record { get; }

    public JobRequest Request { get; }

    /// <summary>What steps learned for later steps, and which steps are done ("steps": comma list).</summary>
    public Dictionary<string, string> Context { get; }

    public bool CancelRequested { get; set; }

    /// <summary>Whether the Hyper-V job of the current step can be cancelled (as last read).</summary>
    public bool StepCancellable { get; set; }

    public DateTimeOffset LastPersisted { get; set; }

    public Guid Id => Record.Id;

    public bool IsMerge => Record.Kind is JobKind.DeleteCheckpoint or JobKind.DeleteCheckpointSubtree;

    public static JobWork FromRecord(JobRecord record) => new(
        record,
        JsonSerializer.Deserialize<JobRequest>(record.RequestJson, s_json) ??
            throw new InvalidOperationException($"Job {record.Id} has no readable request."),
        JsonSerializer.Deserialize<Dictionary<string, string>>(record.ContextJson, s_json) ?? []);

    public static string Serialize(JobRequest request) => JsonSerializer.Serialize(request, s_json);

    public static string Serialize(IReadOnlyDictionary<string, string> map) => JsonSerializer.Serialize(map, s_json);

    public bool StepDone(string step) =>
        Context.TryGetValue("steps", out var steps) && steps.Split(',').Contains(step, StringComparer.Ordinal);

    public void MarkStepDone(string step)
    {
        Context["steps"] = Context.TryGetValue("steps", out var steps) && steps.Length > 0 ? steps + "," + step : step;
        Record.Step = null;
        Record.StepDispatched = false;
        Record.HyperVJob = null;
        Record.ContextJson = Serialize(Context);
    }

    public JobInfo ToInfo() => new()
    {
        Id = Record.Id,
        Kind = Record.Kind,
        State = Record.State,
        VmId = Record.VmId,
        VmName = Record.VmName,
        Host = Record.Host,
        Cluster = Record.Cluster,
        CheckpointId = Record.CheckpointId,
        CheckpointName = Record.CheckpointName,
        Parameters = Parameters(Record),
        RequestedBy = Record.RequestedBy,
        RequestedAt = Record.RequestedAt,
        StartedAt = Record.StartedAt,
        FinishedAt = Record.FinishedAt,
        Percent = Record.Percent,
        Phase = Record.Phase,
        Result = Record.Result,
        Error = Record.Error,
        ErrorCode = Record.ErrorCode is { } code ? (uint)code : null,
        Warning = Record.Warning,
        ResultCheckpointId = Record.ResultCheckpointId,
        Reconciliation = Record.Reconciliation,
        BulkId = Record.BulkId,
        CanCancel = Record.State == JobState.Queued || (Record.State == JobState.Running && StepCancellable),
    };

    public static JobInfo ToInfo(JobRecord record) => new JobWork(record, new RevertVmRequest(record.VmId), []).ToInfo() with { CanCancel = false };

    private static ImmutableSortedDictionary<string, string> Parameters(JobRecord record) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(record.ParametersJson, s_json) ?? [])
            .ToImmutableSortedDictionary(StringComparer.Ordinal);
}
