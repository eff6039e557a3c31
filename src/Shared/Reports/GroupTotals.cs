namespace CheckpointDashboard.Shared.Reports;

/// <summary>A roll-up being summed: one per fleet, cluster, host and storage location while the report is built.</summary>
internal sealed class GroupTotals(string name, string? cluster, string? host)
{
    private readonly int[] _severities = new int[3];
    private DateTimeOffset? _oldest;

    public string Name { get; } = name;

    public string? Cluster { get; } = cluster;

    public string? Host { get; } = host;

    public int Vms { get; private set; }

    public int VmsWithCheckpoints { get; private set; }

    public int Checkpoints { get; private set; }

    public long Bytes { get; private set; }

    public int MaxDepth { get; private set; }

    public int OrphanFiles { get; private set; }

    public long OrphanBytes { get; private set; }

    public void AddVm(int checkpoints, long bytes, DateTimeOffset? oldest, int maxDepth)
    {
        Vms++;
        VmsWithCheckpoints += checkpoints > 0 ? 1 : 0;
        Checkpoints += checkpoints;
        Bytes += bytes;
        MaxDepth = Math.Max(MaxDepth, maxDepth);
        if (oldest is { } created && (_oldest is null || created < _oldest))
        {
            _oldest = created;
        }
    }

    public void AddOrphan(long bytes)
    {
        OrphanFiles++;
        OrphanBytes += bytes;
    }

    public void AddFinding(FindingSeverity severity) => _severities[(int)severity]++;

    public void AddFindings(int info, int warning, int critical)
    {
        _severities[(int)FindingSeverity.Info] += info;
        _severities[(int)FindingSeverity.Warning] += warning;
        _severities[(int)FindingSeverity.Critical] += critical;
    }

    public ReportRollUp ToRollUp(DateTimeOffset now) => new(
        Name, Cluster, Host, Vms, VmsWithCheckpoints, Checkpoints, Bytes,
        _oldest is { } oldest ? ReportFormat.AgeDays(now > oldest ? now - oldest : TimeSpan.Zero) : null,
        MaxDepth, OrphanFiles, OrphanBytes,
        _severities[(int)FindingSeverity.Info], _severities[(int)FindingSeverity.Warning], _severities[(int)FindingSeverity.Critical]);
}
