using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostConnector.HyperV.HyperVTestInstances;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// The client against the golden samples in <c>Golden/</c>: the requests it writes, compared by structure, and the
/// Hyper-V-shaped responses it reads, down to the values the mapper sees.
/// </summary>
public sealed class WsManGoldenTests
{
    private static readonly Uri s_endpoint = new("https://hv01:5986/wsman");
    private static readonly XName s_messageId = XName.Get("MessageID", WsManNames.Addressing);
    private static readonly WsManResponseContext s_context = new("HV01", null, CimNamespaces.Virtualization, 512_000 + 65_536);

    private static readonly Guid s_vm1 = new("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10");
    private static readonly Guid s_vm2 = new("0EC082D5-6827-457A-BAE2-F986E1B94851");
    private static readonly Guid s_cp1 = new("11111111-2222-3333-4444-000000000001");
    private static readonly Guid s_cp2 = new("11111111-2222-3333-4444-000000000002");

    // ---- Requests ----

    [Fact]
    public void Enumerate_WqlFilter_WritesTheGoldenRequest()
    {
        var header = Header(WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), WsManNames.ActionEnumerate);

        var request = WsManRequestWriter.Enumerate(header, HyperVInventoryReader.VmQuery, 100);

        XmlStructure.AssertEqual(Golden.Text("request-enumerate-wql.xml"), Encoding.UTF8.GetString(request), s_messageId);
    }

    [Fact]
    public void Pull_Context_WritesTheGoldenRequest()
    {
        var header = Header(WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), WsManNames.ActionPull);

        var request = WsManRequestWriter.Pull(header, "uuid:2B5F6C3A-8D1E-4F7A-9B0C-1D2E3F4A5B6C", 100);

        XmlStructure.AssertEqual(Golden.Text("request-pull.xml"), Encoding.UTF8.GetString(request), s_messageId);
    }

    [Fact]
    public void Release_Context_WritesTheGoldenRequest()
    {
        var header = Header(WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), WsManNames.ActionRelease);

        var request = WsManRequestWriter.Release(header, "uuid:2B5F6C3A-8D1E-4F7A-9B0C-1D2E3F4A5B6C");

        XmlStructure.AssertEqual(Golden.Text("request-release.xml"), Encoding.UTF8.GetString(request), s_messageId);
    }

    [Fact]
    public void Get_Selectors_WritesTheGoldenRequest()
    {
        var job = CimReference.Create(HyperVSchema.ConcreteJob, CimNamespaces.Virtualization, ("InstanceID", "2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F"));
        var header = Header(WsManNames.ResourceUri(job.Namespace, job.ClassName), WsManNames.ActionGet) with { Selectors = job.Selectors };

        var request = WsManRequestWriter.Get(header);

        XmlStructure.AssertEqual(Golden.Text("request-get-selectors.xml"), Encoding.UTF8.GetString(request), s_messageId);
    }

    [Fact]
    public void Invoke_CreateSnapshotWithReferenceEmbeddedInstanceAndScalar_WritesTheGoldenRequest()
    {
        var service = SnapshotService();
        var resourceUri = WsManNames.ResourceUri(service.Namespace, service.ClassName);
        var header = Header(resourceUri, WsManNames.MethodAction(resourceUri, "CreateSnapshot")) with { Selectors = service.Selectors };

        var request = WsManRequestWriter.Invoke(header, "CreateSnapshot", CreateSnapshotParameters());

        XmlStructure.AssertEqual(Golden.Text("request-invoke-createsnapshot.xml"), Encoding.UTF8.GetString(request), s_messageId);
    }

    [Fact]
    public void Invoke_NullParameterAndArray_OmitsTheNullAndRepeatsTheElement()
    {
        var header = Header(WsManNames.ResourceUri(CimNamespaces.Virtualization, HyperVSchema.ManagementService), "urn:action");
        var parameters = new Dictionary<string, object?>
        {
            ["Missing"] = null,
            ["Names"] = new object?[] { "a", "b" },
            ["Flag"] = true,
            ["When"] = new DateTimeOffset(2024, 3, 5, 14, 30, 0, TimeSpan.FromHours(2)),
            ["Size"] = 1.5d,
        };

        var xml = XDocument.Parse(Encoding.UTF8.GetString(WsManRequestWriter.Invoke(header, "DoIt", parameters)));

        var input = xml.Descendants().Single(e => e.Name.LocalName == "DoIt_INPUT");
        Assert.Equal(["Names", "Names", "Flag", "When", "Size"], input.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["a", "b"], input.Elements().Where(e => e.Name.LocalName == "Names").Select(e => e.Value));
        Assert.Equal("true", input.Elements().Single(e => e.Name.LocalName == "Flag").Value);
        Assert.Equal("2024-03-05T12:30:00.0000000Z", input.Elements().Single(e => e.Name.LocalName == "When").Value);
        Assert.Equal("1.5", input.Elements().Single(e => e.Name.LocalName == "Size").Value);
    }

    [Fact]
    public void Invoke_ControlCharacterInValue_IsAnInvalidParameter()
    {
        var header = Header(WsManNames.ResourceUri(CimNamespaces.Virtualization, HyperVSchema.ManagementService), "urn:action");

        var error = Assert.Throws<CimException>(() =>
            WsManRequestWriter.Invoke(header, "DoIt", new Dictionary<string, object?> { ["Name"] = "bad\u0001name" }));

        Assert.Equal(CimErrorKind.InvalidParameter, error.Kind);
        Assert.Contains("'Name'", error.Message, StringComparison.Ordinal);
    }

    // ---- Responses ----

    [Fact]
    public void ReadEnumerateResponse_ComputerSystems_ReadsTheInstanceAsTheEncodingSays()
    {
        var page = WsManResponseReader.ReadEnumerateResponse(Golden.Bytes("response-enumerate-computersystem.xml"), s_context);

        Assert.Equal("uuid:2B5F6C3A-8D1E-4F7A-9B0C-1D2E3F4A5B6C", page.EnumerationContext);
        Assert.False(page.EndOfSequence);
        var vm = Assert.Single(page.Items);
        Assert.Equal("Msvm_ComputerSystem", vm.ClassName);
        Assert.Equal(CimNamespaces.Virtualization, vm.Namespace);
        Assert.Equal("PRD-SQL01", vm["ElementName"]);
        Assert.Equal("2", vm["EnabledState"]);
        Assert.Equal((ushort)2, vm.GetUInt16("EnabledState"));
        Assert.Equal(new object?[] { "2", "32772" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(vm["OperationalStatus"]));
        Assert.Equal([(ushort)2, (ushort)32772], vm.GetUInt16Array("OperationalStatus"));
        Assert.Equal(["Operating normally", "Merging disks"], vm.GetStringArray("StatusDescriptions"));
        Assert.True(vm.HasProperty("OtherEnabledState"));
        Assert.Null(vm["OtherEnabledState"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 10, 20, 30, 123, TimeSpan.Zero), Assert.IsType<DateTimeOffset>(vm["InstallDate"]));
        Assert.Equal(
            CimReference.Create("Msvm_ComputerSystem", CimNamespaces.Virtualization,
                ("CreationClassName", "Msvm_ComputerSystem"), ("Name", "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")),
            vm.Path);
        Assert.Equal(["CreationClassName", "Name"], vm.KeyNames);
        Assert.Equal(vm.Path, vm.ToReference());
    }

    [Fact]
    public void ReadPullResponse_LastPage_HasEndOfSequenceAndASingleItemArrayAsOneValue()
    {
        var page = WsManResponseReader.ReadPullResponse(Golden.Bytes("response-pull-end.xml"), s_context);

        Assert.True(page.EndOfSequence);
        Assert.Null(page.EnumerationContext);
        var vm = Assert.Single(page.Items);
        Assert.Equal("PRD-WEB01", vm.GetString("ElementName"));
        Assert.Equal("2", vm["OperationalStatus"]);
        Assert.Equal([(ushort)2], vm.GetUInt16Array("OperationalStatus"));
        Assert.Null(vm.GetDateTime("InstallDate"));
    }

    [Fact]
    public void ReadPullResponse_GivenAnEnumerateResponse_IsMalformedNamingWhatWasExpected()
    {
        var error = Assert.Throws<CimException>(() =>
            WsManResponseReader.ReadPullResponse(Golden.Bytes("response-enumerate-computersystem.xml"), s_context));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("expected n:PullResponse in the s:Body, got {http://schemas.xmlsoap.org/ws/2004/09/enumeration}EnumerateResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetResponse_ConcreteJob_ReadsDatetimesIntervalsAndNil()
    {
        var job = WsManResponseReader.ReadGetResponse(Golden.Bytes("response-get-concretejob.xml"), s_context);

        Assert.Equal("Msvm_ConcreteJob", job.ClassName);
        Assert.Equal(CimNamespaces.Virtualization, job.Namespace);
        Assert.Equal("2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F", job.GetString("InstanceID"));
        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal(HyperVSchema.JobType.SnapshotVm, job.GetUInt16("JobType"));
        Assert.Equal(TimeSpan.FromMilliseconds(3512), Assert.IsType<TimeSpan>(job["ElapsedTime"]));
        Assert.Equal(TimeSpan.FromMinutes(5), job.GetInterval("TimeBeforeRemoval"));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 14, 30, 1, 250, TimeSpan.Zero), job.GetDateTime("StartTime"));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 14, 30, 0, 500, TimeSpan.Zero), job.GetDateTime("TimeSubmitted"));
        Assert.True(job.HasProperty("ErrorDescription"));
        Assert.Null(job["ErrorDescription"]);
        Assert.True(job.GetBoolean("Cancellable"));
        Assert.Null(job.Path);
    }

    [Fact]
    public void ReadInvokeResponse_CreateSnapshot_GivesTheReturnValueTheJobReferenceAndANullSnapshot()
    {
        var result = WsManResponseReader.ReadInvokeResponse(Golden.Bytes("response-invoke-createsnapshot.xml"), s_context, "CreateSnapshot");

        Assert.Equal("CreateSnapshot", result.MethodName);
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, result.ReturnValue);
        Assert.False(result.OutParameters.HasProperty("ReturnValue"));
        var job = result.OutParameters.GetReference("Job");
        Assert.NotNull(job);
        Assert.Equal(HyperVSchema.ConcreteJob, job.ClassName);
        Assert.Equal(CimNamespaces.Virtualization, job.Namespace);
        Assert.Equal([KeyValuePair.Create("InstanceID", "2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F")], job.Selectors);
        Assert.True(result.OutParameters.HasProperty("ResultingSnapshot"));
        Assert.Null(result.OutParameters.GetReference("ResultingSnapshot"));
    }

    [Fact]
    public void ReadInvokeResponse_OutputOfAnotherMethod_IsMalformed()
    {
        var error = Assert.Throws<CimException>(() =>
            WsManResponseReader.ReadInvokeResponse(Golden.Bytes("response-invoke-createsnapshot.xml"), s_context, "DestroySnapshot"));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("expected p:DestroySnapshot_OUTPUT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnumerateResponse_ClusterResource_ReadsPrivatePropertiesAsAnEmbeddedInstance()
    {
        var context = s_context with { DefaultNamespace = CimNamespaces.Cluster };

        var page = WsManResponseReader.ReadEnumerateResponse(Golden.Bytes("response-cluster-resource.xml"), context);

        Assert.True(page.EndOfSequence);
        var resource = Assert.Single(page.Items);
        Assert.Equal("MSCluster_Resource", resource.ClassName);
        Assert.Equal(CimNamespaces.Cluster, resource.Namespace);
        var properties = resource.GetInstance("PrivateProperties");
        Assert.NotNull(properties);
        Assert.Equal("MSCluster_Property", properties.ClassName);
        Assert.Equal(CimNamespaces.Cluster, properties.Namespace);
        Assert.Equal("6f0c8b1e-3a47-4d2b-9c51-0e2f7a9b4c10", properties.GetString("VmID"));
        Assert.Equal(1u, properties.GetUInt32("OfflineAction"));
        Assert.Equal("2", resource["State"]);

        // The DMTF-style Location: class from the URI's last segment, namespace from __cimnamespace.
        Assert.Equal(CimReference.Create("MSCluster_Resource", CimNamespaces.Cluster, ("Name", "Virtual Machine PRD-SQL01")), resource.Path);
    }

    [Theory]
    [InlineData("fault-invalid-selectors.xml", CimErrorKind.NotFound, 2150858843u,
        "The WS-Management service cannot process the request because the request contained invalid selectors for the resource.")]
    [InlineData("fault-wmi-not-found.xml", CimErrorKind.NotFound, 0x80041002u, "Not found")]
    [InlineData("fault-wmi-invalid-class.xml", CimErrorKind.NotFound, 0x80041010u, "Invalid class")]
    [InlineData("fault-wmi-invalid-query.xml", CimErrorKind.InvalidQuery, 0x80041017u, "Invalid query")]
    [InlineData("fault-access-denied.xml", CimErrorKind.AccessDenied, 5u, "Access is denied.")]
    public void ReadGetResponse_Fault_BecomesTheCimExceptionTheFaultTableSays(string sample, CimErrorKind kind, uint code, string hostMessage)
    {
        var error = Assert.Throws<CimException>(() => WsManResponseReader.ReadGetResponse(Golden.Bytes(sample), s_context));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.WmiErrorCode);
        Assert.Equal(hostMessage, error.HostMessage);
        Assert.Equal("HV01", error.Host);
        Assert.StartsWith("HV01 returned a WS-Management fault (", error.Message, StringComparison.Ordinal);
        Assert.Contains(hostMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadFault_NotAFault_IsNull()
    {
        Assert.Null(WsManResponseReader.TryReadFault(Golden.Bytes("response-get-concretejob.xml"), s_context));
        Assert.Equal(CimErrorKind.AccessDenied, WsManResponseReader.TryReadFault(Golden.Bytes("fault-access-denied.xml"), s_context)?.Kind);
    }

    // ---- The mapper sees the same VMs ----

    [Fact]
    public void MapVirtualMachines_WsManParsedInstances_GiveTheSameVmsAsTypedInstances()
    {
        var systems = WsManResponseReader.ReadEnumerateResponse(Golden.Bytes("response-enumerate-computersystem.xml"), s_context).Items
            .Concat(WsManResponseReader.ReadPullResponse(Golden.Bytes("response-pull-end.xml"), s_context).Items)
            .ToList();
        var settings = WsManResponseReader.ReadEnumerateResponse(Golden.Bytes("response-enumerate-settings.xml"), s_context).Items;
        var storage = WsManResponseReader.ReadEnumerateResponse(Golden.Bytes("response-enumerate-storage.xml"), s_context).Items;
        var created1 = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        const string Folder = @"C:\VMs\PRD-SQL01\Virtual Hard Disks\";
        List<CimInstance> typedSystems = [VmSystem(s_vm1, "PRD-SQL01", 2, operationalStatus: [2, 32772]), VmSystem(s_vm2, "PRD-WEB01", 3)];
        List<CimInstance> typedSettings =
        [
            Snapshot(s_vm1, s_cp2, "Before patch", s_cp1, created1.AddDays(2), isAutomatic: true),
            Realized(s_vm1, "PRD-SQL01", s_cp2, new DateTimeOffset(2024, 1, 31, 9, 0, 0, TimeSpan.Zero)),
            Snapshot(s_vm1, s_cp1, "Baseline", null, created1, isSaved: true),
            Realized(s_vm2, "PRD-WEB01", null, new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.Zero), generation: 1, version: "5.0",
                userSnapshotType: null, automaticCheckpoints: false),
        ];
        List<CimInstance> typedStorage =
        [
            .. Disks(s_cp1, Folder + "PRD-SQL01.vhdx"),
            .. Disks(s_cp2, Folder + "PRD-SQL01_A.avhdx"),
            .. Disks(s_vm1, Folder + "PRD-SQL01_B.avhdx"),
            .. Disks(s_vm2, @"D:\VMs\PRD-WEB01\PRD-WEB01.vhdx"),
        ];

        var fromWsMan = Map(systems, settings, storage);
        var fromTyped = Map(typedSystems, typedSettings, typedStorage);

        Assert.Equal(JsonSerializer.Serialize(fromTyped), JsonSerializer.Serialize(fromWsMan));
        var sql = fromWsMan.Single(vm => vm.Name == "PRD-SQL01");
        Assert.Equal(VmState.Running, sql.State);
        Assert.Equal(2, sql.Checkpoints.Length);
        Assert.Equal(s_cp2, sql.CurrentCheckpointId);
        Assert.Equal(VmState.Off, fromWsMan.Single(vm => vm.Name == "PRD-WEB01").State);
    }

    private static ImmutableArray<VirtualMachine> Map(IReadOnlyList<CimInstance> systems, IReadOnlyList<CimInstance> settings, IReadOnlyList<CimInstance> storage) =>
        HyperVMapper.MapVirtualMachines("HV01", null, systems, settings, storage, _ => 1_000);

    internal static CimReference SnapshotService() => CimReference.Create(HyperVSchema.SnapshotService, CimNamespaces.Virtualization,
        ("CreationClassName", HyperVSchema.SnapshotService), ("Name", "vssnapsvc"),
        ("SystemCreationClassName", HyperVSchema.ComputerSystem), ("SystemName", "HV01"));

    internal static Dictionary<string, object?> CreateSnapshotParameters() => new()
    {
        ["AffectedSystem"] = CimReference.Create(HyperVSchema.ComputerSystem, CimNamespaces.Virtualization,
            ("CreationClassName", HyperVSchema.ComputerSystem), ("Name", "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10")),
        ["SnapshotSettings"] = new CimInstance(HyperVSchema.SnapshotSettingData, CimNamespaces.Virtualization,
        [
            KeyValuePair.Create<string, object?>("ConsistencyLevel", (byte)1),
            KeyValuePair.Create<string, object?>("IgnoreNonSnapshottableDisks", true),
        ]),
        ["ResultingSnapshot"] = null,
        ["SnapshotType"] = HyperVSchema.SnapshotKind.Full,
    };

    private static WsManRequestHeader Header(string resourceUri, string action) =>
        new(s_endpoint, resourceUri, action, WsManRequestWriter.NewMessageId(), 512_000, TimeSpan.FromSeconds(15), "en-US");
}
