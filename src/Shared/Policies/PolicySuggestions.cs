using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Policies;

/// <summary>Policies offered as starting points (not saved until the operator adds them).</summary>
public static class PolicySuggestions
{
    public static IReadOnlyList<CheckpointPolicy> All { get; } =
    [
        new CheckpointPolicy
        {
            Id = new Guid("5d1c0c7e-0000-4000-8000-0000000000dc"),
            Name = "Domain controllers use ProductionOnly",
            Description = "Standard checkpoints hold memory state; applying one to a domain controller can roll back Active Directory (USN rollback). ProductionOnly never falls back to Standard.",
            Scope = new VmSelector { NamePattern = "(^|[-_.])DC[0-9]*($|[-_.])", NameIsRegex = true },
            Target = new CheckpointSettingsTarget(CheckpointType.ProductionOnly, null),
            Priority = 200,
        },
        new CheckpointPolicy
        {
            Id = new Guid("5d1c0c7e-0000-4000-8000-00000000d0d0"),
            Name = "Everything in cluster PROD uses Production",
            Description = "Production checkpoints are application-consistent (VSS / file-system freeze) and safe for production workloads.",
            Scope = new VmSelector { Clusters = ["PROD"] },
            Target = new CheckpointSettingsTarget(CheckpointType.Production, null),
            Priority = 100,
        },
        new CheckpointPolicy
        {
            Id = new Guid("5d1c0c7e-0000-4000-8000-00000000db00"),
            Name = "Database servers never use Standard",
            Description = "SQL Server and Exchange must not be restored from memory state.",
            Scope = new VmSelector { NamePattern = "(SQL|EXCH|DB)", NameIsRegex = true },
            Target = new CheckpointSettingsTarget(CheckpointType.Production, null),
            Priority = 150,
        },
    ];
}
