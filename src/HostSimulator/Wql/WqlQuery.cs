namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>A parsed WQL query: <see cref="WqlSelectQuery"/> or <see cref="WqlAssociatorsQuery"/>.</summary>
public abstract record WqlQuery;
