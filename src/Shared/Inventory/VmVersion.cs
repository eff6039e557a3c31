using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A short fingerprint of what an operator sees of a VM: its checkpoints (ids, names, parents), where "Now" is, and
/// its checkpoint settings. A request carries the version the operator saw; if the VM changed since, the request is
/// refused instead of acting on a tree the operator never looked at.
/// </summary>
public static class VmVersion
{
    public static string Of(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{vm.CheckpointType}|{vm.AutomaticCheckpoints}|{vm.CheckpointFileLocation}|{vm.CurrentCheckpointId}");
        foreach (var checkpoint in vm.Checkpoints.OrderBy(c => c.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{checkpoint.Id}:{checkpoint.ParentId}:{checkpoint.Name}");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 8);
    }
}
