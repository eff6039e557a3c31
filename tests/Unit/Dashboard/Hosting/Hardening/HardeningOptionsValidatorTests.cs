using CheckpointDashboard.Dashboard.Hosting.Hardening;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting.Hardening;

/// <summary>Each rule of the <c>Hardening</c> section names the key to fix.</summary>
public sealed class HardeningOptionsValidatorTests
{
    private readonly HardeningOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new HardeningOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BehindProxyWithProxies_Succeeds()
    {
        var options = new HardeningOptions { BehindProxy = true };
        options.KnownProxies.Add("10.0.0.5");
        options.KnownNetworks.Add("10.1.0.0/16");

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Bind_PartialSection_KeepsTheOtherDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hardening:BehindProxy"] = "true",
            ["Hardening:KnownProxies:0"] = "10.0.0.5",
            ["Hardening:SignIn:PermitLimit"] = "3",
        }).Build();

        var options = configuration.GetSection(HardeningOptions.SectionName).Get<HardeningOptions>()!;

        Assert.Equal(["10.0.0.5"], options.KnownProxies);
        Assert.Equal(3, options.SignIn.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SignIn.Window);
        Assert.Equal(300, options.Api.PermitLimit);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<HardeningOptions>> BadValues => new()
    {
        { "Hardening:KnownProxies:0", o => { o.BehindProxy = true; o.KnownProxies.Add("proxy.corp"); } },
        { "Hardening:KnownNetworks:0", o => { o.BehindProxy = true; o.KnownNetworks.Add("10.0.0.0"); } },
        { "Hardening:BehindProxy", o => o.KnownProxies.Add("10.0.0.5") },
        { "Hardening:HstsMaxAge", o => o.HstsMaxAge = TimeSpan.FromSeconds(10) },
        { "Hardening:MaxRequestBodyBytes", o => o.MaxRequestBodyBytes = 10 },
        { "Hardening:MaxBulkRequestBodyBytes", o => o.MaxBulkRequestBodyBytes = o.MaxRequestBodyBytes - 1 },
        { "Hardening:HubMaxReceiveMessageBytes", o => o.HubMaxReceiveMessageBytes = 0 },
        { "Hardening:CircuitMaxReceiveMessageBytes", o => o.CircuitMaxReceiveMessageBytes = 100L * 1024 * 1024 },
        { "Hardening:SignIn:PermitLimit", o => o.SignIn.PermitLimit = 0 },
        { "Hardening:SignIn:Window", o => o.SignIn.Window = TimeSpan.Zero },
        { "Hardening:Api:PermitLimit", o => o.Api.PermitLimit = -1 },
        { "Hardening:Api:Window", o => o.Api.Window = TimeSpan.FromDays(2) },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_FailsNamingTheKey(string key, Action<HardeningOptions> spoil)
    {
        var options = new HardeningOptions();
        spoil(options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + ":", failure, StringComparison.Ordinal);
    }
}
