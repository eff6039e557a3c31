using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>One VM: its facts, its checkpoint tree with the "Now" marker, and the selected checkpoint's details.</summary>
public partial class VmDetail
{
    private VirtualMachine? _vm;
    private List<TreeItemData<Guid>> _tree = [];
    private Dictionary<Guid, bool> _expanded = [];
    private Guid _selectedId;
    private Guid _shownVmId;
    private Guid? _shownInitialCheckpoint;
    private Checkpoint? _selected;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public Guid VmId { get; set; }

    /// <summary>A checkpoint to select on arrival (links from the overview and reports).</summary>
    [SupplyParameterFromQuery(Name = "checkpoint")]
    public Guid? InitialCheckpoint { get; set; }

    protected override void OnParametersSet()
    {
        // Parameters are set again whenever the layout re-renders (the job notifier, a snackbar): only a different
        // VM or a different requested checkpoint resets what the operator selected and collapsed.
        if (VmId != _shownVmId || InitialCheckpoint != _shownInitialCheckpoint)
        {
            _shownVmId = VmId;
            _shownInitialCheckpoint = InitialCheckpoint;
            _selectedId = InitialCheckpoint ?? Guid.Empty;
            _expanded.Clear();
        }

        Show(Snapshot);
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        if (VmId != Guid.Empty)
        {
            Show(snapshot);
        }
    }

    private void Show(FleetSnapshot snapshot)
    {
        _vm = snapshot.FindVm(VmId);
        if (_vm is null)
        {
            _tree = [];
            _selected = null;
            return;
        }

        _breadcrumbs =
        [
            new BreadcrumbItem("Virtual machines", "/vms"),
            new BreadcrumbItem(_vm.Cluster ?? _vm.Host, $"/vms?{(_vm.Cluster is null ? "host" : "cluster")}={Uri.EscapeDataString(_vm.Cluster ?? _vm.Host)}"),
            new BreadcrumbItem(_vm.Name, null, disabled: true),
        ];

        // Remember which nodes the user collapsed across live updates; everything starts expanded.
        foreach (var item in _tree.SelectMany(Flatten))
        {
            _expanded[item.Value] = item.Expanded;
        }

        _tree = [.. CheckpointTreeNode.Build(_vm).Select(ToItem)];
        _selected = _vm.Checkpoints.FirstOrDefault(c => c.Id == _selectedId);
    }

    private TreeItemData<Guid> ToItem(CheckpointTreeNode node)
    {
        var id = node.Checkpoint?.Id ?? Guid.Empty;
        var children = node.Children.Select(ToItem).ToList();
        return new TreeItemData<Guid>
        {
            Value = id,
            Text = node.IsNow ? "Now" : node.Checkpoint!.Name,
            Icon = node.IsNow ? Icons.Material.Filled.PlayArrow : IconFor(node.Checkpoint!),
            Expanded = _expanded.GetValueOrDefault(id, true),
            Expandable = children.Count > 0,
            Children = children.Count > 0 ? children : null,
        };
    }

    private static IEnumerable<TreeItemData<Guid>> Flatten(TreeItemData<Guid> item) =>
        item.Children is null ? [item] : item.Children.OfType<TreeItemData<Guid>>().SelectMany(Flatten).Prepend(item);

    private void OnSelected(Guid id)
    {
        _selectedId = id;
        _selected = _vm?.Checkpoints.FirstOrDefault(c => c.Id == id);
    }

    private string? EndText(Guid id)
    {
        if (id == Guid.Empty || _vm is null)
        {
            return "you are here";
        }

        var checkpoint = _vm.Checkpoints.FirstOrDefault(c => c.Id == id);
        return checkpoint is null ? null : Format.Age(checkpoint.Created, Now);
    }

    private string Parent(Guid? id) => _vm?.Checkpoints.FirstOrDefault(c => c.Id == id)?.Name ?? "(unknown)";

    private static string IconFor(Checkpoint checkpoint) => checkpoint.Kind switch
    {
        CheckpointKind.Recovery => Icons.Material.Filled.Backup,
        CheckpointKind.Replica => Icons.Material.Filled.SyncAlt,
        _ when checkpoint.IsAutomatic => Icons.Material.Filled.Autorenew,
        CheckpointKind.Standard => Icons.Material.Filled.Memory,
        _ => Icons.Material.Filled.CameraAlt,
    };

    private static string KindText(Checkpoint checkpoint) => checkpoint.Kind switch
    {
        CheckpointKind.Standard => "Standard (holds memory state)",
        CheckpointKind.Production => "Production (no memory state; the VM is off after applying it)",
        CheckpointKind.Recovery => "Recovery (made by backup software)",
        CheckpointKind.Replica => "Replica recovery point",
        CheckpointKind.Planned => "Planned",
        _ => checkpoint.Kind.ToString(),
    };

    private static string ActivityText(VmActivity activity) => activity switch
    {
        VmActivity.CreatingCheckpoint => "Creating checkpoint",
        VmActivity.ApplyingCheckpoint => "Applying checkpoint",
        VmActivity.DeletingCheckpoint => "Deleting checkpoint",
        VmActivity.MergingDisks => "Merging disks",
        VmActivity.Exporting => "Exporting",
        VmActivity.Migrating => "Migrating",
        _ => activity.ToString(),
    };
}
