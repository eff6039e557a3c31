using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class HostFailureTests
{
    private static readonly TimeSpan s_hostTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(CimErrorKind.Unreachable, HostErrorKind.Unreachable)]
    [InlineData(CimErrorKind.Timeout, HostErrorKind.Timeout)]
    [InlineData(CimErrorKind.AuthenticationFailed, HostErrorKind.AuthenticationFailed)]
    [InlineData(CimErrorKind.AccessDenied, HostErrorKind.AccessDenied)]
    [InlineData(CimErrorKind.MalformedResponse, HostErrorKind.MalformedResponse)]
    [InlineData(CimErrorKind.NotSupported, HostErrorKind.NotSupported)]
    [InlineData(CimErrorKind.PlatformNotSupported, HostErrorKind.NotSupported)]
    [InlineData(CimErrorKind.Configuration, HostErrorKind.Configuration)]
    [InlineData(CimErrorKind.ProviderError, HostErrorKind.ProviderError)]
    [InlineData(CimErrorKind.NotFound, HostErrorKind.ProviderError)]
    [InlineData(CimErrorKind.InvalidQuery, HostErrorKind.ProviderError)]
    [InlineData(CimErrorKind.InvalidParameter, HostErrorKind.ProviderError)]
    public void Map_EachCimErrorKind_GivesHostErrorKind(CimErrorKind kind, HostErrorKind expected)
    {
        Assert.Equal(expected, HostFailure.Map(kind));
    }

    [Fact]
    public void Map_EveryCimErrorKind_IsCovered()
    {
        foreach (var kind in Enum.GetValues<CimErrorKind>())
        {
            Assert.NotEqual(HostErrorKind.None, HostFailure.Map(kind));
            Assert.NotEqual(HostErrorKind.Unknown, HostFailure.Map(kind));
        }
    }

    [Fact]
    public void Describe_CimException_KeepsItsMessage()
    {
        var (kind, message) = HostFailure.Describe(new CimException(CimErrorKind.AccessDenied, "Access denied to root\\virtualization\\v2."), s_hostTimeout);

        Assert.Equal(HostErrorKind.AccessDenied, kind);
        Assert.Equal("Access denied to root\\virtualization\\v2.", message);
    }

    [Fact]
    public void Describe_MappingException_IsMalformedResponseNamingTheProperty()
    {
        var (kind, message) = HostFailure.Describe(new CimMappingException("Msvm_ComputerSystem", "Name", "'x' is not a GUID"), s_hostTimeout);

        Assert.Equal(HostErrorKind.MalformedResponse, kind);
        Assert.Equal("Msvm_ComputerSystem.Name: 'x' is not a GUID", message);
    }

    [Fact]
    public void Describe_PollyTimeout_IsTimeoutNamingTheHostTimeout()
    {
        var (kind, message) = HostFailure.Describe(new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:30'."), s_hostTimeout);

        Assert.Equal(HostErrorKind.Timeout, kind);
        Assert.Equal("No complete answer within the host timeout (30 s).", message);
    }

    [Fact]
    public void Describe_OpenCircuitWithRetryAfter_SaysWhenTheNextAttemptGoesThrough()
    {
        var (kind, message) = HostFailure.Describe(new BrokenCircuitException(TimeSpan.FromSeconds(42)), s_hostTimeout);

        Assert.Equal(HostErrorKind.CircuitOpen, kind);
        Assert.Equal("Circuit open after repeated failures; the next attempt goes through in 42 s.", message);
    }

    [Fact]
    public void Describe_OpenCircuitWithoutRetryAfter_SaysOnlyThatItIsOpen()
    {
        var (kind, message) = HostFailure.Describe(new BrokenCircuitException(), s_hostTimeout);

        Assert.Equal(HostErrorKind.CircuitOpen, kind);
        Assert.Equal("Circuit open after repeated failures.", message);
    }

    [Fact]
    public void Describe_AnythingElse_IsUnknownWithTypeAndMessage()
    {
        var (kind, message) = HostFailure.Describe(new InvalidOperationException("boom"), s_hostTimeout);

        Assert.Equal(HostErrorKind.Unknown, kind);
        Assert.Equal("InvalidOperationException: boom", message);
    }
}
