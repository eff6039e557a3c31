using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// What the checkpoint settings dialog lets the operator change for a VM, why the rest is locked, and the request
/// that carries only what changed.
/// </summary>
public sealed class CheckpointSettingsRules
{
    private CheckpointSettingsRules(VirtualMachine vm)
    {
        Vm = vm;
        TypeLockedReason = vm.SupportsCheckpointTypes
            ? null
            : $"Configuration version {(vm.ConfigurationVersion.Length == 0 ? "(unknown)" : vm.ConfigurationVersion)} is older than 6.2: " +
              "Hyper-V offers only Standard checkpoints for it. Upgrade the VM's configuration version to choose a type.";
        LocationLockedReason = vm.Checkpoints.Length == 0
            ? null
            : $"The checkpoint file location can change only while the VM has no checkpoints; it has {vm.Checkpoints.Length}.";
    }

    /// <summary>The types an operator can choose, in the order the dialog lists them.</summary>
    public static IReadOnlyList<CheckpointType> Choices { get; } =
        [CheckpointType.Production, CheckpointType.ProductionOnly, CheckpointType.Standard, CheckpointType.Disabled];

    public VirtualMachine Vm { get; }

    /// <summary>Why the type cannot be chosen; null when it can.</summary>
    public string? TypeLockedReason { get; }

    /// <summary>Why the checkpoint file location cannot be changed; null when it can.</summary>
    public string? LocationLockedReason { get; }

    public static CheckpointSettingsRules For(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new CheckpointSettingsRules(vm);
    }

    /// <summary>What a type means, in one line.</summary>
    public static string Explain(CheckpointType type) => type switch
    {
        CheckpointType.Production => "Production: application-consistent (VSS in Windows, fsfreeze in Linux); falls back to Standard if the guest cannot quiesce.",
        CheckpointType.ProductionOnly => "Production only: application-consistent; creating a checkpoint fails instead of falling back to Standard.",
        CheckpointType.Standard => "Standard: captures memory and device state as well; not application-consistent.",
        CheckpointType.Disabled => "Disabled: no checkpoints can be created for this VM.",
        _ => "Not reported: configuration versions before 6.2 have Standard checkpoints only.",
    };

    /// <summary>
    /// A warning when <paramref name="type"/> is Standard for a VM that looks like a domain controller or a database
    /// server, where restoring memory state can corrupt replication or transactions.
    /// </summary>
    public static string? StandardWarning(string vmName, CheckpointType type)
    {
        ArgumentNullException.ThrowIfNull(vmName);
        if (type != CheckpointType.Standard)
        {
            return null;
        }

        if (FleetOverview.LooksLikeDomainController(vmName))
        {
            return $"{vmName} looks like a domain controller: applying a Standard checkpoint restores memory state and can roll back " +
                "Active Directory (USN rollback). Use Production checkpoints.";
        }

        string[] databaseMarkers = ["SQL", "EXCH", "DB"];
        return databaseMarkers.Any(m => vmName.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? $"{vmName} looks like a database or Exchange server: a Standard checkpoint is not application-consistent, and applying it " +
              "restores in-flight transactions and memory state. Use Production checkpoints."
            : null;
    }

    /// <summary>The problem with a typed location, or null when it is acceptable (unchanged, or a valid absolute path).</summary>
    public string? LocationError(string? location)
    {
        if (LocationLockedReason is not null || string.Equals(location, Vm.CheckpointFileLocation, StringComparison.Ordinal))
        {
            return null;
        }

        return HostPath.Validate(location);
    }

    /// <summary>
    /// The request for the chosen values, with null for each setting left as it is; null when nothing changed or a value
    /// is not acceptable.
    /// </summary>
    public ChangeCheckpointSettingsRequest? BuildRequest(CheckpointType type, bool automatic, string? location)
    {
        var newType = TypeLockedReason is null && type != Vm.CheckpointType && Choices.Contains(type) ? type : (CheckpointType?)null;
        bool? newAutomatic = automatic != Vm.AutomaticCheckpoints ? automatic : null;
        string? newLocation = null;
        if (LocationLockedReason is null && !string.Equals(location, Vm.CheckpointFileLocation, StringComparison.Ordinal))
        {
            if (LocationError(location) is not null)
            {
                return null;
            }

            newLocation = location;
        }

        return newType is null && newAutomatic is null && newLocation is null
            ? null
            : new ChangeCheckpointSettingsRequest(Vm.Id, newType, newAutomatic, newLocation, VmVersion.Of(Vm));
    }
}
