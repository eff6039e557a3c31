using CheckpointDashboard.Shared.Bulk;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// Carries a selection (and optionally a target) from the VM grid or a policy's "remediate" to the bulk page, within one
/// browser circuit (scoped). A URL could not: hundreds of VM ids do not fit in one.
/// </summary>
public sealed class BulkHandoff
{
    private Offer? _offer;

    /// <summary>Leaves <paramref name="selector"/> for the bulk page, with where it came from in words.</summary>
    public void Give(VmSelector selector, CheckpointSettingsTarget? target, string origin)
    {
        ArgumentNullException.ThrowIfNull(selector);
        _offer = new Offer(selector, target, origin);
    }

    /// <summary>The selection left for the bulk page, once: taking it clears it.</summary>
    public Offer? Take()
    {
        var offer = _offer;
        _offer = null;
        return offer;
    }

    /// <summary>A selection handed to the bulk page.</summary>
    public sealed record Offer(VmSelector Selector, CheckpointSettingsTarget? Target, string Origin);
}
