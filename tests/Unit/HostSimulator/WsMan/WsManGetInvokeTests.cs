using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.WsMan;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.WsMan.WsManTestServer;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>Get by selectors and Invoke with EPR and embedded-instance parameters, in the shapes of docs/WSMAN.md.</summary>
public sealed class WsManGetInvokeTests
{
    private const string Output = "/s:Envelope/s:Body/snap:CreateSnapshot_OUTPUT";

    [Fact]
    public async Task Get_BySelectors_ReturnsTheInstance()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[2];
        var messageId = "uuid:" + Guid.NewGuid();

        var reply = await server.SendAsync("HV01/wsman", Golden("Get.xml", ("ResourceURI", Class("Msvm_ComputerSystem")), ("MessageID", messageId),
            ("SelectorsXml", Selectors(("CreationClassName", "Msvm_ComputerSystem"), ("Name", SimulatedCim.FormatGuid(vm.Id))))));

        reply.AssertOk();
        Assert.Equal(WsManNames.ActionGetResponse, reply.Text("/s:Envelope/s:Header/a:Action"));
        Assert.Equal(messageId, reply.Text("/s:Envelope/s:Header/a:RelatesTo"));
        Assert.Equal(vm.Name, reply.Text("/s:Envelope/s:Body/cs:Msvm_ComputerSystem/cs:ElementName"));
    }

    [Fact]
    public async Task Get_UnknownKey_FaultsInvalidSelectorsWithWmiNotFound()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Get.xml", ("ResourceURI", Class("Msvm_ComputerSystem")),
            ("SelectorsXml", Selectors(("CreationClassName", "Msvm_ComputerSystem"), ("Name", SimulatedCim.FormatGuid(Guid.NewGuid()))))));

        reply.AssertFault("w:InvalidSelectors");
        Assert.Equal(SimulatedCimServer.NotFoundCode.ToString(CultureInfo.InvariantCulture), reply.Text("//err:MSFT_WmiError/err:error_Code"));
        Assert.Equal("6", reply.Text("//err:MSFT_WmiError/err:CIMStatusCode"));
    }

    [Fact]
    public async Task Get_NoSelectors_FaultsInvalidSelectors()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("Get.xml", ("ResourceURI", Class("Msvm_ComputerSystem")), ("SelectorsXml", string.Empty)));

        reply.AssertFault("w:InvalidSelectors");
    }

    [Fact]
    public async Task Invoke_CreateSnapshotWithEscapedEmbeddedInstance_StartsAJobWhoseEprCanBeRead()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[1];
        var messageId = "uuid:" + Guid.NewGuid();

        var reply = await server.SendAsync("HV01/wsman", Golden("CreateSnapshot.xml", ("HostName", "HV01"), ("MessageID", messageId),
            ("VmGuid", SimulatedCim.FormatGuid(vm.Id)), ("SnapshotType", "2")));

        reply.AssertOk();
        Assert.Equal(Class("Msvm_VirtualSystemSnapshotService") + "/CreateSnapshotResponse", reply.Text("/s:Envelope/s:Header/a:Action"));
        Assert.Equal(messageId, reply.Text("/s:Envelope/s:Header/a:RelatesTo"));
        Assert.Equal("4096", reply.Text($"{Output}/snap:ReturnValue"));
        Assert.Equal("true", reply.Node($"{Output}/snap:ResultingSnapshot")?.Attributes?["nil", WsManNames.XmlSchemaInstance]?.Value);
        Assert.Equal(WsManNames.AnonymousAddress, reply.Text($"{Output}/snap:Job/a:Address"));
        Assert.Equal(Class("Msvm_ConcreteJob"), reply.Text($"{Output}/snap:Job/a:ReferenceParameters/w:ResourceURI"));
        var jobId = reply.Text($"{Output}/snap:Job/a:ReferenceParameters/w:SelectorSet/w:Selector[@Name='InstanceID']");
        Assert.False(string.IsNullOrWhiteSpace(jobId));

        var running = await GetJobAsync(server, jobId);
        fleet.Sim.Advance(fleet.Hv01, TimeSpan.FromMinutes(1));
        var finished = await GetJobAsync(server, jobId);

        Assert.Equal(HyperVSchema.JobState.Running.ToString(CultureInfo.InvariantCulture), running.Text("/s:Envelope/s:Body/job:Msvm_ConcreteJob/job:JobState"));
        Assert.Equal(HyperVSchema.JobState.Completed.ToString(CultureInfo.InvariantCulture), finished.Text("/s:Envelope/s:Body/job:Msvm_ConcreteJob/job:JobState"));
        Assert.Single(vm.Checkpoints);
        Assert.Equal(HyperVSchema.SystemType.SnapshotRealized, vm.Checkpoints[0].SystemType);
    }

    [Fact]
    public async Task Invoke_ModifySystemSettingsWithCdataEmbeddedInstance_AppliesIt()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[2];

        var reply = await server.SendAsync("HV01/wsman", Golden("ModifySystemSettingsCData.xml",
            ("VmGuid", SimulatedCim.FormatGuid(vm.Id)), ("NewName", "RENAMED-OVER-WSMAN"), ("SnapshotType", "5")));

        reply.AssertOk();
        Assert.Equal("4096", reply.Text("/s:Envelope/s:Body/vsms:ModifySystemSettings_OUTPUT/vsms:ReturnValue"));
        Assert.NotNull(reply.Text("/s:Envelope/s:Body/vsms:ModifySystemSettings_OUTPUT/vsms:Job/a:ReferenceParameters/w:SelectorSet/w:Selector"));
        Assert.Equal("RENAMED-OVER-WSMAN", vm.Name);
        Assert.Equal(5, vm.UserSnapshotType);
    }

    [Fact]
    public async Task Invoke_WithAnObserver_ReportsHostMethodTargetAndParameters_BeforeTheMethodRuns()
    {
        var fleet = new WsManFleet();
        var vm = fleet.Vms[2];
        var seen = new List<(WsManInvocation Call, ushort TypeWhenCalled)>();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions
        {
            UserName = User,
            Password = Password,
            OnInvoke = call => seen.Add((call, vm.UserSnapshotType)),
        });

        var reply = await server.SendAsync("HV01/wsman", Golden("ModifySystemSettingsCData.xml",
            ("VmGuid", SimulatedCim.FormatGuid(vm.Id)), ("NewName", "OBSERVED"), ("SnapshotType", "5")));

        reply.AssertOk();
        var (call, typeWhenCalled) = Assert.Single(seen);
        Assert.Equal("HV01", call.Host);
        Assert.Equal("ModifySystemSettings", call.Method);
        Assert.Equal(HyperVSchema.ManagementService, call.Target.ClassName);
        var settings = Assert.IsType<CimInstance>(call.Arguments["systemsettings"]);
        Assert.Equal(vm.Id, HyperVSchema.GuidFromInstanceId(settings.GetString("InstanceID")));
        Assert.Equal(3, typeWhenCalled);
        Assert.Equal(5, vm.UserSnapshotType);
    }

    [Fact]
    public async Task Invoke_EmbeddedInstanceWithBadValue_FaultsInvalidParameter()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[2];

        var reply = await server.SendAsync("HV01/wsman", Golden("ModifySystemSettingsCData.xml",
            ("VmGuid", SimulatedCim.FormatGuid(vm.Id)), ("NewName", "NOT-APPLIED"), ("SnapshotType", "not-a-number")));

        reply.AssertFault("w:InvalidParameter");
        Assert.Equal(SimulatedCimServer.InvalidParameterCode.ToString(CultureInfo.InvariantCulture), reply.Text("//err:MSFT_WmiError/err:error_Code"));
        Assert.Equal("VM03", vm.Name);
    }

    [Fact]
    public async Task Invoke_RepeatedParameterElement_IsReadAsAnArray()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var vm = fleet.Vms[2];

        // RequestedState is a scalar: one element is accepted, two elements make an array the method refuses.
        var repeated = await server.SendAsync("HV01/wsman", Golden("RequestStateChange.xml", ("VmGuid", SimulatedCim.FormatGuid(vm.Id)),
            ("ParametersXml", "<p:RequestedState>3</p:RequestedState><p:RequestedState>2</p:RequestedState>")));
        var single = await server.SendAsync("HV01/wsman", Golden("RequestStateChange.xml", ("VmGuid", SimulatedCim.FormatGuid(vm.Id)),
            ("ParametersXml", "<p:RequestedState>3</p:RequestedState>")));

        repeated.AssertFault("w:InvalidParameter");
        Assert.Contains("RequestedState", repeated.Text("//err:MSFT_WmiError/err:Message"), StringComparison.Ordinal);
        Assert.Equal("4096", single.AssertOk().Text("//*[local-name()='RequestStateChange_OUTPUT']/*[local-name()='ReturnValue']"));
    }

    [Fact]
    public async Task Invoke_UnknownMethod_FaultsActionNotSupported()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var envelope = Golden("CreateSnapshot.xml", ("HostName", "HV01"), ("VmGuid", SimulatedCim.FormatGuid(fleet.Vms[0].Id)), ("SnapshotType", "2"))
            .Replace("/CreateSnapshot</a:Action>", "/Explode</a:Action>", StringComparison.Ordinal)
            .Replace("CreateSnapshot_INPUT", "Explode_INPUT", StringComparison.Ordinal);

        var reply = await server.SendAsync("HV01/wsman", envelope);

        reply.AssertFault("w:ActionNotSupported");
        Assert.Equal(SimulatedCimServer.InvalidMethodCode.ToString(CultureInfo.InvariantCulture), reply.Text("//err:MSFT_WmiError/err:error_Code"));
    }

    [Fact]
    public async Task Request_UnknownAction_FaultsAddressingActionNotSupported()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var envelope = Golden("Get.xml", ("ResourceURI", Class("Msvm_ComputerSystem")), ("SelectorsXml", Selectors(("Name", "HV01"))))
            .Replace(WsManNames.ActionGet, WsManNames.Transfer + "/Delete", StringComparison.Ordinal);

        var reply = await server.SendAsync("HV01/wsman", envelope);

        reply.AssertFault("a:ActionNotSupported");
        Assert.Null(reply.Node("//err:MSFT_WmiError"));
    }

    private static async Task<WsManReply> GetJobAsync(WsManTestServer server, string? jobId)
    {
        var reply = await server.SendAsync("HV01/wsman", Golden("Get.xml", ("ResourceURI", Class("Msvm_ConcreteJob")),
            ("SelectorsXml", Selectors(("InstanceID", jobId!)))));
        return reply.AssertOk();
    }
}
