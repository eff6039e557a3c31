using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting;

/// <summary>A bad value in the operator's configuration stops the start with a message that names the key.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Fleet:RefreshInterval", "00:00:00", "Fleet:RefreshInterval")]
    [InlineData("Fleet:MaxConcurrency", "0", "Fleet:MaxConcurrency")]
    [InlineData("Simulator:Speed", "0", "Simulator:Speed")]
    [InlineData("Simulator:Hosts", "-1", "Simulator:Hosts")]
    public async Task Start_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        await using var factory = new DashboardFactory(new() { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = FindValidationError(error);
        Assert.NotNull(validation);
        Assert.Contains(validation!.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RealHostWithUnknownCredential_FailsNamingTheKey()
    {
        await using var factory = new DashboardFactory(new()
        {
            ["Fleet:Hosts:0:Name"] = "HV01",
            ["Fleet:Hosts:0:Credential"] = "nope",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(FindValidationError(error)!.Failures, f => f.StartsWith("Fleet:Hosts:0:Credential", StringComparison.Ordinal));
    }

    private static OptionsValidationException? FindValidationError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException validation)
            {
                return validation;
            }

            if (error is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindValidationError).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }
}
