using System.Globalization;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.WsMan.WsManTestServer;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>Enumerate, Pull and Release over the wire, in the shapes of docs/WSMAN.md.</summary>
public sealed class WsManEnumerateTests
{
    private const string VmQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'";
    private const string Items = "/s:Envelope/s:Body/n:EnumerateResponse/w:Items";

    [Fact]
    public async Task Enumerate_WqlOptimized_ReturnsAllItemsInClassNamespaceWithEndOfSequence()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var messageId = "uuid:" + Guid.NewGuid();

        var reply = await server.SendAsync("HV01/wsman",
            Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", VmQuery), ("MessageID", messageId)));

        reply.AssertOk();
        Assert.Equal("application/soap+xml", reply.MediaType);
        Assert.Equal(WsManNames.ActionEnumerateResponse, reply.Text("/s:Envelope/s:Header/a:Action"));
        Assert.Equal(messageId, reply.Text("/s:Envelope/s:Header/a:RelatesTo"));
        Assert.StartsWith("uuid:", reply.Text("/s:Envelope/s:Header/a:MessageID"));
        Assert.Equal(fleet.Vms.Select(v => v.Name).Order(), reply.Texts($"{Items}/cs:Msvm_ComputerSystem/cs:ElementName").Order());
        Assert.Equal(fleet.Vms.Select(v => SimulatedCim.FormatGuid(v.Id)).Order(), reply.Texts($"{Items}/cs:Msvm_ComputerSystem/cs:Name").Order());
        Assert.NotNull(reply.Node("/s:Envelope/s:Body/n:EnumerateResponse/w:EndOfSequence"));
        Assert.Null(reply.Node("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext"));
    }

