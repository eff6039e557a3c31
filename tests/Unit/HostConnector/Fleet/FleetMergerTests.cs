using System.Collections.Immutable;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class FleetMergerTests
{
    private static readonly DateTimeOffset s_now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid s_dc01 = new("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10");
    private static readonly Guid s_fs01 = new("0EC082D5-6827-457A-BAE2-F986E1B94851");
    private static readonly Guid s_sql01 = new("11111111-2222-3333-4444-555555555555");
    private static readonly Dictionary<Guid, string> s_noOwners = [];

    private static VirtualMachine Vm(Guid id, string name, string host, DateTimeOffset? staleSince = null, VmState state = VmState.Running) =>
        new() { Id = id, Name = name, Host = host, Cluster = "CLU01", State = state, StaleSince = staleSince };

    private static HostInventoryEntry Host(string name, DateTimeOffset? lastSuccess, params VirtualMachine[] vms) =>
        new(new HostStatus { Name = name, Endpoint = $"sim://{name}", State = HostState.Online, LastSuccess = lastSuccess }, [.. vms]);

    /// <summary>Merges in both orders: the choice must not depend on which host was read first.</summary>
    private static void AssertChosen(HostInventoryEntry a, HostInventoryEntry b, IReadOnlyDictionary<Guid, string> owners, string expectedHost)
    {
        foreach (var order in new[] { new[] { a, b }, new[] { b, a } })
        {
            var vm = Assert.Single(FleetMerger.Merge(order, owners));
            Assert.Equal(expectedHost, vm.Host);
        }
    }

    [Fact]
    public void Merge_FreshAndStaleCopies_FreshWinsEvenAgainstOwnerAndNewerRead()
    {
        var stale = Host("HV01", s_now, Vm(s_dc01, "DC01", "HV01", staleSince: s_now.AddMinutes(-5)));
        var fresh = Host("HV02", s_now.AddMinutes(-1), Vm(s_dc01, "DC01", "HV02"));
        var owners = new Dictionary<Guid, string> { [s_dc01] = "HV01" };

        AssertChosen(stale, fresh, owners, "HV02");
    }

    [Fact]
    public void Merge_TwoFreshCopies_ClusterOwnerWinsEvenAgainstNewerRead()
    {
        var owner = Host("HV01", s_now.AddMinutes(-1), Vm(s_dc01, "DC01", "HV01"));
        var other = Host("HV02", s_now, Vm(s_dc01, "DC01", "HV02"));
        var owners = new Dictionary<Guid, string> { [s_dc01] = "hv01" };

        AssertChosen(owner, other, owners, "HV01");
    }

    [Fact]
    public void Merge_TwoStaleCopies_ClusterOwnerWins()
    {
        var owner = Host("HV01", s_now.AddMinutes(-9), Vm(s_dc01, "DC01", "HV01", staleSince: s_now));
        var other = Host("HV02", s_now, Vm(s_dc01, "DC01", "HV02", staleSince: s_now));
        var owners = new Dictionary<Guid, string> { [s_dc01] = "HV01" };

        AssertChosen(owner, other, owners, "HV01");
    }

    [Fact]
    public void Merge_NoOwnerKnown_MostRecentReadWins()
    {
        var older = Host("HV01", s_now.AddMinutes(-2), Vm(s_dc01, "DC01", "HV01"));
        var newer = Host("HV02", s_now, Vm(s_dc01, "DC01", "HV02"));

        AssertChosen(older, newer, s_noOwners, "HV02");
    }

    [Fact]
    public void Merge_OwnerIsNeitherReporter_MostRecentReadWins()
    {
        var older = Host("HV01", s_now.AddMinutes(-2), Vm(s_dc01, "DC01", "HV01"));
        var newer = Host("HV02", s_now, Vm(s_dc01, "DC01", "HV02"));
        var owners = new Dictionary<Guid, string> { [s_dc01] = "HV03" };

        AssertChosen(older, newer, owners, "HV02");
    }

    [Fact]
    public void Merge_NeverSucceededHost_LosesToOneThatDid()
    {
        var never = Host("HV01", null, Vm(s_dc01, "DC01", "HV01"));
        var once = Host("HV02", s_now.AddDays(-1), Vm(s_dc01, "DC01", "HV02"));

        AssertChosen(never, once, s_noOwners, "HV02");
    }

    [Fact]
    public void Merge_ManyHosts_EveryVmExactlyOnceSortedByNameThenHost()
    {
        HostInventoryEntry[] hosts =
        [
            Host("HV02", s_now, Vm(s_sql01, "sql01", "HV02"), Vm(s_dc01, "DC01", "HV02")),
            Host("HV01", s_now.AddMinutes(-1), Vm(s_dc01, "DC01", "HV01"), Vm(s_fs01, "App", "HV01")),
            Host("HV03", s_now, Vm(Guid.Parse("22222222-2222-3333-4444-555555555555"), "app", "HV00")),
            Host("HV04", s_now),
        ];

        var vms = FleetMerger.Merge(hosts, s_noOwners);

        Assert.Equal(4, vms.Length);
        Assert.Equal(vms.Length, vms.Select(v => v.Id).Distinct().Count());
        Assert.Equal(["app@HV00", "App@HV01", "DC01@HV02", "sql01@HV02"], vms.Select(v => $"{v.Name}@{v.Host}"));
    }

    [Fact]
    public void Merge_NoHosts_IsEmpty()
    {
        Assert.Empty(FleetMerger.Merge([], ImmutableDictionary<Guid, string>.Empty));
    }
}
