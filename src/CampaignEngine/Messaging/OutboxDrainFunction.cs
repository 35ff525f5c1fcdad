using CampaignEngine.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Messaging;

/// <summary>
/// The <c>OutboxDrain</c> timer function: every 5 s under the Functions host (its finest useful
/// schedule; a row waits 5 s anyway, see <see cref="OutboxOptions.DrainAfter"/>), every
/// <see cref="OutboxOptions.DrainInterval"/> standalone, starting at once so that what a killed
/// instance left behind is counted soon after a restart.
/// </summary>
public sealed class OutboxDrainFunction(OutboxDrainer drainer, IOptions<OutboxOptions> options) : ITimerFunction
{
    public string Name => "OutboxDrain";
    public string Schedule => "*/5 * * * * *";
    public TimeSpan Period => options.Value.DrainInterval;
    public TimeSpan? FirstRunDelay => TimeSpan.Zero;

    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => drainer.DrainOnceAsync(cancellationToken);
}
