namespace CheckpointDashboard.Dashboard.Model;

/// <summary>How the VM grid groups rows.</summary>
public enum VmGrouping
{
    None,
    Cluster,
    Host,
    State,
    CheckpointType,
}
