using CheckpointDashboard.HostConnector.WsMan;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.WsMan.WsManTestServer;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>
/// Interop with a third-party DSP0226 client: Debian's <c>wsl</c> (Dell's "Wsman Shell commandLine", shell scripts over
/// curl and xmllint). It builds its own envelopes (its own prefixes, mustUnderstand on To and MessageID, optimized
/// enumeration, Pull until the context disappears), so it checks the server against more than our own samples.
/// </summary>
public sealed class WslInteropTests
{
    /// <summary>wsl and what its scripts call (uuidgen for message ids).</summary>
    private static readonly string[] s_tools = ["wsl", "xmllint", "curl", "uuidgen"];

    [Fact]
    public async Task WslEnumerate_ComputerSystemClass_ListsTheSimulatedVmsAcrossPulls()
    {
        var missing = s_tools.Where(tool => ExternalProcess.Find(tool) is null).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"Missing {string.Join(", ", missing)} for the wsl interop test: run scripts/install-test-deps.sh (Debian packages wsl, libxml2-utils, curl, uuid-runtime).");
        }

        var fleet = new WsManFleet(vmsOnHv01: 5);
        await using var server = await StartAsync(fleet.Fleet);
        var work = Directory.CreateTempSubdirectory("wsl-interop-");
        try
        {
            // wsl always posts to https?://WSENDPOINT/wsman, so it meets the first standalone host (HV01). Every
            // setting it would prompt for comes from the environment; HOME keeps its generated ~/.wsl-config out of the
            // user's home; -opti 2 makes it page: Enumerate with two items, then Pulls.
            var start = ExternalProcess.StartInfo(ExternalProcess.Find("wsl")!, work.FullName, "enum", Class("Msvm_ComputerSystem"), "-opti", "2");
            start.Environment["HOME"] = work.FullName;
            start.Environment["SHELL"] = "/bin/bash";
            start.Environment["WSENDPOINT"] = $"{server.Host.BaseAddress.Host}:{server.Host.BaseAddress.Port}";
            start.Environment["WSUSER"] = User;
            start.Environment["WSPASS"] = Password;
            start.Environment["WSNOSSL"] = "true";
            start.Environment["KEEPHISTORY"] = "0";
            start.Environment["IPINTERACTIVE"] = "0";
            start.Environment["OUTLEVEL"] = "1";

            var run = await ExternalProcess.RunAsync(start);

            Assert.True(run.ExitCode == 0, ExternalProcess.Describe(run));
            Assert.All(fleet.Vms, vm => Assert.Contains($"<p:ElementName>{vm.Name}</p:ElementName>", run.Output, StringComparison.Ordinal));
            Assert.DoesNotContain("Fault", run.Output, StringComparison.Ordinal);

            // Host plus five VMs, two at a time: the Enumerate and two Pulls, the last ending the sequence.
            Assert.True(File.Exists(Path.Combine(work.FullName, "request-3.xml")), ExternalProcess.Describe(run));
            Assert.False(File.Exists(Path.Combine(work.FullName, "request-4.xml")), ExternalProcess.Describe(run));
            Assert.Contains(WsManNames.ActionPull, await File.ReadAllTextAsync(Path.Combine(work.FullName, "request-3.xml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Contains("EndOfSequence", await File.ReadAllTextAsync(Path.Combine(work.FullName, "response-3.xml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Equal(3, fleet.Hv01.Requests);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
