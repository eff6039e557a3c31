using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// The <see cref="ExposurePlan"/> of this process, decided once, on first use. First use is at application start or the
/// first request, both after the server has bound its addresses, so the plan follows what Kestrel really listens on.
/// </summary>
internal sealed class ExposureState(IServer server, IConfiguration configuration, IOptions<HardeningOptions> options)
{
    private readonly Lazy<ExposurePlan> _plan = new(
        () => ExposurePlanner.Decide(ListenAddresses.Resolve(server, configuration), options.Value),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public ExposurePlan Plan => _plan.Value;
}
