namespace CheckpointDashboard.Shared.Inventory;

/// <summary>How the dashboard last got on with a host.</summary>
public enum HostState
{
    /// <summary>Not read yet since the dashboard started.</summary>
    Connecting,

    /// <summary>The last refresh succeeded.</summary>
    Online,

    /// <summary>The last refresh failed; the host's last good data is shown, marked stale.</summary>
    Offline,
}