    [Fact]
    public async Task Enumerate_VmInstance_EncodesNilDatetimeAndScalars()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[1];

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"),
            ("Filter", $"SELECT * FROM Msvm_ComputerSystem WHERE Name = '{SimulatedCim.FormatGuid(vm.Id)}'")));

        reply.AssertOk();
        var item = $"{Items}/cs:Msvm_ComputerSystem";
        Assert.Single(reply.Nodes(item).Cast<System.Xml.XmlNode>());
        Assert.Equal("true", reply.Node($"{item}/cs:OtherEnabledState")?.Attributes?["nil", WsManNames.XmlSchemaInstance]?.Value);
        Assert.Equal(string.Empty, reply.Text($"{item}/cs:OtherEnabledState"));
        var installDate = reply.Text($"{item}/cs:InstallDate/cim:Datetime");
        Assert.Equal(vm.Created, DateTimeOffset.Parse(installDate!, CultureInfo.InvariantCulture));
        Assert.Equal(((ushort)VmState.Running).ToString(CultureInfo.InvariantCulture), reply.Text($"{item}/cs:EnabledState"));
        Assert.Equal("Msvm_ComputerSystem", reply.Text($"{item}/cs:CreationClassName"));
    }

    [Fact]
    public async Task Enumerate_JobInstance_EncodesIntervalAndBoolean()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        fleet.Hv01.CreateSnapshot(fleet.Vms[2].Id, 2);
        fleet.Sim.Advance(fleet.Hv01, TimeSpan.FromSeconds(1));

        var reply = await server.SendAsync("HV01/wsman",
            Golden("EnumerateClass.xml", ("ResourceURI", Class("Msvm_ConcreteJob")), ("MaxElements", "10")));

        reply.AssertOk();
        var job = $"{Items}/job:Msvm_ConcreteJob[job:JobState='4']";
        Assert.Equal(TimeSpan.FromMinutes(5), System.Xml.XmlConvert.ToTimeSpan(reply.Text($"{job}/job:TimeBeforeRemoval/cim:Interval")!));
        Assert.Equal(TimeSpan.FromSeconds(1), System.Xml.XmlConvert.ToTimeSpan(reply.Text($"{job}/job:ElapsedTime/cim:Interval")!));
        Assert.Equal("false", reply.Text($"{job}/job:DeleteOnCompletion"));
    }

    [Fact]
    public async Task Enumerate_ArrayProperty_RepeatsTheElementPerItem()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[0];
        vm.Activity = VmActivity.MergingDisks;

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"),
            ("Filter", $"SELECT * FROM Msvm_ComputerSystem WHERE Name = '{SimulatedCim.FormatGuid(vm.Id)}'")));

        reply.AssertOk();
        Assert.Equal(["2", "32772"], reply.Texts($"{Items}/cs:Msvm_ComputerSystem/cs:OperationalStatus"));
    }

    [Fact]
    public async Task Enumerate_EmptyArray_LeavesThePropertyOut()
    {
        var fleet = new WsManFleet(vmsOnHv01: 1);
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "50"),
            ("Filter", "SELECT * FROM Msvm_StorageAllocationSettingData")));

        reply.AssertOk();
        var dvd = $"{Items}/sasd:Msvm_StorageAllocationSettingData[sasd:ResourceType='16']";
        var disk = $"{Items}/sasd:Msvm_StorageAllocationSettingData[sasd:ResourceType='31']";
        Assert.NotNull(reply.Node(dvd));
        Assert.Null(reply.Node($"{dvd}/sasd:HostResource"));
        Assert.Contains(fleet.Vms[0].Disks[0], reply.Texts($"{disk}/sasd:HostResource"));
    }

    [Fact]
    public async Task Enumerate_SelectList_SendsOnlySelectedAndKeyProperties()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"),
            ("Filter", "SELECT ElementName FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")));

        reply.AssertOk();
        var names = reply.Nodes($"{Items}/cs:Msvm_ComputerSystem").Cast<System.Xml.XmlNode>()
            .Select(item => item.ChildNodes.Cast<System.Xml.XmlNode>().Select(p => p.LocalName).Order().ToList()).ToList();
        Assert.Equal(3, names.Count);
        Assert.All(names, properties => Assert.Equal(["CreationClassName", "ElementName", "Name"], properties));
    }

    [Fact]
    public async Task Enumerate_ClassResourceUriWithoutFilter_ReturnsEveryInstanceOfTheClass()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman",
            Golden("EnumerateClass.xml", ("ResourceURI", Class("Msvm_ComputerSystem")), ("MaxElements", "100")));

        reply.AssertOk();
        Assert.Equal(["HV01", .. fleet.Vms.Select(v => v.Name)], reply.Texts($"{Items}/cs:Msvm_ComputerSystem/cs:ElementName").Order());
    }

    [Fact]
    public async Task Enumerate_AssociatorsOf_GoesThroughTheWqlFilter()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[0];
        var wql = $"ASSOCIATORS OF {{Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"{SimulatedCim.FormatGuid(vm.Id)}\"}} " +
                  "WHERE AssocClass = Msvm_SnapshotOfVirtualSystem";

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"), ("Filter", wql)));

        reply.AssertOk();
        Assert.Equal([$"Microsoft:{SimulatedCim.FormatGuid(vm.Checkpoints[0].Id)}"],
            reply.Texts($"{Items}/vssd:Msvm_VirtualSystemSettingData/vssd:InstanceID"));
    }

    [Fact]
    public async Task EnumerateAndPull_SmallMaxElements_PagesThroughEveryItemOnce()
    {
        var fleet = new WsManFleet(vmsOnHv01: 7);
        await using var server = await StartAsync(fleet.Fleet);

        var replies = await server.EnumerateAllAsync("HV01/wsman", VmQuery, maxElements: 2);

        // 7 items, 2 at a time: the Enumerate response and three Pulls.
        Assert.Equal(4, replies.Count);
        Assert.Equal(2, replies[0].Nodes($"{Items}/cs:Msvm_ComputerSystem").Count);
        Assert.Null(replies[0].Node("/s:Envelope/s:Body/n:EnumerateResponse/w:EndOfSequence"));
        var pulled = replies.Skip(1).ToList();
        Assert.All(pulled, r => Assert.Equal(WsManNames.ActionPullResponse, r.Text("/s:Envelope/s:Header/a:Action")));
        Assert.Equal([2, 2, 1], pulled.Select(r => r.Nodes("/s:Envelope/s:Body/n:PullResponse/n:Items/cs:Msvm_ComputerSystem").Count));
        Assert.All(pulled[..^1], r => Assert.Null(r.Node("/s:Envelope/s:Body/n:PullResponse/n:EndOfSequence")));
        Assert.NotNull(pulled[^1].Node("/s:Envelope/s:Body/n:PullResponse/n:EndOfSequence"));
        var names = replies.SelectMany(r => r.Texts("//cs:Msvm_ComputerSystem/cs:ElementName")).ToList();
        Assert.Equal(fleet.Vms.Select(v => v.Name).Order(), names.Order());
    }

    [Fact]
    public async Task Enumerate_NotOptimized_AnswersWithAContextOnlyAndPullsEverything()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("EnumerateNotOptimized.xml", ("ResourceURI", V2 + "*"), ("Filter", VmQuery)));

        reply.AssertOk();
        Assert.Null(reply.Node("/s:Envelope/s:Body/n:EnumerateResponse/w:Items"));
        var context = reply.Text("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext");
        Assert.False(string.IsNullOrWhiteSpace(context));
        var pull = await server.SendAsync("HV01/wsman", Golden("Pull.xml", ("ResourceURI", V2 + "*"), ("Context", context!), ("MaxElements", "10")));
        pull.AssertOk();
        Assert.Equal(3, pull.Nodes("/s:Envelope/s:Body/n:PullResponse/n:Items/cs:Msvm_ComputerSystem").Count);
        Assert.NotNull(pull.Node("/s:Envelope/s:Body/n:PullResponse/n:EndOfSequence"));
    }

    [Fact]
    public async Task Release_OpenContext_EndsItSoALaterPullFaults()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var first = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "1"), ("Filter", VmQuery)));
        var context = first.AssertOk().Text("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext");
        Assert.NotNull(context);
        var releaseId = "uuid:" + Guid.NewGuid();

        var release = await server.SendAsync("HV01/wsman", Golden("Release.xml", ("ResourceURI", V2 + "*"), ("Context", context), ("MessageID", releaseId)));
        var pull = await server.SendAsync("HV01/wsman", Golden("Pull.xml", ("ResourceURI", V2 + "*"), ("Context", context), ("MaxElements", "1")));

        release.AssertOk();
        Assert.Equal(WsManNames.ActionReleaseResponse, release.Text("/s:Envelope/s:Header/a:Action"));
        Assert.Equal(releaseId, release.Text("/s:Envelope/s:Header/a:RelatesTo"));
        pull.AssertFault("n:InvalidEnumerationContext");
    }

    [Fact]
    public async Task Pull_ContextPastItsLifetime_FaultsInvalidEnumerationContext()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions { EnumerationContextLifetime = TimeSpan.FromMinutes(1) });
        var first = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "1"), ("Filter", VmQuery)));
        var context = first.AssertOk().Text("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext")!;
        var beforeExpiry = await server.SendAsync("HV01/wsman", Golden("Pull.xml", ("ResourceURI", V2 + "*"), ("Context", context), ("MaxElements", "1")));

        fleet.Sim.Time.Advance(TimeSpan.FromMinutes(1));
        var afterExpiry = await server.SendAsync("HV01/wsman", Golden("Pull.xml", ("ResourceURI", V2 + "*"), ("Context", context), ("MaxElements", "1")));

        beforeExpiry.AssertOk();
        afterExpiry.AssertFault("n:InvalidEnumerationContext");
    }

    [Fact]
    public async Task Pull_ContextOfAnotherHost_FaultsInvalidEnumerationContext()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var first = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "1"), ("Filter", VmQuery)));
        var context = first.AssertOk().Text("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext")!;

        var pull = await server.SendAsync("HV02/wsman", Golden("Pull.xml", ("ResourceURI", V2 + "*"), ("Context", context), ("MaxElements", "1")));

        pull.AssertFault("n:InvalidEnumerationContext");
    }

    [Fact]
    public async Task Enumerate_MoreOpenContextsThanTheCap_FaultsQuotaLimit()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions { MaxEnumerationContexts = 2 });

        var replies = new List<WsManReply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await server.SendAsync("HV01/wsman", Golden("EnumerateNotOptimized.xml", ("ResourceURI", V2 + "*"), ("Filter", VmQuery))));
        }

        replies[0].AssertOk();
        replies[1].AssertOk();
        replies[2].AssertFault("w:QuotaLimit");
    }

    [Fact]
    public async Task Enumerate_InvalidClass_FaultsWithWmiInvalidClassCode()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"),
            ("Filter", "SELECT * FROM Msvm_NoSuchClass")));

        reply.AssertFault("a:DestinationUnreachable");
        Assert.Equal("s:Sender", reply.Text("/s:Envelope/s:Body/s:Fault/s:Code/s:Value"));
        Assert.Equal("2147749904", reply.Text("/s:Envelope/s:Body/s:Fault/s:Detail/err:MSFT_WmiError/err:error_Code"));
        Assert.Equal("5", reply.Text("/s:Envelope/s:Body/s:Fault/s:Detail/err:MSFT_WmiError/err:CIMStatusCode"));
        Assert.Contains("Msvm_NoSuchClass", reply.Text("/s:Envelope/s:Body/s:Fault/s:Detail/err:MSFT_WmiError/err:Message"));
        Assert.Equal("HV01", reply.Node("/s:Envelope/s:Body/s:Fault/s:Detail/f:WSManFault")?.Attributes?["Machine"]?.Value);
    }

    [Fact]
    public async Task Enumerate_InvalidNamespace_FaultsWithWmiInvalidNamespaceCode()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml",
            ("ResourceURI", "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/nothing/here/*"), ("MaxElements", "10"),
            ("Filter", "SELECT * FROM Msvm_ComputerSystem")));

        reply.AssertFault("a:DestinationUnreachable");
        Assert.Equal("2147749902", reply.Text("//err:MSFT_WmiError/err:error_Code"));
    }

    [Fact]
    public async Task Enumerate_InvalidQuery_FaultsCannotProcessFilter()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"),
            ("Filter", "SELEKT everything FROM Msvm_ComputerSystem")));

        reply.AssertFault("w:CannotProcessFilter");
        Assert.Equal(((uint)0x80041017).ToString(CultureInfo.InvariantCulture), reply.Text("//err:MSFT_WmiError/err:error_Code"));
    }

    [Fact]
    public async Task Enumerate_WildcardWithoutFilter_FaultsFilteringRequired()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("EnumerateClass.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10")));

        reply.AssertFault("w:FilteringRequired");
    }

    [Fact]
    public async Task Enumerate_EprMode_ReturnsEndpointReferencesWithKeys()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var envelope = Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "10"), ("Filter", VmQuery))
            .Replace("<w:OptimizeEnumeration/>", "<w:OptimizeEnumeration/><w:EnumerationMode>EnumerateEPR</w:EnumerationMode>", StringComparison.Ordinal);

        var reply = await server.SendAsync("HV01/wsman", envelope);

        reply.AssertOk();
        var eprs = $"{Items}/a:EndpointReference";
        Assert.Equal(3, reply.Nodes(eprs).Count);
        Assert.All(reply.Texts($"{eprs}/a:ReferenceParameters/w:ResourceURI"), uri => Assert.Equal(Class("Msvm_ComputerSystem"), uri));
        Assert.Equal(fleet.Vms.Select(v => SimulatedCim.FormatGuid(v.Id)).Order(),
            reply.Texts($"{eprs}/a:ReferenceParameters/w:SelectorSet/w:Selector[@Name='Name']").Order());
        Assert.Null(reply.Node($"{Items}/cs:Msvm_ComputerSystem"));
    }
}
