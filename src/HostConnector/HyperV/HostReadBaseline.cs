using System.Collections.Frozen;
using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// What the last full read of a host saw, kept so the next read can tell whether anything changed: each VM's
/// <c>TimeOfLastConfigurationChange</c>, the disk files referenced, and the VMs mapped from it.
/// </summary>
/// <remarks>
/// Only built when every VM of the host reports a change time; a host (or provider) that omits it is always read in
/// full. Holds references to data the inventory keeps anyway (the VMs, the disk path strings), so it costs a small
/// dictionary per host.
/// </remarks>
/// <param name="Vms">The VMs mapped by the last full read (their power states updated since).</param>
/// <param name="ChangeTimes">VM GUID → <c>TimeOfLastConfigurationChange</c>, as the last full read saw it.</param>
/// <param name="ReferencedDisks">Every disk file the host's configurations referenced.</param>
/// <param name="FullReadAt">When that full read happened.</param>
/// <param name="Warning">The full read's non-fatal warning, kept while its data is.</param>
public sealed record HostReadBaseline(
    ImmutableArray<VirtualMachine> Vms,
    FrozenDictionary<Guid, DateTimeOffset> ChangeTimes,
    IReadOnlyList<string> ReferencedDisks,
    DateTimeOffset FullReadAt,
    string? Warning);
