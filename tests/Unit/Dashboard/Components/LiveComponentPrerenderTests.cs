using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Bunit;
using CheckpointDashboard.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>
/// While prerendering, a live component takes what its feed holds and follows nothing more: the prerendered page's
/// request services are disposed as the response ends, and a later item would reach them (the soak saw it happen).
/// </summary>
public sealed class LiveComponentPrerenderTests : BunitContext
{
    private readonly Channel<int> _items = Channel.CreateUnbounded<int>();

    [Fact]
    public async Task Prerendering_AppliesTheCurrentItem_ThenFollowsNothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        _items.Writer.TryWrite(1);
        var probe = Render<Probe>(p => p.Add(c => c.Feed, ReadAsync));

        _items.Writer.TryWrite(2);
        await Task.Delay(200, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal([1], probe.Instance.Seen);
    }

    [Fact]
    public void Interactive_FollowsEveryItem()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _items.Writer.TryWrite(1);
        var probe = Render<Probe>(p => p.Add(c => c.Feed, ReadAsync));

        _items.Writer.TryWrite(2);

        probe.WaitForAssertion(() => Assert.Equal([1, 2], probe.Instance.Seen));
    }

    private async IAsyncEnumerable<int> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    public sealed class Probe : LiveComponentBase
    {
        [Parameter]
        public Func<CancellationToken, IAsyncEnumerable<int>> Feed { get; set; } = null!;

        public List<int> Seen { get; } = [];

        protected override void OnInitialized() => Follow(Feed, item =>
        {
            Seen.Add(item);
            return true;
        });
    }
}
