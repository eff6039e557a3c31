using CheckpointDashboard.Dashboard.Bulk;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Bulk;

public sealed class BulkOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new BulkOptionsValidator().Validate(null, new BulkOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(BulkOptions.MaxConcurrentPerHost), "Bulk:MaxConcurrentPerHost")]
    [InlineData(nameof(BulkOptions.MaxConcurrent), "Bulk:MaxConcurrent")]
    [InlineData(nameof(BulkOptions.CheckInterval), "Bulk:CheckInterval")]
    [InlineData(nameof(BulkOptions.InventoryWait), "Bulk:InventoryWait")]
    public void Validate_OutOfRange_NamesTheKey(string property, string key)
    {
        var options = new BulkOptions();
        switch (property)
        {
            case nameof(BulkOptions.MaxConcurrentPerHost):
                options.MaxConcurrentPerHost = 0;
                break;
            case nameof(BulkOptions.MaxConcurrent):
                options.MaxConcurrent = 1001;
                break;
            case nameof(BulkOptions.CheckInterval):
                options.CheckInterval = TimeSpan.Zero;
                break;
            default:
                options.InventoryWait = TimeSpan.FromSeconds(-1);
                break;
        }

        var result = new BulkOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(key + ":", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
